/**
 * The typed ML Commons client: one object per target, composed of the per-area APIs. Suites and the lifecycle driver
 * depend on narrow slices of it (`Pick<MlClient, 'getTask'>`), so unit tests can hand in small fakes.
 */
import { neuralApi, type NeuralApi } from '../neural/neural-api.ts';
import type { TargetConnection } from '../targets/target-info.ts';
import { clusterApi, type ClusterApi } from './cluster-api.ts';
import { diagnosticsApi, type DiagnosticsApi } from './diagnostics-api.ts';
import { modelApi, type ModelApi } from './model-api.ts';
import { modelGroupApi, type ModelGroupApi } from './model-group-api.ts';
import { predictApi, type PredictApi } from './predict-api.ts';
import { taskApi, type TaskApi } from './task-api.ts';
import { createMlTransport, type MlClientOptions, type MlTransport } from './transport.ts';
import { uploadApi, type UploadApi } from './upload-api.ts';

export interface MlClient
  extends ClusterApi, ModelGroupApi, ModelApi, UploadApi, TaskApi, PredictApi, DiagnosticsApi, NeuralApi {
  /** Base URL without credentials. */
  readonly baseUrl: string;
  /** Untyped access for negative checks that send bodies the typed API does not allow. */
  readonly transport: MlTransport;
  close(): Promise<void>;
}

export function createMlClient(connection: TargetConnection, options?: MlClientOptions): MlClient {
  return mlClientOver(createMlTransport(connection, options));
}

/** Builds the client over any transport (tests use a fake one). */
export function mlClientOver(transport: MlTransport): MlClient {
  return {
    ...clusterApi(transport),
    ...modelGroupApi(transport),
    ...modelApi(transport),
    ...uploadApi(transport),
    ...taskApi(transport),
    ...predictApi(transport),
    ...diagnosticsApi(transport),
    ...neuralApi(transport),
    baseUrl: transport.baseUrl,
    transport,
    close: () => transport.close(),
  };
}
