/**
 * Loads a card's `reference.json` and checks it against the card: the right embedding kinds for the card's
 * symmetry, every probe present, every vector of `expectations.dimension` numbers, no vectors for unknown probes.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { formatJsonPath } from '../ml/text.ts';
import type { CardIssue } from './card-error.ts';
import type { CardDocument } from './card-schema.ts';
import type { ReferenceEmbeddings, VectorsByProbe } from './model-card.ts';
import { readJsonFile } from './read-fixture-file.ts';
import { EMBEDDING_KINDS, type EmbeddingKind, referenceSchema } from './reference-schema.ts';
import { relativeToRepo } from './repo-paths.ts';
import { parseWithIssues } from './zod-issues.ts';

export function loadReference(
  card: CardDocument,
  cardDir: string,
  cardFile: string,
): { reference?: ReferenceEmbeddings; issues: CardIssue[] } {
  if (card.reference === undefined) {
    return { issues: [] };
  }
  const path = resolve(cardDir, card.reference);
  const file = relativeToRepo(path);
  if (!statSync(path, { throwIfNoEntry: false })?.isFile()) {
    return { issues: [{ file: cardFile, path: 'reference', reason: `file not found: ${file}` }] };
  }
  const read = readJsonFile(path, file);
  if (!read.ok) {
    return { issues: read.issues };
  }
  const parsed = parseWithIssues(referenceSchema, read.value, file);
  if (!parsed.ok) {
    return { issues: parsed.issues };
  }
  const { embeddings, generator } = parsed.value;
  const wanted: readonly EmbeddingKind[] = card.expectations.asymmetric ? ['query', 'passage'] : ['plain'];
  const symmetry = card.expectations.asymmetric ? 'an asymmetric' : 'a symmetric';
  const issues: CardIssue[] = [];
  for (const kind of EMBEDDING_KINDS) {
    const vectors = embeddings[kind];
    const kindPath = formatJsonPath(['embeddings', kind]);
    if (!wanted.includes(kind)) {
      if (vectors !== undefined) {
        issues.push({ file, path: kindPath, reason: `not expected for ${symmetry} card` });
      }
    } else if (vectors === undefined) {
      issues.push({ file, path: kindPath, reason: `required for ${symmetry} card` });
    } else {
      issues.push(...checkVectors(card, vectors, kind, file));
    }
  }
  if (issues.length > 0) {
    return { issues };
  }
  const reference: ReferenceEmbeddings = {
    path,
    ...(generator === undefined ? {} : { generator }),
    ...(embeddings.plain === undefined ? {} : { plain: embeddings.plain }),
    ...(embeddings.query === undefined ? {} : { query: embeddings.query }),
    ...(embeddings.passage === undefined ? {} : { passage: embeddings.passage }),
  };
  return { reference, issues: [] };
}

function checkVectors(card: CardDocument, vectors: VectorsByProbe, kind: EmbeddingKind, file: string): CardIssue[] {
  const issues: CardIssue[] = [];
  const dimension = card.expectations.dimension;
  const probeIds = new Set(card.probes.map((probe) => probe.id));
  for (const probe of card.probes) {
    const vector = vectors[probe.id];
    const path = formatJsonPath(['embeddings', kind, probe.id]);
    if (vector === undefined) {
      issues.push({ file, path, reason: `missing (card.yaml has probe ${JSON.stringify(probe.id)})` });
    } else if (vector.length !== dimension) {
      issues.push({
        file,
        path,
        reason: `has ${vector.length} values, expected ${dimension} (expectations.dimension)`,
      });
    }
  }
  for (const id of Object.keys(vectors)) {
    if (!probeIds.has(id)) {
      issues.push({
        file,
        path: formatJsonPath(['embeddings', kind, id]),
        reason: 'no probe with this id in card.yaml',
      });
    }
  }
  return issues;
}
