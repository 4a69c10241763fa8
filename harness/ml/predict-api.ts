/**
 * Predict through either REST route (ml-commons-behavior.md §3.4). Both accept the same `text_docs` body; the suite
 * runs its checks over both because they are separate handlers on the server.
 */
import { call, seg } from './call.ts';
import { predictResponseSchema, type PredictResponse } from './predict-schema.ts';
import type { PredictRequest, PredictRoute } from './request-types.ts';
import type { MlTransport, RequestOptions } from './transport.ts';

export interface PredictOptions extends RequestOptions {
  /** Default `text_embedding` (`/_plugins/_ml/_predict/text_embedding/{id}`). */
  readonly route?: PredictRoute;
}

export interface PredictApi {
  predict(modelId: string, request: PredictRequest, options?: PredictOptions): Promise<PredictResponse>;
  /** `POST /_plugins/_ml/_predict/text_embedding/{model_id}` */
  predictTextEmbedding(modelId: string, request: PredictRequest, options?: RequestOptions): Promise<PredictResponse>;
  /** `POST /_plugins/_ml/models/{model_id}/_predict` */
  predictWithModel(modelId: string, request: PredictRequest, options?: RequestOptions): Promise<PredictResponse>;
}

export function predictApi(transport: MlTransport): PredictApi {
  const viaRoute = (modelId: string, request: PredictRequest, route: PredictRoute, options?: RequestOptions) => {
    const [path, endpoint] =
      route === 'model'
        ? [`/_plugins/_ml/models/${seg(modelId)}/_predict`, 'POST /_plugins/_ml/models/{model_id}/_predict']
        : [
            `/_plugins/_ml/_predict/text_embedding/${seg(modelId)}`,
            'POST /_plugins/_ml/_predict/text_embedding/{model_id}',
          ];
    return call(transport, { method: 'POST', path, endpoint, body: request }, predictResponseSchema, options);
  };
  return {
    predict: (modelId, request, options) => viaRoute(modelId, request, options?.route ?? 'text_embedding', options),
    predictTextEmbedding: (modelId, request, options) => viaRoute(modelId, request, 'text_embedding', options),
    predictWithModel: (modelId, request, options) => viaRoute(modelId, request, 'model', options),
  };
}
