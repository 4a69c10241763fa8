/**
 * The harness's own ONNX reference must reproduce the fixture generator's golden vectors (Python tokenizers +
 * onnxruntime), which were computed independently; and it must truncate like DJL does.
 */
import { afterAll, describe, expect, it } from 'vitest';
import type { EncodedText } from './djl-tokenizer.ts';
import { loadCards } from '../models/load-cards.ts';
import type { ModelCard, Probe } from '../models/model-card.ts';
import { type ContentType, createOnnxReference, releaseOnnxReferences } from './onnx-reference.ts';

const GOLDEN = { minCosine: 0.99999, rtol: 1e-3, atol: 1e-5 };

const onnxCards = loadCards().filter((card) => card.format === 'ONNX' && card.unavailable === undefined);

interface ProbeCase {
  readonly probe: Probe;
  readonly kind: 'plain' | ContentType;
}

function probeCases(card: ModelCard): ProbeCase[] {
  const kinds = card.expectations.asymmetric ? (['query', 'passage'] as const) : (['plain'] as const);
  return card.probes.flatMap((probe) => kinds.map((kind) => ({ probe, kind })));
}

/** Longest character prefix (trailing spaces dropped) that the tokenizer does not need to truncate. */
function longestUntruncatedPrefix(text: string, encode: (text: string) => EncodedText): string {
  for (let end = text.length; end > 0; end--) {
    const candidate = text.slice(0, end).trimEnd();
    if (!encode(candidate).truncated) {
      return candidate;
    }
  }
  return '';
}

afterAll(releaseOnnxReferences);

describe.for(onnxCards.map((card) => [card.id, card] as const))('%s', ([, card]) => {
  const reference = createOnnxReference(card);

  it.for(probeCases(card).map((entry) => [`${entry.probe.id} (${entry.kind})`, entry] as const))(
    'matches the golden vector for %s',
    async ([, { probe, kind }]) => {
      const golden = card.reference?.[kind]?.[probe.id];
      expect(golden, `reference.json has embeddings.${kind}.${probe.id}`).toBeDefined();
      const actual = await reference.embed(probe.text, kind === 'plain' ? undefined : kind);
      expect(actual).toMatchEmbedding(golden ?? [], GOLDEN);
      expect(actual).toBeEmbedding({ dimension: card.expectations.dimension });
      if (card.expectations.normalized) {
        expect(actual).toBeUnitNorm(1e-5);
      }
    },
  );

  it.for(card.probes.filter((probe) => probe.exceedsMaxLength).map((probe) => [probe.id, probe] as const))(
    'truncates the long probe %s: same result as the text cut at the token limit',
    async ([, probe]) => {
      const contentType = card.expectations.asymmetric ? 'query' : undefined;
      const tokenizer = reference.tokenizer();
      const encoded = reference.encode(probe.text, contentType);
      expect(encoded.truncated).toBe(true);
      expect(encoded.ids).toHaveLength(tokenizer.maxLength);

      const cut = longestUntruncatedPrefix(reference.prefixed(probe.text, contentType), (text) =>
        tokenizer.encode(text),
      );
      expect(tokenizer.encode(cut).ids, 'the cut text fills the limit exactly').toEqual(encoded.ids);
      const cutText = cut.slice(reference.prefixed('', contentType).length);
      expect(await reference.embed(probe.text, contentType)).toMatchEmbedding(
        await reference.embed(cutText, contentType),
        { minCosine: 0.999999, rtol: 1e-6, atol: 1e-7 },
      );
    },
  );
});
