/**
 * Compares a simulated exchange with a recorded one: same status, same keys everywhere, same strings (error texts,
 * states, names after placeholder substitution), the same numbers, and embedding vectors that point the same way.
 * The tolerances are stated in NUMBER_RULES and VECTOR_TOLERANCE below; everything else must be equal.
 */
import { cosine, l2Norm } from '../matchers/vector-math.ts';
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

/**
 * Numbers compared by type only, with the reason. Every other number (statuses, shapes, dimensions, sizes,
 * chunk counts, worker node counts, shard counts, group versions) must be equal.
 */
const NUMBER_RULES: readonly { readonly key: RegExp; readonly why: string; readonly rtol?: number }[] = [
  {
    key: /(^|\.)(_seq_no|_primary_term|_version)$/,
    why: 'document sequence numbers count every earlier write to the index, which differs between clusters',
  },
  {
    key: /^(took|ingest_took)$/,
    why: 'milliseconds the cluster spent on a search or bulk request',
  },
  {
    key: /(^|\.)(_score|max_score)$/,
    why: 'k-NN scores are float32 on the cluster and float64 in the simulator: equal to about 1e-7 relative',
    rtol: 1e-6,
  },
];

/**
 * A recorded embedding (`data` of a predict tensor) against the simulated one: the same length, a cosine of at
 * least `minCosine` and L2 norms within `normRtol` of each other (cosine alone would accept an unnormalized vector).
 * A real cluster computes with DJL in Java and the simulator with onnxruntime-node or the Python goldens: the
 * values agree to about 1e-6, far inside these bounds, while any pooling, prefix or normalisation difference falls
 * far outside.
 */
export const VECTOR_TOLERANCE = { minCosine: 0.9999, normRtol: 1e-3 } as const;

/** Legacy recordings replaced vector values by their length only. */
const ELIDED_VECTOR = /^<float\[(\d+)\]>$/;

function kind(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  return Array.isArray(value) ? 'array' : typeof value;
}

function isNumberArray(value: unknown): value is number[] {
  return Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number');
}

/** A predict tensor's `data`, or the vector a `text_embedding` ingest processor stored (`_source.embedding`). */
function isVectorPath(path: string): boolean {
  return /\.(data|embedding)$/.test(path);
}

function describeValue(value: unknown): string {
  return `${kind(value)} ${JSON.stringify(value)?.slice(0, 120)}`;
}

function diffVector(recorded: readonly number[], simulated: readonly number[], where: string, out: string[]): void {
  if (recorded.length !== simulated.length) {
    out.push(`${where}: recorded ${recorded.length} values, simulated ${simulated.length}`);
    return;
  }
  const cos = cosine(recorded, simulated);
  const recordedNorm = l2Norm(recorded);
  const normDiff = Math.abs(l2Norm(simulated) - recordedNorm);
  // Written as negations so that NaN (a NaN element, an all-zero vector) is a difference too.
  if (!(cos >= VECTOR_TOLERANCE.minCosine)) {
    out.push(`${where}: cosine(recorded, simulated) = ${cos}, below ${VECTOR_TOLERANCE.minCosine}`);
  }
  if (!(normDiff <= VECTOR_TOLERANCE.normRtol * recordedNorm)) {
    out.push(`${where}: L2 norm recorded ${recordedNorm}, simulated ${l2Norm(simulated)}`);
  }
}

function diffNumber(recorded: number, simulated: number, path: string, where: string, out: string[]): void {
  const rule = NUMBER_RULES.find((r) => r.key.test(path));
  if (rule?.rtol !== undefined) {
    if (!(Math.abs(recorded - simulated) <= rule.rtol * Math.abs(recorded))) {
      out.push(`${where}: recorded ${recorded}, simulated ${simulated} (beyond ${rule.rtol} relative)`);
    }
    return;
  }
  if (rule !== undefined) {
    return;
  }
  if (!Object.is(recorded, simulated)) {
    out.push(`${where}: recorded ${recorded}, simulated ${simulated}`);
  }
}

function diffObject(
  recorded: Record<string, unknown>,
  simulated: Record<string, unknown>,
  path: string,
  out: string[],
  volatile: boolean,
): void {
  for (const key of new Set([...Object.keys(recorded), ...Object.keys(simulated)])) {
    const child = path === '' ? key : `${path}.${key}`;
    if (!(key in simulated)) {
      out.push(`${child}: recorded, missing in the simulator`);
    } else if (!(key in recorded)) {
      out.push(`${child}: simulated, absent in the recording`);
    } else {
      diffValue(recorded[key], simulated[key], child, out, volatile || VOLATILE.has(child));
    }
  }
}

function diffValue(recorded: unknown, simulated: unknown, path: string, out: string[], volatile: boolean): void {
  const where = path === '' ? '(body)' : path;
  if (isVectorPath(path) && isNumberArray(simulated)) {
    const elided = typeof recorded === 'string' ? ELIDED_VECTOR.exec(recorded) : null;
    if (elided !== null) {
      if (Number(elided[1]) !== simulated.length) {
        out.push(`${where}: recorded ${elided[1]} values, simulated ${simulated.length}`);
      }
      return;
    }
    if (isNumberArray(recorded)) {
      diffVector(recorded, simulated, where, out);
      return;
    }
  }
  if (kind(recorded) !== kind(simulated)) {
    out.push(`${where}: recorded ${describeValue(recorded)}, simulated ${describeValue(simulated)}`);
    return;
  }
  if (typeof recorded === 'string') {
    if (!volatile && recorded !== simulated) {
      out.push(`${where}: recorded "${recorded}", simulated "${String(simulated)}"`);
    }
    return;
  }
  if (typeof recorded === 'number') {
    diffNumber(recorded, simulated as number, path, where, out);
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
    diffObject(recorded as Record<string, unknown>, simulated as Record<string, unknown>, path, out, volatile);
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
