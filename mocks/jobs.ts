/**
 * Bookkeeping for the asynchronous work behind the task state machines. `settle()` lets a test wait until every
 * task that can finish has finished; jobs held by the stuck-task fault never finish, so they stop counting once
 * parked. `reset()` bumps the epoch: work started before it sees `alive === false` and stops writing into the new
 * state, and parked jobs are released so nothing leaks past a reset.
 */
export interface JobHandle {
  /** False once the simulator was reset after this job started. */
  readonly alive: boolean;
  /** Holds the job (stuck-task fault) until the next reset; the job no longer counts for `settle()`. */
  park(): Promise<void>;
}

interface Job {
  parked: boolean;
  done: Promise<void>;
}

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

// Promise.withResolvers is ES2024; the project targets ES2023 libs.
function deferred(): Deferred {
  let resolve: () => void = () => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

export class JobTracker {
  #epoch = 0;
  readonly #jobs = new Set<Job>();
  #released = deferred();
  #changed = deferred();

  /** Runs `work` in the background; the work records its own failures in its task. */
  start(work: (handle: JobHandle) => Promise<void>): void {
    const epoch = this.#epoch;
    const job: Job = { parked: false, done: Promise.resolve() };
    const isCurrent = (): boolean => this.#epoch === epoch;
    const handle: JobHandle = {
      get alive() {
        return isCurrent();
      },
      park: () => {
        job.parked = true;
        this.#signal();
        return this.#released.promise;
      },
    };
    job.done = work(handle)
      .catch((error: unknown) => {
        // A simulator bug must neither vanish as an unhandled rejection nor kill the test process.
        console.error('[omlc simulator] background job crashed:', error);
      })
      .finally(() => {
        this.#jobs.delete(job);
        this.#signal();
      });
    this.#jobs.add(job);
  }

  /** Resolves when every job that is not parked has finished (including jobs started meanwhile). */
  async settle(): Promise<void> {
    for (;;) {
      const active = [...this.#jobs].filter((job) => !job.parked);
      if (active.length === 0) {
        return;
      }
      await Promise.race([...active.map((job) => job.done), this.#changed.promise]);
    }
  }

  /**
   * Resolves the next time a job finishes or parks — when a task reaches its end state or an undeploy applies — so a
   * client in the same process can look again at once instead of sleeping out a polling interval.
   */
  changed(): Promise<void> {
    return this.#changed.promise;
  }

  reset(): void {
    this.#epoch += 1;
    this.#released.resolve();
    this.#released = deferred();
  }

  #signal(): void {
    this.#changed.resolve();
    this.#changed = deferred();
  }
}
