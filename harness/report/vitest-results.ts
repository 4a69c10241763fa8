/**
 * Reads Vitest's view of a run into the report model: each conformance test becomes a case, and every error Vitest
 * saw outside a test — a describe's or a file's hook, a file that failed to load, an unhandled error — becomes a
 * `RunError`, attributed to its project, file, describe and (when the describe's cases say) suite and card.
 */
import path from 'node:path';
import type { SerializedError } from 'vitest';
import type { TestCase, TestModule, TestSuite } from 'vitest/node';
import './case-meta.ts';
import '../config/provided-context.ts';
import { requestOf } from './error-request.ts';
import { caseId, type CaseFailure, type CaseResult, type CaseStatus, type RunError } from './report-model.ts';

const MESSAGE_LINES = 8;
const MESSAGE_CHARS = 1200;

export function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? text;
}

/** The first lines of a message: enough for an assertion diff, not a page of it. */
export function shortMessage(text: string): string {
  const lines = text.trim().split('\n').slice(0, MESSAGE_LINES).join('\n');
  return lines.length > MESSAGE_CHARS ? `${lines.slice(0, MESSAGE_CHARS - 1)}…` : lines;
}

export function targetLabel(entity: { readonly project: TestCase['project'] }): string {
  const provided = entity.project.getProvidedContext();
  // Projects whose globalSetup failed never provided a target.
  return provided.target?.label ?? 'target not resolved';
}

/** The first error recorded on the test's describes or file: why a case Vitest skipped without a note never ran. */
function ancestorError(testCase: TestCase): SerializedError | undefined {
  for (let parent: TestCase['parent'] | undefined = testCase.parent; parent !== undefined;) {
    const [error] = parent.errors();
    if (error !== undefined) {
      return error;
    }
    parent = parent.type === 'suite' ? parent.parent : undefined;
  }
  return undefined;
}

function failureOf(errors: readonly SerializedError[], testCase: TestCase): CaseFailure {
  const [error] = errors;
  const message = shortMessage(error?.message ?? 'failed');
  const own = requestOf(error);
  if (own !== undefined) {
    return { message, request: { ...own, role: 'failed' } };
  }
  const last = testCase.meta().conformance?.lastRequest;
  return last === undefined ? { message } : { message, request: { ...last, role: 'last' } };
}

export function toCaseResult(testCase: TestCase): CaseResult | undefined {
  const meta = testCase.meta().conformance;
  if (meta === undefined) {
    return undefined;
  }
  const result = testCase.result();
  const status: CaseStatus = result.state;
  let message: string | undefined;
  let failure: CaseFailure | undefined;
  if (result.state === 'skipped') {
    const hookError = result.note === undefined ? ancestorError(testCase) : undefined;
    message =
      result.note ??
      (hookError !== undefined
        ? `not run: its describe's beforeAll failed: ${firstLine(hookError.message)}`
        : testCase.options.mode === 'skip'
          ? 'skipped'
          : undefined);
  } else if (result.state === 'failed') {
    failure = failureOf(result.errors, testCase);
    message = firstLine(failure.message);
  } else if (result.state === 'pending') {
    message = 'did not finish';
  }
  return {
    caseId: caseId(testCase.project.name, meta),
    project: testCase.project.name,
    target: targetLabel(testCase),
    meta,
    title: testCase.fullName,
    status,
    durationMs: Math.round(testCase.diagnostic()?.duration ?? 0),
    ...(message === undefined ? {} : { message }),
    ...(failure === undefined ? {} : { failure }),
  };
}

function relative(root: string, file: string): string {
  return path.relative(root, file) || file;
}

function suiteAndCard(entity: TestSuite | TestModule): { suite?: string; card?: string } {
  for (const testCase of entity.children.allTests()) {
    const meta = testCase.meta().conformance;
    if (meta !== undefined) {
      return { suite: meta.suite, card: meta.card };
    }
  }
  return {};
}

function runError(
  fields: Omit<RunError, 'id' | 'message' | 'request'> & { readonly error: SerializedError },
  index: number,
): RunError {
  const { error, ...rest } = fields;
  const request = requestOf(error);
  return {
    id: `${rest.project ?? '(run)'}:${rest.kind}:${rest.where}${index > 0 ? `#${index + 1}` : ''}`,
    ...rest,
    message: shortMessage(error.message || String(error.name ?? 'error')),
    ...(request === undefined ? {} : { request }),
  };
}

/**
 * Which hook failed, told by what its cases did (Vitest does not say): a `beforeAll` error stops every case of the
 * describe before it starts, so if any case ran the error came from an `afterAll`.
 */
function hookName(entity: TestSuite | TestModule): string {
  const tests = [...entity.children.allTests()];
  if (tests.length === 0) {
    return 'collecting it or a hook';
  }
  const ran = tests.some((t) => {
    const result = t.result();
    return (
      result.state === 'passed' ||
      result.state === 'failed' ||
      (result.state === 'skipped' && result.note !== undefined)
    );
  });
  return ran ? 'afterAll' : 'beforeAll';
}

/** Errors of a file's hooks, its describes' hooks, and of loading it. */
export function moduleErrors(module: TestModule, root: string): RunError[] {
  const file = relative(root, module.moduleId);
  const project = module.project.name;
  const out: RunError[] = [];
  const loaded = module.children.size > 0;
  module.errors().forEach((error, index) => {
    const where = loaded ? `file-level ${hookName(module)} of ${file}` : `loading ${file}`;
    out.push(runError({ kind: loaded ? 'hook' : 'module', project, where, error, ...suiteAndCard(module) }, index));
  });
  for (const suite of module.children.allSuites()) {
    suite.errors().forEach((error, index) => {
      const where = `${hookName(suite)} of "${suite.fullName}" in ${file}`;
      out.push(runError({ kind: 'hook', project, where, error, ...suiteAndCard(suite) }, index));
    });
  }
  return out;
}

/**
 * An error nobody caught. Vitest names the file and test it happened during; the project is known only when one
 * project ran that file (several profiles run the same spec files).
 */
export function unhandledError(
  error: SerializedError,
  modules: readonly TestModule[],
  root: string,
  index: number,
): RunError {
  const file = typeof error.VITEST_TEST_PATH === 'string' ? error.VITEST_TEST_PATH : undefined;
  const test = typeof error.VITEST_TEST_NAME === 'string' ? error.VITEST_TEST_NAME : undefined;
  const candidates = modules.filter((m) => m.moduleId === file);
  const projects = new Set(candidates.map((m) => m.project.name));
  const [project] = projects;
  // The test it happened during names the suite and card (the same in every project that ran the file).
  const during = candidates
    .flatMap((m) => [...m.children.allTests()])
    .find((t) => test !== undefined && (t.fullName === test || t.name === test))
    ?.meta().conformance;
  const kind = typeof error.type === 'string' ? error.type.toLowerCase() : 'unhandled error';
  const where = [
    kind,
    test === undefined ? undefined : `during "${test}"`,
    file === undefined ? undefined : `in ${relative(root, file)}`,
  ]
    .filter((part) => part !== undefined)
    .join(' ');
  return runError(
    {
      kind: 'unhandled',
      ...(projects.size === 1 && project !== undefined ? { project } : {}),
      ...(during === undefined ? {} : { suite: during.suite, card: during.card }),
      where,
      error,
    },
    index,
  );
}
