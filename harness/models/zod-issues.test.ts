/** The wording of schema problems, owned here so fixture messages do not change with zod releases. */
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { parseWithIssues } from './zod-issues.ts';

const FILE = 'fixtures/x/card.yaml';

function reasons(schema: z.ZodType, data: unknown): string[] {
  const result = parseWithIssues(schema, data, FILE);
  return result.ok ? [] : result.issues.map((issue) => `${issue.path}: ${issue.reason}`);
}

describe('parseWithIssues', () => {
  it('returns the parsed value when the data fits', () => {
    expect(parseWithIssues(z.object({ a: z.number() }), { a: 1 }, FILE)).toEqual({ ok: true, value: { a: 1 } });
  });

  it('names the file and path of each problem, and each unknown key on its own', () => {
    const schema = z.strictObject({ a: z.strictObject({ b: z.number() }) });
    expect(parseWithIssues(schema, { a: { b: 1, c: 1, d: 2 } }, FILE)).toEqual({
      ok: false,
      issues: [
        { file: FILE, path: 'a.c', reason: 'unknown field' },
        { file: FILE, path: 'a.d', reason: 'unknown field' },
      ],
    });
  });

  it('describes a wrong type by what it got, with a hint when YAML turned a string into a number or boolean', () => {
    const schema = z.object({ s: z.string() });
    expect(reasons(schema, {})).toEqual(['s: required field is missing']);
    expect(reasons(schema, { s: null })).toEqual(['s: expected string, got null']);
    expect(reasons(schema, { s: [1] })).toEqual(['s: expected string, got array']);
    expect(reasons(schema, { s: { a: 1 } })).toEqual(['s: expected string, got object']);
    expect(reasons(schema, { s: 1.5 })).toEqual(['s: expected string, got number 1.5 (quote the value in YAML)']);
    expect(reasons(schema, { s: true })).toEqual(['s: expected string, got boolean true (quote the value in YAML)']);
    expect(reasons(z.object({ n: z.number() }), { n: 'x'.repeat(80) })).toEqual([
      `n: expected number, got string ${JSON.stringify('x'.repeat(80)).slice(0, 59)}…`,
    ]);
    expect(reasons(z.object({ n: z.number() }), { n: false })).toEqual(['n: expected number, got boolean false']);
  });

  it('lists the allowed values of an enum', () => {
    expect(reasons(z.object({ e: z.enum(['a', 'b']) }), { e: 'c' })).toEqual([
      'e: expected one of "a", "b", got string "c"',
    ]);
  });

  it('words bounds: empty strings and lists, list lengths, inclusive and exclusive limits', () => {
    expect(reasons(z.object({ s: z.string().min(1) }), { s: '' })).toEqual(['s: must not be empty']);
    expect(reasons(z.object({ l: z.array(z.number()).min(1) }), { l: [] })).toEqual(['l: must not be empty']);
    expect(reasons(z.object({ l: z.array(z.number()).min(2) }), { l: [1] })).toEqual([
      'l: must have at least 2 entries',
    ]);
    expect(reasons(z.object({ s: z.string().min(2) }), { s: 'a' })).toEqual(['s: must be >= 2']);
    expect(reasons(z.object({ n: z.number().gte(1) }), { n: 0 })).toEqual(['n: must be >= 1']);
    expect(reasons(z.object({ n: z.number().gt(0) }), { n: 0 })).toEqual(['n: must be > 0']);
    expect(reasons(z.object({ n: z.number().lte(1) }), { n: 2 })).toEqual(['n: must be <= 1']);
    expect(reasons(z.object({ n: z.number().lt(1) }), { n: 2 })).toEqual(['n: must be < 1']);
  });

  it('keeps the schema’s own message for regexes and refinements', () => {
    const schema = z.object({ id: z.string().regex(/^a$/, { error: 'must be a' }) });
    expect(reasons(schema, { id: 'b' })).toEqual(['id: must be a']);
  });
});
