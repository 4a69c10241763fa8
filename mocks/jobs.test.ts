import { describe, expect, it } from 'vitest';
import { JobTracker } from './jobs.ts';

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('JobTracker', () => {
  it('settle waits for running jobs, including ones they start', async () => {
    const jobs = new JobTracker();
    const done: string[] = [];
    jobs.start(async () => {
      await tick();
      jobs.start(async () => {
        await tick();
        done.push('child');
      });
      done.push('parent');
    });
    await jobs.settle();
    expect(done).toEqual(['parent', 'child']);
  });

  it('parked jobs do not block settle and are released (no longer alive) on reset', async () => {
    const jobs = new JobTracker();
    const seen: boolean[] = [];
    jobs.start(async (job) => {
      await job.park();
      seen.push(job.alive);
    });
    await jobs.settle();
    expect(seen).toEqual([]);
    jobs.reset();
    await jobs.settle();
    await tick();
    expect(seen).toEqual([false]);
  });

  it('changed() resolves when a job finishes, so a waiter need not sleep out its interval', async () => {
    const jobs = new JobTracker();
    let finished = false;
    const changed = jobs.changed();
    jobs.start(async () => {
      await tick();
      finished = true;
    });
    await changed;
    expect(finished).toBe(true);
    // Each change is signalled once: the next one waits for the next job.
    let again = false;
    void jobs.changed().then(() => (again = true));
    await tick();
    expect(again).toBe(false);
  });

  it('a crashing job is reported, not thrown', async () => {
    const jobs = new JobTracker();
    const original = console.error;
    const messages: unknown[] = [];
    console.error = (...args: unknown[]) => messages.push(args[0]);
    try {
      jobs.start(() => Promise.reject(new Error('boom')));
      await jobs.settle();
    } finally {
      console.error = original;
    }
    expect(messages).toEqual(['[omlc simulator] background job crashed:']);
  });
});
