import type { ModelRecord } from '../state/types.ts';
import type { SearchableDoc } from './query.ts';

/**
 * The chunk documents (`<modelId>_<n>`) a model has in the model index, as `POST /_plugins/_ml/models/_search`
 * returns them: the search leaves out `model_content` and does not filter chunks out (recorded on 2.19.6 and 3.6.0,
 * upload.json `*:search-chunks`). The two registration paths write different fields:
 *  - upload (`MLModelChunkUploader`): model_group_id, no name — recorded;
 *  - URL (the register task in `MLModelManager`): the model's name and timestamps, no model_group_id — from the
 *    sources, not recorded.
 */
export function chunkSearchDocs(model: ModelRecord): SearchableDoc[] {
  const doc = model.doc;
  if (model.chunks !== undefined) {
    return [...model.chunks.keys()].map((n) => ({
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
  if (model.artifact === undefined) {
    return [];
  }
  return Array.from({ length: doc.total_chunks ?? 0 }, (_, n) => ({
    id: `${model.id}_${n}`,
    source: {
      name: doc.name,
      model_version: doc.model_version,
      chunk_number: n,
      model_format: doc.model_format,
      model_id: model.id,
      total_chunks: doc.total_chunks,
      algorithm: doc.algorithm,
      created_time: doc.created_time,
      last_updated_time: doc.created_time,
    },
  }));
}
