/**
 * Response schemas of the chunked-upload path (`_register_meta`, `upload_chunk`), as observed on 2.19.6 and 3.6.0:
 * the meta request answers synchronously with the model id (there is no task), each chunk with `"Uploaded"`.
 */
import { z } from 'zod';

export const registerModelMetaResponseSchema = z.looseObject({ model_id: z.string().min(1), status: z.string() });
export type RegisterModelMetaResponse = z.infer<typeof registerModelMetaResponseSchema>;

export const uploadChunkResponseSchema = z.looseObject({ status: z.string() });
export type UploadChunkResponse = z.infer<typeof uploadChunkResponseSchema>;
