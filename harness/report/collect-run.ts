/**
 * Everything one run reports, gathered at its end (or at exit): the conformance cases of the covered projects, every
 * error outside them — hooks and loading (vitest-results.ts), unhandled errors, global setup/teardown errors handed
 * in through run-channel.ts, projects whose files never started — and the drift tables the cases or the main process
 * contributed.
 */
import type { SerializedError } from 'vitest';
import type { TestModule } from 'vitest/node';
import { isDriftTable, type DriftTable } from './drift-slot.ts';
import type { CaseResult, RunError } from './report-model.ts';
import { channelContents } from './run-channel.ts';
import { moduleErrors, toCaseResult, unhandledError } from './vitest-results.ts';

export interface RunSources {
  readonly modules: readonly TestModule[];
  readonly unhandled: readonly SerializedError[];
  readonly root: string;
  readonly covers: (project: string) => boolean;
  /** Covered projects and how many files each had queued. */
  readonly queued: ReadonlyMap<string, number>;
  /** An interrupted run's missing projects are explained by the interruption, not reported as never run. */
  readonly interrupted: boolean;
}

export interface CollectedRun {
  readonly cases: CaseResult[];
  readonly errors: RunError[];
  readonly drift: DriftTable[];
}

/** Global setup and teardown errors handed in so far (`reportingErrors`), of the covered projects. */
export function channelErrors(covers: (project: string) => boolean): RunError[] {
  return channelContents()
    .errors.filter((e) => covers(e.project))
    .map((e, index) => ({
      id: `${e.project}:${e.kind}:${index}`,
      kind: e.kind,
      project: e.project,
      where: e.kind === 'global-setup' ? `global setup of ${e.project}` : `global teardown of ${e.project}`,
      message: e.message,
      ...(e.request === undefined ? {} : { request: e.request }),
    }));
}

/** A project with queued files none of which started, and no error saying why (a global setup failed silently). */
function projectsThatNeverRan(sources: RunSources, modules: readonly TestModule[], known: readonly RunError[]) {
  return [...sources.queued.entries()]
    .filter(([project]) => !known.some((e) => e.project === project && e.kind === 'global-setup'))
    .filter(([project]) => !modules.some((m) => m.project.name === project && m.state() !== 'queued'))
    .map(([project, files]): RunError => ({
      id: `${project}:not-run:files`,
      kind: 'not-run',
      project,
      where: `${project}: none of its ${files} test file(s) ran`,
      message:
        'its files were queued but none started; the run output above says why (usually its global setup failed)',
    }));
}

export function collectRun(sources: RunSources): CollectedRun {
  const { covers, root } = sources;
  const modules = sources.modules.filter((m) => covers(m.project.name));
  const cases: CaseResult[] = [];
  const errors: RunError[] = [];
  for (const module of modules) {
    for (const testCase of module.children.allTests()) {
      const result = toCaseResult(testCase);
      if (result !== undefined) {
        cases.push(result);
      }
    }
    errors.push(...moduleErrors(module, root));
  }
  sources.unhandled.forEach((error, index) => {
    const e = unhandledError(error, sources.modules, root, index);
    if (e.project === undefined || covers(e.project)) {
      errors.push(e);
    }
  });
  const channel = channelErrors(covers);
  errors.push(...channel);
  if (!sources.interrupted) {
    errors.push(...projectsThatNeverRan(sources, modules, channel));
  }
  const drift = channelContents().drift.filter(isDriftTable);
  return { cases, errors, drift };
}
