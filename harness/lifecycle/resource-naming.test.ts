import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, resourceName, runIdPrefix } from './resource-naming.ts';
import { assertRunId, newRunId } from './run-id.ts';

const RUN = 'r20261123t040512-3fa9';

describe('newRunId', () => {
  it('encodes UTC time and a random suffix', () => {
    expect(newRunId(new Date('2026-11-23T04:05:12.345Z'), () => '3FA9')).toBe(RUN);
  });

  it('is random by default and always name-safe', () => {
    const date = new Date('2026-11-23T04:05:12Z');
    const ids = new Set(Array.from({ length: 20 }, () => newRunId(date)));
    expect(ids.size).toBeGreaterThan(1);
    for (const id of ids) {
      expect(id).toMatch(/^r20261123t040512-[0-9a-f]{4}$/);
    }
  });

  it('sorts by start time', () => {
    const early = newRunId(new Date('2026-01-02T03:04:05Z'), () => 'ffff');
    const late = newRunId(new Date('2026-11-02T03:04:05Z'), () => '0000');
    expect([late, early].sort()).toEqual([early, late]);
  });

  it('rejects run ids that are not name-safe', () => {
    expect(() => assertRunId('Run 1')).toThrow(/invalid run id "Run 1"/);
    expect(() => assertRunId('')).toThrow();
    expect(assertRunId(RUN)).toBe(RUN);
  });
});

describe('resourceName', () => {
  it('builds omlc-<runId>-<scope>-<purpose> in lowercase safe characters', () => {
    expect(resourceName(RUN, 'all-MiniLM-L6 v2 (ONNX)', 'Model Group')).toBe(
      `omlc-${RUN}-all-minilm-l6-v2-onnx-model-group`,
    );
    expect(resourceName(RUN, '', '')).toBe(`omlc-${RUN}-resource`);
  });

  it('starts with the run prefix, which no other run shares', () => {
    const name = resourceName(RUN, 'card', 'model');
    expect(name.startsWith(runIdPrefix(RUN))).toBe(true);
    expect(runIdPrefix(RUN)).toBe(`omlc-${RUN}-`);
    expect(name.startsWith(runIdPrefix('r20261123t040512-3fa'))).toBe(false);
  });

  it('limits the length and keeps long names unique', () => {
    const long = 'x'.repeat(200);
    const a = resourceName(RUN, long, 'model');
    const b = resourceName(RUN, long, 'group');
    expect(a.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(b.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^omlc-${RUN}-x+-[0-9a-f]{8}$`));
  });

  it('keeps at most 8 safe characters of the random part, and 0000 when none is left', () => {
    const date = new Date('2026-11-23T04:05:12Z');
    expect(newRunId(date, () => 'AbCdEfGhIj')).toBe('r20261123t040512-abcdefgh');
    expect(newRunId(date, () => 'a-b_c')).toBe('r20261123t040512-abc');
    expect(newRunId(date, () => '--')).toBe('r20261123t040512-0000');
  });

  it('accepts 1 to 40 characters of [a-z0-9-] that start with a letter or digit', () => {
    for (const ok of ['a', '7', 'ab', 'a-b', 'ci-job-42', 'x'.repeat(40)]) {
      expect(assertRunId(ok)).toBe(ok);
    }
    for (const bad of ['-a', '!ab', 'ab!', 'a!', 'a b', 'x'.repeat(41)]) {
      expect(() => assertRunId(bad)).toThrow(`invalid run id ${JSON.stringify(bad)}: expected 1–40 characters`);
    }
  });
});

describe('resourceName at the length limit', () => {
  it('keeps a name of exactly the limit as it is', () => {
    const prefix = runIdPrefix(RUN);
    const scope = 'y'.repeat(MAX_NAME_LENGTH - prefix.length - '-model'.length);
    const name = resourceName(RUN, scope, 'model');
    expect(name).toBe(`${prefix}${scope}-model`);
    expect(name).toHaveLength(MAX_NAME_LENGTH);
  });

  it('drops only the dash a cut leaves at the end, not the ones inside', () => {
    // 60 characters of tail fit next to the prefix and the hash: the cut falls right after the second dash.
    const name = resourceName(RUN, `ab-${'x'.repeat(56)}-${'y'.repeat(50)}`, 'model');
    expect(name).toMatch(new RegExp(`^omlc-${RUN}-ab-x{56}-[0-9a-f]{8}$`));
  });
});
