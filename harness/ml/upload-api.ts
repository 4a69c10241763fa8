/**
 * Registration without a URL: `_register_meta` creates the model (REGISTERING) from its metadata, then the zip goes
 * up in numbered chunks of at most 10,000,000 bytes; the last one makes it REGISTERED. The hash is only checked
 * when the model is deployed. Both endpoints need `plugins.ml_commons.allow_registering_model_via_local_file`.
 */
import { call, seg } from './call.ts';
import type { RegisterModelMetaRequest } from './request-types.ts';
import type { MlTransport, RequestOptions } from './transport.ts';
import {
  registerModelMetaResponseSchema,
  uploadChunkResponseSchema,
  type RegisterModelMetaResponse,
  type UploadChunkResponse,
} from './upload-schemas.ts';

/** `ModelHelper.CHUNK_SIZE`: one byte more is refused with "Chunk size exceeds 10MB" (so is 10 MiB). */
export const MAX_CHUNK_BYTES = 10_000_000;

export interface UploadApi {
  registerModelMeta(request: RegisterModelMetaRequest, options?: RequestOptions): Promise<RegisterModelMetaResponse>;
  /** `chunkNumber` is a string only for negative checks that send what ML Commons cannot parse. */
  uploadModelChunk(
    modelId: string,
    chunkNumber: number | string,
    bytes: Uint8Array,
    options?: RequestOptions,
  ): Promise<UploadChunkResponse>;
}

const BASE = '/_plugins/_ml/models';

export function uploadApi(transport: MlTransport): UploadApi {
  return {
    registerModelMeta(request, options) {
      const post = {
        method: 'POST',
        path: `${BASE}/_register_meta`,
        endpoint: `POST ${BASE}/_register_meta`,
        body: request,
      } as const;
      return call(transport, post, registerModelMetaResponseSchema, options);
    },

    uploadModelChunk(modelId, chunkNumber, bytes, options) {
      // The typed client's `ml.uploadChunk` sends `{chunk: string}` JSON, which ML Commons would store as model
      // bytes; the body must be the raw slice. A Buffer goes through the transport unserialised, with the default
      // `application/json` content type — which OpenSearch requires (application/octet-stream is a 406).
      const post = {
        method: 'POST',
        path: `${BASE}/${seg(modelId)}/upload_chunk/${seg(String(chunkNumber))}`,
        endpoint: `POST ${BASE}/{model_id}/upload_chunk/{chunk_number}`,
        body: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      } as const;
      return call(transport, post, uploadChunkResponseSchema, options);
    },
  };
}
