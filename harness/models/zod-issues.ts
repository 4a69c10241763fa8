/**
 * Turns zod issues into card issues with stable, human wording. zod's default texts change between releases and
 * the bad-card fixtures pin the exact message, so the wording is owned here.
 */
import type { z } from 'zod';
import { formatJsonPath, preview } from '../ml/text.ts';
import type { CardIssue } from './card-error.ts';

export function parseWithIssues<T>(
  schema: z.ZodType<T>,
  data: unknown,
  file: string,
): { ok: true; value: T } | { ok: false; issues: CardIssue[] } {
  const result = schema.safeParse(data, { error: (issue) => reasonFor(issue) });
  if (result.success) {
    return { ok: true, value: result.data };
  }
  const issues = result.error.issues.flatMap((issue): CardIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({ file, path: formatJsonPath([...issue.path, key]), reason: 'unknown field' }));
    }
    return [{ file, path: formatJsonPath(issue.path), reason: issue.message }];
  });
  return { ok: false, issues };
}

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

function reasonFor(issue: RawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) {
        return 'required field is missing';
      }
      return `expected ${issue.expected}, got ${describeValue(issue.input)}${quoteHint(issue.expected, issue.input)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(', ')}, got ${describeValue(issue.input)}`;
    case 'too_small':
      return tooSmall(issue.origin, issue.minimum, issue.inclusive ?? true);
    case 'too_big':
      return `must be ${issue.inclusive === false ? '<' : '<='} ${String(issue.maximum)}`;
    case 'custom':
    case 'invalid_element':
    case 'invalid_format':
    case 'invalid_key':
    case 'invalid_union':
    case 'not_multiple_of':
    case 'unrecognized_keys':
      // Schema-level messages (regex, refinements) or handled after parsing.
      return undefined;
  }
}

function tooSmall(origin: string, minimum: number | bigint, inclusive: boolean): string {
  if ((origin === 'string' || origin === 'array') && Number(minimum) === 1) {
    return 'must not be empty';
  }
  if (origin === 'array') {
    return `must have at least ${String(minimum)} entries`;
  }
  return `must be ${inclusive ? '>=' : '>'} ${String(minimum)}`;
}

function describeValue(value: unknown): string {
  if (value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return 'array';
  }
  if (typeof value === 'object') {
    return 'object';
  }
  return `${typeof value} ${preview(value, 60)}`;
}

// YAML turns `version: 1.0` into a number and `id: yes` into a boolean; say how to keep the string.
function quoteHint(expected: string, input: unknown): string {
  return expected === 'string' && (typeof input === 'number' || typeof input === 'boolean')
    ? ' (quote the value in YAML)'
    : '';
}
