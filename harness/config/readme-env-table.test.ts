/** The README's "Environment variables" table names exactly the variables declared in harness/config/. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENV_VARS } from './env-vars.ts';

const README = path.resolve(import.meta.dirname, '../../README.md');
const HEADING = '### Environment variables';

/** Backticked upper-case names in the first column of the table under the heading. */
export function documentedVariables(readme: string): string[] {
  const start = readme.indexOf(HEADING);
  if (start < 0) {
    throw new Error(`README.md has no "${HEADING}" section`);
  }
  const lines = readme.slice(start + HEADING.length).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const end = lines.findIndex((line, index) => index > first && !line.startsWith('|'));
  // Header and separator rows first, then one row per variable (or group of variables).
  const table = lines.slice(first + 2, end < 0 ? undefined : end);
  const names = table.flatMap((row) =>
    [...(row.split('|')[1] ?? '').matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1]),
  );
  return names.filter((name): name is string => name !== undefined);
}

describe('README environment table', () => {
  it('lists every declared variable, and nothing else', () => {
    const documented = documentedVariables(readFileSync(README, 'utf8'));
    const declared = Object.keys(ENV_VARS);
    expect(
      documented.filter((name) => !declared.includes(name)),
      'in the README, not declared',
    ).toEqual([]);
    expect(
      declared.filter((name) => !documented.includes(name)),
      'declared, not in the README',
    ).toEqual([]);
    expect(new Set(documented).size, 'listed twice').toBe(documented.length);
  });

  it('reads the names from the first column of the table only', () => {
    const readme = [
      '# x',
      HEADING,
      '',
      'Text with `NOT_A_ROW`.',
      '',
      '| variable | meaning |',
      '| --- | --- |',
      '| `ML_TARGET` (or `OTHER_NAME`) | uses `IN_MEANING` |',
      '',
      '## next',
      '| `AFTER_TABLE` | x |',
    ].join('\n');
    expect(documentedVariables(readme)).toEqual(['ML_TARGET', 'OTHER_NAME']);
  });
});
