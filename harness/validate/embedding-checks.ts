/**
 * Checks that need the model's numbers: an ONNX model's real inputs and output dimension against model_config, the
 * card's reference.json against what the harness computes for ONNX, and whether an asymmetric card's divergence
 * threshold can be met at all (`asymmetric.divergence` passes when cosine(query(T), passage(T)) < threshold).
 */
import { crossCheckCard, type CrossCheckCode } from '../onnx/cross-check-card.ts';
import { inspectOnnx } from '../onnx/inspect-onnx.ts';
import { allClose, cosine } from '../matchers/vector-math.ts';
import type { ModelCard } from '../models/model-card.ts';
import { createOnnxReference } from '../onnx/onnx-reference.ts';
import { findingCollector, type Finding } from './finding.ts';

const CROSS_CHECK_PATH: Record<CrossCheckCode, string> = {
  'dimension-mismatch': 'model_config.embedding_dimension',
  'missing-input': 'artifact',
  'token-type-ids-mismatch': 'model_config.model_type',
  'unexpected-input': 'artifact',
  'output-shape': 'artifact',
};

export async function checkOnnxModel(
  card: ModelCard,
  zipPath: string,
  options: { readonly embeddings: boolean },
): Promise<Finding[]> {
  const report = findingCollector(card.file);
  const inspection = await inspectOnnx(zipPath).catch((error: unknown) => {
    report.error('artifact', `the ONNX model does not load in ONNX Runtime: ${(error as Error).message}`);
    return undefined;
  });
  if (inspection === undefined) {
    return report.findings;
  }
  for (const finding of crossCheckCard(card, inspection)) {
    report.error(CROSS_CHECK_PATH[finding.code], finding.message);
  }
  if (report.findings.length > 0 || !options.embeddings) {
    return report.findings;
  }
  const onnx = createOnnxReference(card, { zipPath });
  const kinds = card.expectations.asymmetric ? (['query', 'passage'] as const) : ([undefined] as const);
  const computed = new Map<string, number[]>();
  for (const probe of card.probes) {
    for (const kind of kinds) {
      const embedded = await onnx.embed(probe.text, kind).catch((error: unknown) => {
        report.error(`probes`, `the model fails on probe "${probe.id}": ${(error as Error).message.split('\n')[0]}`);
        return undefined;
      });
      if (embedded === undefined) {
        return report.findings;
      }
      const vector = Array.from(embedded);
      computed.set(`${kind ?? 'plain'}:${probe.id}`, vector);
      const golden = card.reference?.[kind ?? 'plain']?.[probe.id];
      if (golden === undefined) {
        continue;
      }
      const { minCosine, rtol, atol } = card.expectations.tolerance;
      const close = allClose(vector, golden, rtol, atol);
      const similarity = cosine(vector, golden);
      if (!(similarity >= minCosine) || close.violations > 0) {
        report.error(
          'reference',
          `reference.json ${kind ?? 'plain'}.${probe.id} differs from the embedding computed from the zip (cosine ${similarity.toFixed(6)}, ${close.violations} values outside rtol ${rtol} / atol ${atol}, worst |diff| ${close.worstDiff.toExponential(2)} at [${close.worstIndex}])`,
        );
      }
    }
  }
  if (card.expectations.asymmetric) {
    report.findings.push(
      ...divergenceFindings(card, (kind, id) => computed.get(`${kind}:${id}`), 'computed from the zip'),
    );
  }
  return report.findings;
}

/** The threshold must be below 1 (a cosine never exceeds 1, so 1 accepts anything) and above every probe's cosine. */
export function divergenceFindings(
  card: ModelCard,
  vector: (kind: 'query' | 'passage', probeId: string) => readonly number[] | undefined,
  source: string,
): Finding[] {
  const report = findingCollector(card.file);
  const threshold = card.expectations.divergenceMaxCosine;
  if (!card.expectations.asymmetric || threshold === undefined) {
    return report.findings;
  }
  if (threshold >= 1) {
    report.error(
      'expectations.divergence_max_cosine',
      `is ${threshold}: the check is cosine(query, passage) < threshold and a cosine is at most 1, so it must be below 1`,
    );
    return report.findings;
  }
  for (const probe of card.probes) {
    const query = vector('query', probe.id);
    const passage = vector('passage', probe.id);
    if (query === undefined || passage === undefined) {
      continue;
    }
    const similarity = cosine(query, passage);
    if (similarity >= threshold) {
      report.error(
        'expectations.divergence_max_cosine',
        `is ${threshold} but cosine(query, passage) of probe "${probe.id}" is ${similarity.toFixed(4)} (${source}): the check cannot pass`,
      );
    }
  }
  return report.findings;
}
