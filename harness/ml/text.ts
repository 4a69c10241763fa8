/**
 * Small text helpers shared by the error classes: every value that ends up in an error message goes through
 * `preview`, so a 10 MB embedding or an HTML error page never floods a test report.
 */

export function truncate(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A one-line rendering of any value, JSON where possible. */
export function preview(value: unknown, max = 120): string {
  if (value === undefined) {
    return '(missing)';
  }
  if (typeof value === 'string') {
    return truncate(JSON.stringify(value), max);
  }
  try {
    return truncate(JSON.stringify(value) ?? fallbackString(value), max);
  } catch {
    // Cycles and BigInts cannot be JSON-encoded.
    return truncate(fallbackString(value), max);
  }
}

function fallbackString(value: unknown): string {
  if (typeof value === 'bigint' || typeof value === 'symbol' || typeof value === 'function') {
    return value.toString();
  }
  return Object.prototype.toString.call(value);
}

/** `inference_results[0].output[0].shape[0]` style path for zod issue paths. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') {
      out += `[${key}]`;
    } else if (typeof key === 'symbol') {
      out += `[${key.toString()}]`;
    } else if (/^[A-Za-z_$][\w$]*$/.test(key)) {
      out += out === '' ? key : `.${key}`;
    } else {
      out += `[${JSON.stringify(key)}]`;
    }
  }
  return out === '' ? '(root)' : out;
}

/** Reads the value at a zod issue path, so the error can show what the server actually sent. */
export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

/** Drops user:password from a URL so it can be printed. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    parsed.username = '';
    parsed.password = '';
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url.replace(/\/\/[^/@]*@/, '//');
  }
}
