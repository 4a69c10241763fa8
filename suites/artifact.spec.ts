/**
 * The artifact itself, before any cluster sees it: the zip layout ML Commons enforces at register and deploy, and
 * (ONNX) that the model's inputs and output dimension agree with the card's model_config — ML Commons never checks
 * embedding_dimension, and an input mismatch only surfaces at predict.
 */
import { describe, expect } from 'vitest';
import { localZipPath } from '../harness/artifacts/artifact-cache.ts';
import { crossCheckCard } from '../harness/onnx/cross-check-card.ts';
import { inspectOnnx } from '../harness/onnx/inspect-onnx.ts';
import { lintModelZip } from '../harness/artifacts/lint-model-zip.ts';
import { conformanceCards } from '../harness/suite/fixtures.ts';
import { checkOnnxModel } from '../harness/validate/embedding-checks.ts';
import { formatFinding } from '../harness/validate/finding.ts';
import { openSuite } from '../harness/suite/suite-context.ts';

describe.for(conformanceCards())('artifact · $id', (card) => {
  const s = openSuite('artifact', card);
  // The committed zip, or the copy of a URL artifact the target's globalSetup downloaded (and verified).
  const zipPath = (): string => {
    const local = localZipPath(card.artifact);
    if (local === undefined) {
      throw new Error(`${card.id}: no local copy of ${card.artifact.kind === 'url' ? card.artifact.url : 'the zip'}`);
    }
    return local;
  };

  s.check('artifact.zip-layout', () => {
    expect(lintModelZip(zipPath(), card.format)).toEqual([]);
    return Promise.resolve();
  });

  s.check('artifact.onnx-io', async () => {
    expect(crossCheckCard(card, await inspectOnnx(zipPath()))).toEqual([]);
  });

  s.check('artifact.onnx-goldens', async () => {
    const findings = await checkOnnxModel(card, zipPath(), { embeddings: true });
    expect(findings.map(formatFinding)).toEqual([]);
  });
});
