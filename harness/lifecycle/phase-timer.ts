/**
 * Per-phase timings of a lifecycle: the client's wall time, plus the server's own time for task phases
 * (`last_update_time - create_time`), which separates cluster work from polling overhead in the timings report.
 */
import type { Task } from '../ml/schemas.ts';

/** The lifecycle's phases, in the order a lifecycle runs them (reports and the benchmark list them so). */
export const LIFECYCLE_PHASES = [
  'register-group',
  'register-model',
  'deploy',
  'predict',
  'undeploy',
  'delete-model',
  'delete-group',
] as const;

export type LifecyclePhase = (typeof LIFECYCLE_PHASES)[number];

export interface PhaseTiming {
  readonly phase: LifecyclePhase;
  /** Resource the phase acted on (group/model id, or a name before the id is known). */
  readonly subject: string;
  readonly startedAt: number;
  readonly wallMs: number;
  /** Task phases only; undefined when the server did not report both timestamps. */
  readonly serverMs: number | undefined;
  readonly ok: boolean;
}

export interface NowSource {
  now(): number;
}

export class PhaseTimer {
  readonly #clock: NowSource;
  readonly #timings: PhaseTiming[] = [];

  constructor(clock: NowSource) {
    this.#clock = clock;
  }

  /** Runs `action`, recording its timing whether it succeeds or throws. */
  async time<T>(
    phase: LifecyclePhase,
    subject: string,
    action: () => Promise<T>,
    serverMsOf: (result: T) => number | undefined = () => undefined,
  ): Promise<T> {
    const startedAt = this.#clock.now();
    try {
      const result = await action();
      this.#push({ phase, subject, startedAt, serverMs: serverMsOf(result), ok: true });
      return result;
    } catch (error) {
      this.#push({ phase, subject, startedAt, serverMs: taskServerMs(taskOf(error)), ok: false });
      throw error;
    }
  }

  list(): readonly PhaseTiming[] {
    return [...this.#timings];
  }

  #push(entry: Omit<PhaseTiming, 'wallMs'>): void {
    this.#timings.push({ ...entry, wallMs: this.#clock.now() - entry.startedAt });
  }
}

export function taskServerMs(task: Task | undefined): number | undefined {
  if (task?.create_time === undefined || task.last_update_time === undefined) {
    return undefined;
  }
  return task.last_update_time - task.create_time;
}

/** TaskFailedError carries `task`, TaskTimeoutError `last`: either gives the server time spent before failing. */
function taskOf(error: unknown): Task | undefined {
  if (error === null || typeof error !== 'object') {
    return undefined;
  }
  const candidate = (error as { task?: unknown; last?: unknown }).task ?? (error as { last?: unknown }).last;
  return candidate !== null && typeof candidate === 'object' && 'state' in candidate ? (candidate as Task) : undefined;
}
