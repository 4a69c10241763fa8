/**
 * How code in Vitest's main process hands the reporter what no test carries: an error of a project's global setup or
 * teardown (e.g. the end-of-run leak audit), or drift tables computed across projects.
 *
 * Global setups and reporters are loaded by different module runners, so a module-level variable would exist once
 * per runner; the channel lives on `globalThis` under a registered symbol, the one thing they share. Test workers are
 * other processes: what they have to say travels in their task metadata instead.
 */
import type { TestProject } from 'vitest/node';
import { errorMessage } from '../errors/error-message.ts';
import type { RequestSummary } from './case-meta.ts';
import { isDriftTable, type DriftTable } from './drift-slot.ts';
import { requestOf } from './error-request.ts';

export interface ChannelError {
  readonly kind: 'global-setup' | 'global-teardown';
  readonly project: string;
  readonly message: string;
  readonly request?: RequestSummary;
}

interface Channel {
  errors: ChannelError[];
  drift: DriftTable[];
}

const KEY = Symbol.for('opensearch-ml-conformance.report-channel');

function channel(): Channel {
  const holder = globalThis as { [KEY]?: Channel };
  holder[KEY] ??= { errors: [], drift: [] };
  return holder[KEY];
}

export function recordRunError(kind: ChannelError['kind'], project: string, error: unknown): void {
  const request = requestOf(error);
  channel().errors.push({
    kind,
    project,
    message: errorMessage(error),
    ...(request === undefined ? {} : { request }),
  });
}

export function contributeDrift(tables: readonly DriftTable[]): void {
  channel().drift.push(...tables.filter(isDriftTable));
}

/** What was handed in so far (the reporter reads it at the end of the run and again after the teardowns). */
export function channelContents(): { readonly errors: readonly ChannelError[]; readonly drift: readonly DriftTable[] } {
  const { errors, drift } = channel();
  return { errors: [...errors], drift: [...drift] };
}

/** Empties the channel at the start of a run (watch mode starts several in one process). */
export function resetChannel(): void {
  const c = channel();
  c.errors = [];
  c.drift = [];
}

type Teardown = () => Promise<void> | void;
export type GlobalSetup = (project: TestProject) => Promise<Teardown | void> | Teardown | void;

/**
 * Wraps a project's global setup so that an error in it or in its teardown reaches the reports before Vitest prints
 * it; the error is rethrown unchanged, so Vitest still fails the run as before.
 */
export function reportingErrors(setup: GlobalSetup): (project: TestProject) => Promise<Teardown> {
  return async (project) => {
    let teardown: Teardown | void;
    try {
      teardown = await setup(project);
    } catch (error) {
      recordRunError('global-setup', project.name, error);
      throw error;
    }
    return async () => {
      try {
        await teardown?.();
      } catch (error) {
        recordRunError('global-teardown', project.name, error);
        throw error;
      }
    };
  };
}
