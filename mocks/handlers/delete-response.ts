import type { DeleteOutcome } from '../workflows/records.ts';

/** The document-delete answer ML Commons passes through from the system index (recorded on 2.19.6 and 3.6.0). */
export interface DeleteResponseBody {
  _index: string;
  _id: string;
  _version: number;
  result: 'deleted' | 'not_found';
  forced_refresh: boolean;
  _shards: { total: number; successful: number; failed: number };
  _seq_no: number;
  _primary_term: number;
}

export function deleteResponse(index: string, id: string, outcome: DeleteOutcome): DeleteResponseBody {
  return {
    _index: index,
    _id: id,
    _version: outcome.version,
    result: outcome.result,
    forced_refresh: true,
    _shards: { total: 1, successful: 1, failed: 0 },
    _seq_no: outcome.seqNo,
    _primary_term: 1,
  };
}
