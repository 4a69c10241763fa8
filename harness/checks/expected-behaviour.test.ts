/**
 * expected-behaviour.ts against what real clusters answered (fixtures/recordings/): for every recorded version and
 * every behaviour, the recorded exchange that provokes it must satisfy the entry exactly as the suites assert it
 * (expectRefusal: status and a reason containing the text; a FAILED task with the text in its error).
 */
import { describe, expect, it } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import { readRecordings } from '../recordings/recording-file.ts';
import { outcomeOf } from '../suite/http-outcome.ts';
import { expectedBehaviour, type BehaviourName } from './expected-behaviour.ts';

interface Provoked {
  /** The recording step whose answer shows the behaviour. */
  readonly step: string;
  /** The placeholder of the id the suite passes as `{id}`. */
  readonly id?: string;
  /** What the suite reads: the refusal's reasons (default), the task's error, or the 2xx body's `result`. */
  readonly read?: 'refusal' | 'task' | 'result';
  /** Values of the text's other placeholders in the recorded request (e.g. the recorded index's dimension). */
  readonly vars?: Readonly<Record<string, number>>;
}

// A Record over BehaviourName: a new behaviour does not compile until it names its recording step here.
const PROVOKED_BY: Readonly<Record<BehaviourName, Provoked>> = {
  'url-registration-disabled': { step: 'url-disabled:register' },
  'untrusted-url': { step: 'untrusted-url:register' },
  'missing-hash': { step: 'missing-hash:register-task', read: 'task' },
  'wrong-hash': { step: 'wrong-hash:register-task', read: 'task' },
  'predict-before-deploy': { step: 'onnx-sym:predict-before-deploy', id: '{model:onnx-sym}' },
  'delete-deployed-model': { step: 'onnx-sym:delete-deployed' },
  'delete-group-with-models': { step: 'group:delete-with-models' },
  // Once the model index exists (api.unknown-ids runs after a register), an unknown id answers like a deleted one.
  'unknown-model': { step: 'onnx-sym:get-deleted', id: '{model:onnx-sym}' },
  'unknown-task': { step: 'task:get-unknown' },
  'unknown-group': { step: 'group:get-unknown', id: '{unknown_id}' },
  'delete-unknown-group': { step: 'group:delete-unknown', read: 'result' },
  'empty-text-docs': { step: 'onnx-sym:predict-empty' },
  'duplicate-group-name': { step: 'group:register-duplicate', id: '{group}' },
  'asymmetric-without-content-type': { step: 'onnx-asym:predict-no-content-type' },
  'content-type-on-symmetric': { step: 'onnx-sym:predict-content-type' },
  // The recorded index is one dimension wider than tiny-onnx-sym's 32.
  'vector-dimension-mismatch': { step: 'neural:doc-put-dim', vars: { expected: 33, given: 32 } },
  // The chunked-upload scenario (upload.json).
  'local-file-registration-disabled': { step: 'gate:meta-disabled' },
  'local-file-upload-disabled': { step: 'gate:chunk-disabled' },
  'upload-wrong-hash': { step: 'wrong-hash:deploy-task', read: 'task' },
  'upload-chunk-missing': { step: 'missing-chunk:deploy-task', read: 'task' },
  'upload-last-chunk-missing': { step: 'count-mismatch:deploy-task', read: 'task', id: '{model:count-mismatch}_2' },
  'upload-chunk-out-of-range': { step: 'chunk-errors:out-of-range' },
};

// Both recorded scenarios of each version (responses.json: URL registration and the API; upload.json: upload).
const uploads = readRecordings(undefined, 'upload.json');
const recordings = readRecordings().map((recording) => ({
  ...recording,
  exchanges: [...recording.exchanges, ...(uploads.find((u) => u.version === recording.version)?.exchanges ?? [])],
}));
const behaviours = Object.keys(PROVOKED_BY) as BehaviourName[];

function field(body: unknown, key: string): unknown {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
}

it('has the recordings of at least two versions', () => {
  expect(recordings.map((r) => r.version).length).toBeGreaterThanOrEqual(2);
});

describe.for(recordings)('expected behaviour on recorded OpenSearch $version', (recording) => {
  it.for(behaviours)('%s', async (name) => {
    const provoked = PROVOKED_BY[name];
    const exchange = recording.exchanges.find((e) => e.step === provoked.step);
    expect(exchange, `recording step ${provoked.step}`).toBeDefined();
    if (exchange === undefined) {
      return;
    }
    const expected = expectedBehaviour(name, recording.version, provoked.id, provoked.vars);
    switch (provoked.read ?? 'refusal') {
      case 'task':
        expect(expected.status).toBe('task');
        expect(exchange.status).toBe(200);
        expect(field(exchange.body, 'state')).toBe('FAILED');
        expect(field(exchange.body, 'error')).toContain(expected.text);
        break;
      case 'result':
        expect(exchange.status).toBe(expected.status);
        expect(field(exchange.body, 'result')).toBe(expected.text);
        break;
      case 'refusal': {
        // The answer as the suites see it: an MlHttpError turned into status + every nested reason.
        const { status, method, path, body } = exchange;
        const outcome = await outcomeOf(Promise.reject(new MlHttpError({ status, method, path, body })));
        expect(outcome).toMatchObject({ outcome: 'http-error', status: expected.status });
        expect(outcome.outcome === 'http-error' ? outcome.reasons : '').toContain(expected.text);
        break;
      }
    }
  });
});

describe('expectedBehaviour lookups', () => {
  it('reads a pre-release or build version by its release part', () => {
    expect(expectedBehaviour('delete-group-with-models', '3.6.0-SNAPSHOT')).toEqual(
      expectedBehaviour('delete-group-with-models', '3.6.0'),
    );
    expect(expectedBehaviour('delete-group-with-models', '2.18.0+build.7').status).toBe(500);
  });

  it('names the behaviour and the version it has no entry for, also for a version that is no version', () => {
    const unknown = (version: string): unknown => {
      try {
        expectedBehaviour('delete-unknown-group', version);
      } catch (error) {
        return error;
      }
      return undefined;
    };
    expect(unknown('2.11.0')).toMatchObject({
      name: 'UnknownBehaviourError',
      code: 'unknown-behaviour',
      message: 'no documented behaviour "delete-unknown-group" for OpenSearch 2.11.0',
    });
    expect(unknown('not a version')).toMatchObject({ code: 'unknown-behaviour' });
  });

  it('fills `{id}` with the id given, and with nothing when none is', () => {
    expect(expectedBehaviour('upload-last-chunk-missing', '3.6.0', 'm_2').text).toBe('Fail to find model chunk m_2');
    expect(expectedBehaviour('upload-last-chunk-missing', '3.6.0').text).toBe('Fail to find model chunk ');
  });
});
