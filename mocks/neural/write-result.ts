import type { IndexedDoc } from './ingest.ts';
import type { IndexRecord } from './types.ts';

/** The answer to one document write, single (`PUT _doc`) or as a bulk item (with `status`). */
export interface WriteResult {
  _index: string;
  _id: string;
  _version: number;
  result: 'created' | 'updated';
  forced_refresh?: true;
  _shards: { total: number; successful: 1; failed: 0 };
  _seq_no: number;
  _primary_term: 1;
  status: 200 | 201;
}

/** Single node: the primary succeeds, replicas (default 1) count in `total` but cannot be assigned. */
export function writeResult(index: IndexRecord, doc: IndexedDoc, refresh: boolean): WriteResult {
  return {
    _index: index.name,
    _id: doc.id,
    _version: doc.version,
    result: doc.created ? 'created' : 'updated',
    ...(refresh ? { forced_refresh: true as const } : {}),
    _shards: { total: 1 + index.replicas, successful: 1, failed: 0 },
    _seq_no: doc.seqNo,
    _primary_term: 1,
    status: doc.created ? 201 : 200,
  };
}
