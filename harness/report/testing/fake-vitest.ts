/**
 * A stand-in for the `Vitest` instance a reporter receives: its root, run id, projects with their provided targets,
 * and the close and cancel hooks, which a test fires by hand. Lets the conformance reporter run in-process.
 */
import type { TestProject, TestSpecification, Vitest } from 'vitest/node';

export interface FakeVitest {
  readonly vitest: Vitest;
  close(): void;
  cancel(reason: string): void;
  spec(project: string): TestSpecification;
}

export function fakeVitest(root: string, targets: Readonly<Record<string, unknown>>, runId = 'run-1'): FakeVitest {
  const closers: (() => void)[] = [];
  const cancellers: ((reason: string) => void)[] = [];
  const projects = Object.entries(targets).map(
    ([name, target]) => ({ name, getProvidedContext: () => ({ target }) }) as unknown as TestProject,
  );
  const vitest = {
    config: { root },
    version: '5.0.0-fake',
    projects,
    getProvidedContext: () => ({ runId }),
    onClose: (listener: () => void) => closers.push(listener),
    onCancel: (listener: (reason: string) => void) => cancellers.push(listener),
  } as unknown as Vitest;
  return {
    vitest,
    close: () => {
      for (const listener of closers) {
        listener();
      }
    },
    cancel: (reason) => {
      for (const listener of cancellers) {
        listener(reason);
      }
    },
    spec: (project) => ({ project: { name: project } }) as unknown as TestSpecification,
  };
}
