/**
 * Minimal stand-ins for Vitest's reported tasks (`TestCase`, `TestSuite`, `TestModule`): only the members the report
 * code reads, so vitest-results.ts and collect-run.ts can be tested without a child Vitest run.
 */
import type { SerializedError } from 'vitest';
import type { TestCase, TestModule, TestSuite } from 'vitest/node';
import type { ConformanceCaseMeta } from '../case-meta.ts';

export type FakeResult =
  | { readonly state: 'passed' | 'pending' }
  | { readonly state: 'skipped'; readonly note?: string }
  | { readonly state: 'failed'; readonly errors: readonly SerializedError[] };

export interface FakeProject {
  readonly name: string;
  readonly target?: string;
}

export interface FakeCaseSpec {
  readonly name: string;
  readonly meta?: ConformanceCaseMeta;
  readonly result?: FakeResult;
  readonly mode?: 'run' | 'skip' | 'todo' | 'only';
  readonly durationMs?: number;
}

export interface FakeSuiteSpec {
  readonly name: string;
  readonly errors?: readonly SerializedError[];
  readonly cases?: readonly FakeCaseSpec[];
  readonly suites?: readonly FakeSuiteSpec[];
}

export interface FakeModuleSpec {
  readonly moduleId: string;
  readonly project: FakeProject;
  readonly errors?: readonly SerializedError[];
  readonly state?: 'queued' | 'pending' | 'passed' | 'failed' | 'skipped';
  readonly cases?: readonly FakeCaseSpec[];
  readonly suites?: readonly FakeSuiteSpec[];
}

export function serializedError(message: string, extra: Record<string, unknown> = {}): SerializedError {
  return { message, ...extra };
}

function fakeProject(project: FakeProject): TestCase['project'] {
  const target = project.target === undefined ? undefined : { label: project.target };
  return { name: project.name, getProvidedContext: () => ({ target }) } as unknown as TestCase['project'];
}

interface Node {
  readonly tests: TestCase[];
  readonly suites: TestSuite[];
}

function children(node: Node): TestSuite['children'] {
  return {
    size: node.tests.length + node.suites.length,
    allTests: function* () {
      yield* node.tests;
    },
    allSuites: function* () {
      yield* node.suites;
    },
  } as unknown as TestSuite['children'];
}

function build(
  spec: { readonly cases?: readonly FakeCaseSpec[]; readonly suites?: readonly FakeSuiteSpec[] },
  parent: TestSuite | TestModule,
  project: TestCase['project'],
  prefix: string,
): Node {
  const tests: TestCase[] = [];
  const suites: TestSuite[] = [];
  for (const c of spec.cases ?? []) {
    tests.push({
      type: 'test',
      name: c.name,
      fullName: prefix === '' ? c.name : `${prefix} > ${c.name}`,
      project,
      parent,
      options: { mode: c.mode ?? 'run' },
      meta: () => (c.meta === undefined ? {} : { conformance: c.meta }),
      result: () => c.result ?? { state: 'passed', errors: undefined },
      diagnostic: () => (c.durationMs === undefined ? undefined : { duration: c.durationMs }),
    } as unknown as TestCase);
  }
  for (const s of spec.suites ?? []) {
    const fullName = prefix === '' ? s.name : `${prefix} > ${s.name}`;
    const suite = { type: 'suite', name: s.name, fullName, parent, errors: () => s.errors ?? [] } as {
      children?: TestSuite['children'];
    };
    const node = build(s, suite as unknown as TestSuite, project, fullName);
    suite.children = children(node);
    suites.push(suite as unknown as TestSuite);
    tests.push(...node.tests);
    suites.push(...node.suites);
  }
  return { tests, suites };
}

/** `allTests()`/`allSuites()` of a module walk every level, like Vitest's. */
export function fakeModule(spec: FakeModuleSpec): TestModule {
  const project = fakeProject(spec.project);
  const module = {
    type: 'module',
    id: `${spec.project.name}:${spec.moduleId}`,
    moduleId: spec.moduleId,
    project,
    errors: () => spec.errors ?? [],
    state: () => spec.state ?? 'passed',
  } as { children?: TestModule['children'] };
  const node = build(spec, module as unknown as TestModule, project, '');
  const direct = (spec.cases?.length ?? 0) + (spec.suites?.length ?? 0);
  module.children = { ...children(node), size: direct } as unknown as TestModule['children'];
  return module as unknown as TestModule;
}
