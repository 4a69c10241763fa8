/** The errors a wait ends with: what they say, which request they name, and how a task's error text is read. */
import { describe, expect, it } from 'vitest';
import type { Observation } from './poll-loop.ts';
import type { Model, Task } from './schemas.ts';
import {
  ModelStateFailedError,
  ModelStateTimeoutError,
  parseTaskError,
  TaskFailedError,
  TaskTimeoutError,
} from './wait-errors.ts';

const seen: Observation[] = [{ at: 1, elapsedMs: 0, state: 'RUNNING', transient: false }];

describe('parseTaskError', () => {
  it('says there is no text for a missing or empty error', () => {
    expect(parseTaskError(undefined)).toEqual({ text: '(no error text)', nodeErrors: undefined });
    expect(parseTaskError('')).toEqual({ text: '(no error text)', nodeErrors: undefined });
  });

  it('flattens per-node JSON errors, rendering a cause that is not a string', () => {
    expect(parseTaskError('{"n1":"boom","n2":{"code":7}}')).toEqual({
      text: 'n1: boom; n2: {"code":7}',
      nodeErrors: { n1: 'boom', n2: '{"code":7}' },
    });
  });

  it.for(['model content changed', '{}', '[1,2]', 'null', '"quoted"', '42', '{not json'])(
    'keeps %j as it is',
    (error) => {
      expect(parseTaskError(error)).toEqual({ text: error, nodeErrors: undefined });
    },
  );
});

describe('TaskFailedError', () => {
  it('names the task, its type and its end state, with the flattened error', () => {
    const task = { state: 'FAILED', task_type: 'DEPLOY_MODEL', error: '{"n1":"boom"}' } as Task;
    const error = new TaskFailedError('t1', task, seen);
    expect(error.message).toBe('task t1 (DEPLOY_MODEL) ended FAILED: n1: boom');
    expect(error).toMatchObject({
      name: 'TaskFailedError',
      code: 'task-failed',
      taskId: 't1',
      state: 'FAILED',
      reason: 'n1: boom',
      nodeErrors: { n1: 'boom' },
      history: seen,
    });
    expect(new TaskFailedError('t2', { state: 'CANCELLED' }, []).message).toBe(
      'task t2 ended CANCELLED: (no error text)',
    );
  });
});

describe('timeouts', () => {
  it('of a task: the deadline, the states seen and the last body', () => {
    const error = new TaskTimeoutError('t1', 500, seen, { state: 'RUNNING' });
    expect(error).toMatchObject({ name: 'TaskTimeoutError', code: 'wait-timeout', taskId: 't1', timeoutMs: 500 });
    expect(error.message).toMatch(/^task t1: not done after 500 ms; states seen: .*RUNNING.*; last body: /);
    expect(error.message).toContain('"state":"RUNNING"');
    expect(error.request).toEqual({ method: 'GET', path: '/_plugins/_ml/tasks/t1' });
  });

  it('of a model: the states it waited for', () => {
    const error = new ModelStateTimeoutError('m1', ['DEPLOYED', 'PARTIALLY_DEPLOYED'], 500, seen, undefined);
    expect(error).toMatchObject({
      name: 'ModelStateTimeoutError',
      code: 'wait-timeout',
      wanted: ['DEPLOYED', 'PARTIALLY_DEPLOYED'],
    });
    expect(error.message).toMatch(/^model m1 \(waiting for DEPLOYED\|PARTIALLY_DEPLOYED\): not done after 500 ms/);
  });
});

describe('ModelStateFailedError', () => {
  it('names the state reached and the poll that saw it', () => {
    const error = new ModelStateFailedError('m/1', { model_state: 'DEPLOY_FAILED' } as Model, seen);
    expect(error).toMatchObject({ name: 'ModelStateFailedError', code: 'model-state-failed', state: 'DEPLOY_FAILED' });
    expect(error.message).toMatch(/^model m\/1 reached DEPLOY_FAILED; states seen: /);
    expect(error.request).toEqual({ method: 'GET', path: '/_plugins/_ml/models/m%2F1', status: 200 });
    expect(new ModelStateFailedError('m2', {} as Model, []).state).toBe('(no state)');
  });
});
