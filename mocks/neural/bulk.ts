import type { SimContext } from '../context.ts';
import { isObject, type JsonObject } from '../http/body.ts';
import { errorBody, HttpError } from '../http/errors.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';
import { pipelineFor, runPipeline, storeDocument } from './ingest.ts';
import { writeResult, type WriteResult } from './write-result.ts';

export interface BulkItemError {
  _index: string;
  _id: string;
  status: number;
  error: JsonObject;
}

export interface BulkResponseBody {
  took: number;
  ingest_took?: number;
  errors: boolean;
  items: { index: WriteResult | BulkItemError }[];
}

interface BulkAction {
  readonly index: string;
  readonly id: string | undefined;
  readonly source: JsonObject;
}

/** NDJSON → `index`/`create` actions with their sources; other actions and index auto-creation are unsupported. */
export function parseBulk(text: string, pathIndex: string | undefined): BulkAction[] {
  if (text.length > 0 && !text.endsWith('\n')) {
    throw new HttpError('bulkNotTerminated');
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const actions: BulkAction[] = [];
  for (let i = 0; i < lines.length; i += 2) {
    const meta = parseLine(lines[i] ?? '');
    const [kind, target] = Object.entries(meta)[0] ?? [];
    if ((kind !== 'index' && kind !== 'create') || !isObject(target)) {
      throw new SimulatorUnsupportedError(`bulk action ${JSON.stringify(kind)} (only index/create are simulated)`);
    }
    const index = typeof target._index === 'string' ? target._index : pathIndex;
    if (index === undefined) {
      throw new HttpError('badJson', { detail: 'bulk action without _index' });
    }
    const id = typeof target._id === 'string' ? target._id : undefined;
    actions.push({ index, id, source: parseLine(lines[i + 1] ?? '') });
  }
  return actions;
}

function parseLine(line: string): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch (error) {
    throw new HttpError('badJson', { detail: error instanceof Error ? error.message : String(error) });
  }
  if (!isObject(parsed)) {
    throw new HttpError('badJson', { detail: 'a bulk line must be a JSON object' });
  }
  return parsed;
}

/**
 * Runs each action through its index's pipeline and mapping; a failing item is reported in place (its error without
 * `root_cause`, status from the profile's table) and the others still succeed, as on a real node.
 */
export async function executeBulk(
  ctx: SimContext,
  actions: readonly BulkAction[],
  options: { refresh: boolean; pipeline: string | null },
): Promise<BulkResponseBody> {
  let ranPipeline = false;
  const items: BulkResponseBody['items'] = [];
  for (const action of actions) {
    const index = ctx.store.neural.indices.get(action.index);
    if (index === undefined) {
      throw new SimulatorUnsupportedError(`bulk into missing index [${action.index}] (automatic index creation)`);
    }
    try {
      const pipeline = pipelineFor(ctx, index, options.pipeline);
      ranPipeline ||= pipeline !== undefined;
      const source = pipeline === undefined ? action.source : await runPipeline(ctx, pipeline, action.source);
      items.push({ index: writeResult(index, storeDocument(ctx, index, action.id, source), options.refresh) });
    } catch (error) {
      if (!(error instanceof HttpError)) {
        throw error;
      }
      const { root_cause: _root, ...rest } = errorBody(ctx.profile.errors[error.key], error.vars).error;
      const status = ctx.profile.errors[error.key].status;
      items.push({ index: { _index: index.name, _id: action.id ?? '', status, error: rest } });
    }
  }
  return {
    took: 1,
    ...(ranPipeline ? { ingest_took: 1 } : {}),
    errors: items.some((item) => 'error' in item.index),
    items,
  };
}
