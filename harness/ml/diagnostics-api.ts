/** ML profile and stats: recorded in reports (where is the model loaded, inference latency), rarely asserted. */
import { call, seg } from './call.ts';
import {
  mlStatsResponseSchema,
  modelProfileResponseSchema,
  type MlStatsResponse,
  type ModelProfileResponse,
} from './cluster-schemas.ts';
import type { MlTransport, RequestOptions } from './transport.ts';

export interface DiagnosticsApi {
  getModelProfile(modelId: string, options?: RequestOptions): Promise<ModelProfileResponse>;
  getMlStats(options?: RequestOptions): Promise<MlStatsResponse>;
}

export function diagnosticsApi(transport: MlTransport): DiagnosticsApi {
  return {
    getModelProfile(modelId, options) {
      const path = `/_plugins/_ml/profile/models/${seg(modelId)}`;
      const get = { method: 'GET', path, endpoint: 'GET /_plugins/_ml/profile/models/{model_id}' } as const;
      return call(transport, get, modelProfileResponseSchema, options);
    },

    getMlStats(options) {
      const get = { method: 'GET', path: '/_plugins/_ml/stats', endpoint: 'GET /_plugins/_ml/stats' } as const;
      return call(transport, get, mlStatsResponseSchema, options);
    },
  };
}
