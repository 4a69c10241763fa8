/**
 * Registration without a URL (the path opensearch-py-ml takes): `_register_meta` creates the model from its metadata
 * — synchronously, so its id is tracked before a single chunk goes up — then the zip is sent in numbered chunks of at
 * most 10,000,000 bytes, read from disk one at a time. The chunk numbered `total_chunks - 1` makes the model
 * REGISTERED; ML Commons compares the hash only when the model is deployed (upload-facts, README "Registering").
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { Clock } from '../ml/clock.ts';
import type { MlClient } from '../ml/client.ts';
import { MlHttpError } from '../ml/errors.ts';
import type { RegisterModelMetaRequest } from '../ml/request-types.ts';
import { MAX_CHUNK_BYTES } from '../ml/upload-api.ts';
import { leftoverModelIds } from './registration-leftovers.ts';

/** The zip on this machine, with the digest and size the metadata declares. */
export interface UploadArtifact {
  readonly path: string;
  readonly sha256: string;
  readonly size: number;
}

export type UploadClient = Pick<MlClient, 'registerModelMeta' | 'uploadModelChunk' | 'searchModels'>;

/** Models above this many chunks report each chunk as it goes up (a tiny card stays quiet). */
const PROGRESS_FROM_CHUNKS = 2;

export function chunkCount(size: number, chunkBytes: number = MAX_CHUNK_BYTES): number {
  return Math.max(1, Math.ceil(size / chunkBytes));
}

/** A chunk size the server accepts: 1 … 10,000,000 bytes. */
export function checkedChunkBytes(chunkBytes: number | undefined): number {
  const bytes = chunkBytes ?? MAX_CHUNK_BYTES;
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > MAX_CHUNK_BYTES) {
    throw new RangeError(`chunk size ${bytes}: ML Commons accepts 1 to ${MAX_CHUNK_BYTES} bytes per chunk`);
  }
  return bytes;
}

export interface MetaRegistration {
  readonly client: UploadClient;
  /** Without `total_chunks` and size: they follow from the artifact and the chunk size. */
  readonly request: RegisterModelMetaRequest;
  readonly artifact: UploadArtifact;
  readonly chunkBytes?: number;
  /** Called with the model id the moment the server names it (or a leftover is found after a lost answer). */
  readonly track: (modelId: string) => void;
  readonly signal?: AbortSignal;
}

/**
 * Sends the metadata. A refused request (an HTTP error answer) created nothing; a timeout or a dropped connection
 * may have, so the model is then looked up by its exact name and tracked.
 */
export async function registerMeta(input: MetaRegistration): Promise<{ modelId: string; totalChunks: number }> {
  const totalChunks = chunkCount(input.artifact.size, checkedChunkBytes(input.chunkBytes));
  const body: RegisterModelMetaRequest = {
    ...input.request,
    model_content_size_in_bytes: input.artifact.size,
    total_chunks: totalChunks,
  };
  const options = input.signal === undefined ? {} : { signal: input.signal };
  try {
    const { model_id: modelId } = await input.client.registerModelMeta(body, options);
    input.track(modelId);
    return { modelId, totalChunks };
  } catch (error) {
    if (!(error instanceof MlHttpError)) {
      for (const id of await leftoverModelIds(input.client, input.request.name, error)) {
        input.track(id);
      }
    }
    throw error;
  }
}

export interface ChunkUpload {
  readonly client: Pick<MlClient, 'uploadModelChunk'>;
  readonly modelId: string;
  readonly artifact: UploadArtifact;
  readonly chunkBytes?: number;
  /** Which chunk numbers to send, in order (default: all); negative checks leave some out on purpose. */
  readonly numbers?: readonly number[];
  /** Progress lines for models of several chunks. */
  readonly progress?: (line: string) => void;
  readonly label?: string;
  readonly clock?: Pick<Clock, 'now'>;
  readonly signal?: AbortSignal;
}

/** Sends the chunks one after another, reading each from disk just before it goes up. Returns the bytes sent. */
export async function uploadChunks(input: ChunkUpload): Promise<number> {
  const chunkBytes = checkedChunkBytes(input.chunkBytes);
  const total = chunkCount(input.artifact.size, chunkBytes);
  const numbers = input.numbers ?? Array.from({ length: total }, (_, n) => n);
  const clock = input.clock ?? Date;
  const started = clock.now();
  const options = input.signal === undefined ? {} : { signal: input.signal };
  const file = await open(input.artifact.path, 'r');
  let sent = 0;
  try {
    for (const [index, n] of numbers.entries()) {
      const bytes = await readChunk(file, input.artifact, n, chunkBytes);
      await input.client.uploadModelChunk(input.modelId, n, bytes, options);
      sent += bytes.byteLength;
      if (total >= PROGRESS_FROM_CHUNKS) {
        const seconds = ((clock.now() - started) / 1000).toFixed(1);
        input.progress?.(
          `upload ${input.label ?? input.modelId}: chunk ${index + 1}/${numbers.length} (${mb(sent)} of ${mb(input.artifact.size)} MB, ${seconds} s)`,
        );
      }
    }
  } finally {
    await file.close();
  }
  return sent;
}

async function readChunk(file: FileHandle, artifact: UploadArtifact, n: number, chunkBytes: number): Promise<Buffer> {
  const start = n * chunkBytes;
  const length = Math.max(0, Math.min(chunkBytes, artifact.size - start));
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, start);
  if (bytesRead !== length) {
    throw new Error(
      `${artifact.path}: read ${bytesRead} of ${length} bytes of chunk ${n}; the file changed since it was hashed (${artifact.size} bytes, sha256 ${artifact.sha256})`,
    );
  }
  return buffer;
}

function mb(bytes: number): string {
  return (bytes / 1_000_000).toFixed(1);
}
