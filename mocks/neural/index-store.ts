import type { IndexRecord, PipelineRecord } from './types.ts';

/**
 * Ingest pipelines and user indices. Maps keep insertion order, which is also the order equally scored search hits
 * come back in (a single-shard index returns them by doc id order, which for fresh documents is insertion order).
 */
export class IndexStore {
  readonly pipelines = new Map<string, PipelineRecord>();
  readonly indices = new Map<string, IndexRecord>();

  clear(): void {
    this.pipelines.clear();
    this.indices.clear();
  }
}

/** OpenSearch wildcard patterns (`*` only), as GET _ingest/pipeline/<pattern> and _cat/indices/<pattern> take them. */
export function matchesPattern(pattern: string, name: string): boolean {
  return pattern.split(',').some((part) => new RegExp(`^${part.split('*').map(escapeRegExp).join('.*')}$`).test(name));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
