import { http, HttpResponse, type HttpHandler } from 'msw';
import type { SimContext } from '../context.ts';
import { readJsonObject } from '../http/body.ts';
import { HttpError, type OpenSearchErrorBody } from '../http/errors.ts';
import { route, type RouteInfo } from '../http/route.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import { resolveModelInputs } from '../predict/asymmetric.ts';
import { parsePredictInput, type PredictInput } from '../predict/input.ts';
import { predictResponse, type PredictResponseBody } from '../predict/output.ts';

interface PredictBody {
  text_docs?: string[];
  target_response?: string[];
  return_number?: boolean;
  parameters?: { content_type?: string };
}

type AlgorithmParams = { algorithm: string; modelId: string };
type ModelParams = { modelId: string };

export function predictHandlers(ctx: SimContext): HttpHandler[] {
  const ml = `${ctx.baseUrl}/_plugins/_ml`;

  /**
   * RestMLPredictionAction: with the algorithm in the path the body is parsed before the model is looked up;
   * on `models/{id}/_predict` the model is fetched first (to learn its algorithm), so an unknown model wins there.
   */
  const predict = async (
    modelId: string,
    request: Request,
    bodyFirst: boolean,
  ): Promise<HttpResponse<PredictResponseBody>> => {
    const read = async (): Promise<PredictInput> => parsePredictInput(await readJsonObject(request), ctx.profile);
    const early = bodyFirst ? await read() : undefined;
    const model = ctx.store.models.get(modelId);
    if (model === undefined) {
      throw new HttpError('modelNotFoundForPredict', { id: modelId });
    }
    const input = early ?? (await read());
    if (model.loadedOn.size === 0 || model.artifact === undefined || model.sha256 === undefined) {
      throw new HttpError('modelNotReady', { id: modelId });
    }
    const config = model.doc.model_config;
    const wrong = ctx.faults.wrong;
    const inputs = resolveModelInputs(config, input, wrong, model.id);
    if (
      input.targetResponse === undefined &&
      model.doc.model_format === 'TORCH_SCRIPT' &&
      config.framework_type === 'SENTENCE_TRANSFORMERS'
    ) {
      // A traced sentence-transformers module emits every tensor it returns (token_embeddings, …); the simulator
      // only knows sentence_embedding and will not fake the rest.
      throw new SimulatorUnsupportedError(
        'TorchScript sentence_transformers predict without target_response (the real node returns every tensor of the module)',
      );
    }
    const vectors = await ctx.inference.embed({
      artifact: model.artifact,
      sha256: model.sha256,
      format: model.doc.model_format,
      modelConfig: wrong.ignoreNormalize === true ? { ...config, normalize_result: false } : config,
      texts: inputs.texts,
      sourceTexts: input.texts,
      ...(inputs.contentType === undefined ? {} : { contentType: inputs.contentType }),
    });
    if (vectors.length !== inputs.texts.length) {
      throw new Error(
        `inference backend ${ctx.inference.name} returned ${vectors.length} vectors for ${inputs.texts.length} texts`,
      );
    }
    return HttpResponse.json(
      predictResponse(vectors, {
        returnNumber: input.returnNumber,
        wrong,
        ...(input.targetResponse === undefined ? {} : { targetResponse: input.targetResponse }),
      }),
    );
  };

  return [
    http.post<AlgorithmParams, PredictBody, PredictResponseBody | OpenSearchErrorBody>(
      `${ml}/_predict/:algorithm/:modelId`,
      route(ctx, 'predict', ({ params, request }: RouteInfo<AlgorithmParams>) => {
        if (params.algorithm.toLowerCase() !== 'text_embedding') {
          throw new SimulatorUnsupportedError(`predict for algorithm ${params.algorithm}`);
        }
        return predict(params.modelId, request, true);
      }),
    ),
    http.post<ModelParams, PredictBody, PredictResponseBody | OpenSearchErrorBody>(
      `${ml}/models/:modelId/_predict`,
      route(ctx, 'predict', ({ params, request }) => predict(params.modelId, request, false)),
    ),
  ];
}
