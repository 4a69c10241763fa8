/**
 * Compares a simulated exchange with a recorded one: same status, same keys everywhere, same strings (error texts,
 * states, names after placeholder substitution), same shapes; numbers only by type, since sequence numbers and
 * versions depend on what happened on the cluster before. A few identity strings of `GET /` naturally differ.
 */
import type { Exchange } from './exchange.ts';

/** JSON paths (dotted) whose string values legitimately differ between clusters. */
const VOLATILE = new Set([
  'cluster_name',
  'cluster_uuid',
  'name',
  'version.build_date',
  'version.build_hash',
  'version.build_type',
]);

/** Numbers compared by value: array shapes and the HTTP status echoed in error bodies. */
const EXACT_NUMBERS = /(^|\.)(shape\[\d+\]|status)$/;

function kind(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}

function diffValue(recorded: unknown, simulated: unknown, path: string, out: string[], volatile: boolean): void {
  const where = path === '' ? '(body)' : path;
  if (kind(recorded) !== kind(simulated)) {
    out.push(
      `${where}: recorded ${kind(recorded)} ${JSON.stringify(recorded)?.slice(0, 120)}, simulated ${kind(simulated)} ${JSON.stringify(simulated)?.slice(0, 120)}`,
    );
    return;
  }
  if (typeof recorded === 'string') {
    if (!volatile && recorded !== simulated) {
      out.push(`${where}: recorded "${recorded}", simulated "${String(simulated)}"`);
    }
    return;
  }
  if (typeof recorded === 'number') {
    if (EXACT_NUMBERS.test(path) && recorded !== simulated) {
      out.push(`${where}: recorded ${recorded}, simulated ${String(simulated)}`);
    }
    return;
  }
  if (Array.isArray(recorded) && Array.isArray(simulated)) {
    if (recorded.length !== simulated.length) {
      out.push(`${where}: recorded ${recorded.length} items, simulated ${simulated.length}`);
      return;
    }
    recorded.forEach((item, i) => diffValue(item, simulated[i], `${path}[${i}]`, out, volatile));
    return;
  }
  if (recorded !== null && typeof recorded === 'object') {
    const r = recorded as Record<string, unknown>;
    const s = simulated as Record<string, unknown>;
    for (const key of new Set([...Object.keys(r), ...Object.keys(s)])) {
      const child = path === '' ? key : `${path}.${key}`;
      if (!(key in s)) {
        out.push(`${child}: recorded, missing in the simulator`);
      } else if (!(key in r)) {
        out.push(`${child}: simulated, absent in the recording`);
      } else {
        diffValue(r[key], s[key], child, out, volatile || VOLATILE.has(child));
      }
    }
    return;
  }
  if (recorded !== simulated) {
    out.push(`${where}: recorded ${JSON.stringify(recorded)}, simulated ${JSON.stringify(simulated)}`);
  }
}

/** Differences, one line each; empty when the simulator answered like the recorded cluster. */
export function compareExchange(recorded: Exchange, simulated: Exchange | undefined): string[] {
  if (simulated === undefined) {
    return [`step ${recorded.step}: the simulator run produced no such step`];
  }
  const out: string[] = [];
  if (recorded.method !== simulated.method || recorded.path !== simulated.path) {
    out.push(`request: recorded ${recorded.method} ${recorded.path}, simulated ${simulated.method} ${simulated.path}`);
  }
  if (recorded.status !== simulated.status) {
    out.push(`status: recorded ${recorded.status}, simulated ${simulated.status}`);
  }
  diffValue(recorded.body, simulated.body, '', out, false);
  return out;
}
