/**
 * The recording scenarios and where each one's recordings go: `lifecycle` (URL registration and the API around it,
 * `responses.json`; needs a node that never saw an ML request) and `upload` (chunked upload, `upload.json`; any
 * node whose opensearch.yml allows local-file registration). The recorder and the simulator comparison both read
 * this table, so a new scenario is one entry.
 */
import { readFileSync } from 'node:fs';
import type { ArtifactServer } from '../artifacts/artifact-server.ts';
import type { MlTransport } from '../ml/transport.ts';
import type { NegativeCase } from '../models/load-negative-cases.ts';
import type { ModelCard } from '../models/model-card.ts';
import type { Exchange } from './exchange.ts';
import { recordingFixtures } from './recording-fixtures.ts';
import { runRecordingScenario } from './scenario.ts';
import type { ScenarioOptions } from './scenario-recorder.ts';
import { runUploadScenario } from './upload-scenario.ts';

export interface ScenarioInputs {
  readonly cards: readonly ModelCard[];
  readonly negatives: readonly NegativeCase[];
  readonly artifacts: ArtifactServer;
  readonly runSuffix: string;
}

export interface RecordingScenario {
  /** File name under `fixtures/recordings/<version>/`. */
  readonly file: string;
  run(transport: MlTransport, inputs: ScenarioInputs, options?: ScenarioOptions): Promise<Exchange[]>;
}

export type ScenarioName = 'lifecycle' | 'upload';

export const RECORDING_SCENARIOS: Readonly<Record<ScenarioName, RecordingScenario>> = {
  lifecycle: {
    file: 'responses.json',
    async run(transport, inputs, options) {
      const fixtures = await recordingFixtures(inputs.cards, inputs.negatives, inputs.artifacts, inputs.runSuffix);
      return runRecordingScenario(transport, fixtures, options);
    },
  },
  upload: {
    file: 'upload.json',
    run(transport, inputs, options) {
      // The recordings were made with tiny-onnx-sym (three chunks of a small zip); a real model's chunks differ.
      const card = inputs.cards.find((c) => c.id === 'tiny-onnx-sym');
      if (card?.artifact.kind !== 'file') {
        throw new Error('upload recording scenario needs the committed tiny-onnx-sym card');
      }
      const zip = new Uint8Array(readFileSync(card.artifact.path));
      return runUploadScenario(transport, { card, zip, runSuffix: inputs.runSuffix }, options);
    },
  },
};

export function isScenarioName(name: string): name is ScenarioName {
  return Object.hasOwn(RECORDING_SCENARIOS, name);
}
