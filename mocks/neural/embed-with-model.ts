import type { SimContext } from '../context.ts';
import { HttpError } from '../http/errors.ts';
import type { HttpErrorKey } from '../profiles/index.ts';
import { resolveModelInputs } from '../predict/asymmetric.ts';
import type { ContentType } from '../predict/input.ts';

/** The model's config declares a prefix: what neural-search (3.5+, `AsymmetricModelDetector`) calls asymmetric. */
export function isAsymmetricModel(ctx: SimContext, modelId: string): boolean {
  const config = ctx.store.models.get(modelId)?.doc.model_config;
  return config?.query_prefix !== undefined || config?.passage_prefix !== undefined;
}

/**
 * How neural-search asks ML Commons for embeddings (ingest processor, neural query): the same inference path as
 * `_predict`, with `content_type` set only when the emulated neural-search passes one (3.5+, PR #1605). Without it an
 * asymmetric model fails exactly like a `_predict` without content type — the error a 2.19.6 node gives at ingest.
 */
export async function embedWithModel(
  ctx: SimContext,
  modelId: string,
  texts: readonly string[],
  contentType: ContentType | undefined,
  notFound: HttpErrorKey,
): Promise<number[][]> {
  const model = ctx.store.models.get(modelId);
  if (model === undefined) {
    throw new HttpError(notFound, { id: modelId });
  }
  if (model.loadedOn.size === 0 || model.artifact === undefined || model.sha256 === undefined) {
    throw new HttpError('modelNotReady', { id: modelId });
  }
  const config = model.doc.model_config;
  const input = {
    texts,
    returnNumber: true,
    ...(contentType === undefined ? {} : { parameters: { contentType } }),
  };
  const inputs = resolveModelInputs(config, input, ctx.faults.wrong, model.id);
  const vectors = await ctx.inference.embed({
    artifact: model.artifact,
    sha256: model.sha256,
    format: model.doc.model_format,
    modelConfig: config,
    texts: inputs.texts,
    sourceTexts: texts,
    ...(inputs.contentType === undefined ? {} : { contentType: inputs.contentType }),
  });
  if (vectors.length !== texts.length) {
    throw new Error(
      `inference backend ${ctx.inference.name} returned ${vectors.length} vectors for ${texts.length} texts`,
    );
  }
  // A real node computes and stores float32.
  return vectors.map((vector) => vector.map((value) => Math.fround(value)));
}

/** The content type neural-search passes for `purpose`, on the emulated line, for this model. */
export function neuralContentType(
  ctx: SimContext,
  modelId: string,
  purpose: 'ingest' | 'query',
): ContentType | undefined {
  const passes =
    ctx.profile.features.neuralSearchPassesContentType || ctx.faults.wrong.neuralContentTypeBefore35 === true;
  if (!passes || !isAsymmetricModel(ctx, modelId)) {
    return undefined;
  }
  if (purpose === 'query') {
    return ctx.faults.wrong.neuralQueryAsPassage === true ? 'PASSAGE' : 'QUERY';
  }
  return 'PASSAGE';
}
