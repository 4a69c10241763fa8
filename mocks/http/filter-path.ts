import { isObject } from './body.ts';

/**
 * OpenSearch's `filter_path` response filtering (every REST endpoint supports it; the harness sends e.g.
 * `nodes.*.name,nodes.*.roles`). Supported: dotted paths, `*` inside a segment, `**` for any depth, and `-path`
 * exclusions. Arrays are transparent, as in OpenSearch: the pattern applies to each element.
 */
export function applyFilterPath(body: unknown, filterPath: string): unknown {
  const patterns = filterPath
    .split(',')
    .map((pattern) => pattern.trim())
    .filter((pattern) => pattern !== '');
  const includes = patterns.filter((p) => !p.startsWith('-')).map((p) => p.split('.'));
  const excludes = patterns.filter((p) => p.startsWith('-')).map((p) => p.slice(1).split('.'));
  let out = includes.length > 0 ? include(body, includes) : body;
  if (excludes.length > 0) {
    out = exclude(out, excludes);
  }
  return out ?? {};
}

function segmentMatches(pattern: string, key: string): boolean {
  if (pattern === '*' || pattern === '**') {
    return true;
  }
  if (!pattern.includes('*')) {
    return pattern === key;
  }
  const regex = new RegExp(`^${pattern.split('*').map(escape).join('.*')}$`);
  return regex.test(key);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Returns the filtered value, or undefined when nothing under it matched. */
function include(value: unknown, patterns: string[][]): unknown {
  if (patterns.some((pattern) => pattern.length === 0)) {
    return value;
  }
  if (Array.isArray(value)) {
    const items = value.map((item) => include(item, patterns)).filter((item) => item !== undefined);
    return items.length > 0 ? items : undefined;
  }
  if (!isObject(value)) {
    return undefined;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const rest: string[][] = [];
    for (const [head, ...tail] of patterns) {
      if (head === undefined) {
        continue;
      }
      if (head === '**') {
        // `**` may match zero or more levels.
        rest.push(tail, [head, ...tail]);
        if (tail[0] !== undefined && segmentMatches(tail[0], key)) {
          rest.push(tail.slice(1));
        }
      } else if (segmentMatches(head, key)) {
        rest.push(tail);
      }
    }
    if (rest.length > 0) {
      const filtered = include(child, rest);
      if (filtered !== undefined) {
        out[key] = filtered;
      }
    }
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function exclude(value: unknown, patterns: string[][]): unknown {
  if (Array.isArray(value)) {
    return value.map((item) => exclude(item, patterns));
  }
  if (!isObject(value)) {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const matching = patterns.filter(([head]) => head !== undefined && segmentMatches(head, key));
    if (matching.some((pattern) => pattern.length === 1)) {
      continue;
    }
    out[key] =
      matching.length > 0
        ? exclude(
            child,
            matching.map((pattern) => pattern.slice(1)),
          )
        : child;
  }
  return out;
}
