import { isObject, type JsonObject } from '../http/body.ts';
import { HttpError } from '../http/errors.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import type { PipelineRecord, TextEmbeddingProcessor } from './types.ts';

/**
 * `PUT _ingest/pipeline/<id>`: the simulator runs `text_embedding` processors only (neural-search's
 * TextEmbeddingProcessor: `model_id` + `field_map` of source text field → vector field); any other processor is
 * refused as unsupported rather than silently skipped.
 */
export function parsePipeline(id: string, body: JsonObject): PipelineRecord {
  const processors = body.processors;
  if (!Array.isArray(processors)) {
    throw new HttpError('pipelineInvalid', { detail: '[processors] required property is missing' });
  }
  return { id, body, processors: processors.map(parseProcessor) };
}

function parseProcessor(entry: unknown): TextEmbeddingProcessor {
  if (!isObject(entry) || Object.keys(entry).length !== 1) {
    throw new HttpError('pipelineInvalid', { detail: 'a processor is an object with exactly one processor type' });
  }
  const [type, config] = Object.entries(entry)[0] ?? [];
  if (type !== 'text_embedding') {
    throw new SimulatorUnsupportedError(`ingest processor [${String(type)}] (only text_embedding is simulated)`);
  }
  if (!isObject(config) || typeof config.model_id !== 'string' || !isObject(config.field_map)) {
    throw new HttpError('pipelineInvalid', { detail: 'text_embedding needs model_id and field_map' });
  }
  const fieldMap: Record<string, string> = {};
  for (const [source, target] of Object.entries(config.field_map)) {
    if (typeof target !== 'string') {
      throw new SimulatorUnsupportedError(`nested field_map entry [${source}] (only text → vector field is simulated)`);
    }
    fieldMap[source] = target;
  }
  return { modelId: config.model_id, fieldMap };
}
