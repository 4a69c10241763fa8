/** Typed access into parsed JSON bodies for tests, without `any`. */
export function at(value: unknown, ...path: (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') {
      return undefined;
    }
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

export function str(value: unknown, ...path: (string | number)[]): string {
  const found = at(value, ...path);
  if (typeof found !== 'string') {
    throw new Error(`expected a string at ${path.join('.')}, got ${JSON.stringify(found)}`);
  }
  return found;
}

export function nums(value: unknown, ...path: (string | number)[]): number[] {
  const found = at(value, ...path);
  if (!Array.isArray(found) || !found.every((item) => typeof item === 'number')) {
    throw new Error(`expected a number array at ${path.join('.')}, got ${JSON.stringify(found)?.slice(0, 80)}`);
  }
  return found;
}
