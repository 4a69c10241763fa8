import type { ModelRecord } from '../state/types.ts';
import type { SearchableDoc } from './query.ts';

/**
 * The chunk documents (`<modelId>_<n>`) a model has in the model index, as `POST /_plugins/_ml/models/_search`
 * returns them: the search leaves out `model_content`, and does not filter chunks out (observed on 2.19.6 and
 * 3.6.0: a search by model_group_id returns the model and each of its chunks).
 */
export function chunkSearchDocs(model: ModelRecord): SearchableDoc[] {
  const doc = model.doc;
  const numbers =
    model.chunks !== undefined
      ? [...model.chunks.keys()]
      : model.artifact === undefined
        ? []
        : Array.from({ length: doc.total_chunks ?? 0 }, (_, n) => n);
  return numbers.map((n) => ({
    id: `${model.id}_${n}`,
    source: {
      model_version: doc.model_version,
      chunk_number: n,
      model_format: doc.model_format,
      model_id: model.id,
      model_group_id: doc.model_group_id,
      total_chunks: doc.total_chunks,
      algorithm: doc.algorithm,
    },
  }));
}
