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
  },
} as const satisfies SuiteCatalog;
