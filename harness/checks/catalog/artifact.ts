/** `suites/artifact.spec.ts`: the artifact itself, before any cluster sees it. */
import type { SuiteCatalog } from './check-requirement.ts';

export const ARTIFACT_CHECKS = {
  file: 'artifact.spec.ts',
  checks: {
    'artifact.zip-layout': {
      title: 'the zip passes ML Commons’ layout rules (one model file, tokenizer.json at the root, no executables)',
    },
    'artifact.onnx-io': {
      title: 'the ONNX inputs match what ML Commons sends and the output dimension matches embedding_dimension',
      cards: 'onnx',
    },
    'artifact.onnx-goldens': {
      title: 'the goldens in reference.json agree with the embeddings computed from the ONNX zip',
      detail:
        'validate’s ONNX model checks in every run: golden vectors made elsewhere (e.g. by sentence-transformers) match what the harness computes as ML Commons does, within the card’s tolerance',
      cards: 'onnx-goldens',
    },
  },
} as const satisfies SuiteCatalog;
