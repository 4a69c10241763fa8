import { http, HttpResponse, type HttpHandler } from 'msw';
import { ML_SETTINGS, type SimContext } from '../context.ts';
import { readJsonObject, type JsonObject } from '../http/body.ts';
import { HttpError, type OpenSearchErrorBody } from '../http/errors.ts';
import { route } from '../http/route.ts';
import { parseRegisterMetaInput } from '../workflows/register-meta-input.ts';
import { parseChunkNumber, registerMeta, uploadChunk } from '../workflows/upload.ts';

interface RegisterMetaResponse {
  model_id: string;
  status: 'CREATED';
}

interface UploadChunkResponse {
  status: 'Uploaded';
}

/** OpenSearch's answer to a body whose media type no XContent parser handles: not the usual error envelope. */
interface UnsupportedMediaTypeBody {
  error: string;
  status: 406;
}

type ChunkParams = { modelId: string; chunkNumber: string };

/** Media types OpenSearch has an XContent parser for (`XContentType.fromMediaType`). */
const XCONTENT_TYPES = [
  'application/json',
  'application/x-ndjson',
  'application/smile',
  'application/cbor',
  'application/yaml',
  'application/vnd.opensearch+json',
];

/**
 * The chunked-upload path (`RestMLRegisterModelMetaAction`, `RestMLUploadModelChunkAction`), new and legacy routes.
 * Both refuse at once while `allow_registering_model_via_local_file` is off (its default). A chunk body is raw
 * bytes, but the request still needs an XContent media type, checked by the REST layer before the handler.
 */
export function uploadHandlers(ctx: SimContext): HttpHandler[] {
  const base = `${ctx.baseUrl}/_plugins/_ml/models`;

  const meta = route<never, JsonObject, RegisterMetaResponse>(ctx, 'register', async ({ request }) => {
    if (!ctx.settings.getBoolean(ML_SETTINGS.allowLocalFile)) {
      throw new HttpError('localFileRegistrationDisabled');
    }
    const model = registerMeta(ctx, parseRegisterMetaInput(await readJsonObject(request), ctx.profile));
    return HttpResponse.json({ model_id: model.id, status: 'CREATED' as const });
  });

  const chunk = route<ChunkParams, never, UploadChunkResponse | UnsupportedMediaTypeBody>(
    ctx,
    'upload',
    async ({ request, params }) => {
      const contentType = request.headers.get('content-type');
      if (contentType === null || contentType.trim() === '') {
        throw new HttpError('contentTypeMissing');
      }
      const mediaType = contentType.split(';')[0]?.trim().toLowerCase() ?? '';
      if (!XCONTENT_TYPES.includes(mediaType)) {
        return HttpResponse.json(
          { error: `Content-Type header [${contentType}] is not supported`, status: 406 as const },
          { status: 406 },
        );
      }
      const bytes = new Uint8Array(await request.arrayBuffer());
      if (!ctx.settings.getBoolean(ML_SETTINGS.allowLocalFile)) {
        throw new HttpError('localFileUploadDisabled');
      }
      uploadChunk(ctx, params.modelId, parseChunkNumber(params.chunkNumber), bytes);
      return HttpResponse.json({ status: 'Uploaded' as const });
    },
  );

  type MetaBody = RegisterMetaResponse | OpenSearchErrorBody;
  type ChunkBody = UploadChunkResponse | UnsupportedMediaTypeBody | OpenSearchErrorBody;
  return [
    http.post<never, JsonObject, MetaBody>(`${base}/_register_meta`, meta),
    http.post<never, JsonObject, MetaBody>(`${base}/meta`, meta),
    http.post<ChunkParams, never, ChunkBody>(`${base}/:modelId/upload_chunk/:chunkNumber`, chunk),
    http.post<ChunkParams, never, ChunkBody>(`${base}/:modelId/chunk/:chunkNumber`, chunk),
  ];
}
