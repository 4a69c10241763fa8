/**
 * Makes a recorded exchange comparable across runs and across a real cluster and the simulator: every id the
 * scenario learned is replaced by a named placeholder, timestamps by `<timestamp>`. What stays is what must agree:
 * statuses, error texts, states, numbers, the shape of each body and the embedding values (compared by cosine,
 * compare.ts).
 */
import type { Exchange, RawExchange } from './exchange.ts';

const TIMESTAMP_KEYS = new Set([
  'create_time',
  'last_update_time',
  'created_time',
  'last_updated_time',
  'last_registered_time',
  'last_deployed_time',
  'last_undeployed_time',
  'last_used_time',
]);

export class Placeholders {
  readonly #byValue = new Map<string, string>();

  /** Registers a value (an id, a name) to be replaced by `{label}` wherever it appears. */
  add(value: string | undefined, label: string): void {
    if (value !== undefined && value !== '' && !this.#byValue.has(value)) {
      this.#byValue.set(value, `{${label}}`);
    }
  }

  text(value: string): string {
    let out = value;
    // Longest first, so an id containing another id is replaced as a whole.
    for (const [raw, placeholder] of [...this.#byValue.entries()].sort((a, b) => b[0].length - a[0].length)) {
      out = out.split(raw).join(placeholder);
    }
    return out;
  }
}

function normalizeValue(value: unknown, placeholders: Placeholders, key = ''): unknown {
  if (typeof value === 'string') {
    return placeholders.text(value);
  }
  if (typeof value === 'number') {
    return TIMESTAMP_KEYS.has(key) ? '<timestamp>' : value;
  }
  if (Array.isArray(value)) {
    return value.map((item) => normalizeValue(item, placeholders));
  }
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .map(([k, v]) => [placeholders.text(k), normalizeValue(v, placeholders, k)] as const)
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  }
  return value;
}

export function normalizeExchange(raw: RawExchange, placeholders: Placeholders): Exchange {
  return {
    step: raw.step,
    method: raw.request.method,
    path: placeholders.text(raw.request.path),
    status: raw.status,
    body: normalizeValue(raw.body, placeholders),
  };
}
