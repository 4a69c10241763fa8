import { afterEach, describe, expect, it } from 'vitest';
import {
  appendReleased,
  hurryFlagSet,
  readAbortFlag,
  readReleased,
  removeRunFlags,
  resetRunFlags,
  writeAbortFlag,
  writeHurryFlag,
} from './run-flags.ts';

const RUN = 'rflags-test';

afterEach(() => removeRunFlags(RUN));

describe('run flags', () => {
  it('carry the abort, the hurry and what each worker released, per project', () => {
    resetRunFlags(RUN);
    expect(readAbortFlag(RUN)).toBeUndefined();
    expect(hurryFlagSet(RUN)).toBe(false);
    writeAbortFlag(RUN, { kind: 'interrupted', signal: 'SIGINT', message: 'run interrupted by SIGINT' });
    writeHurryFlag(RUN);
    appendReleased(RUN, 'live:3.6.0', ['lifecycle-a: released model m (1)'], 101);
    appendReleased(RUN, 'live:2.19.6', ['lifecycle-a: released model m (2)'], 102);
    appendReleased(RUN, 'live:3.6.0', ['cleanup-a: released model-group g (3)'], 102);
    expect(readAbortFlag(RUN)).toEqual({ kind: 'interrupted', signal: 'SIGINT', message: 'run interrupted by SIGINT' });
    expect(hurryFlagSet(RUN)).toBe(true);
    expect(readReleased(RUN, 'live:3.6.0')).toEqual([
      'lifecycle-a: released model m (1)',
      'cleanup-a: released model-group g (3)',
    ]);
  });

  it('start empty for a reused run id', () => {
    writeHurryFlag(RUN);
    resetRunFlags(RUN);
    expect(hurryFlagSet(RUN)).toBe(false);
    expect(readReleased(RUN, 'live:3.6.0')).toEqual([]);
  });
});
