/**
 * Releases through the ledger while the cluster's circuit breaker is tripped: the lifecycle driver's entries (group,
 * model, deployment) over the in-memory ML Commons, with refusals put in front of its release requests.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { MlHttpError } from '../ml/errors.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import type { LifecycleClient } from './lifecycle-types.ts';
import { ModelLifecycle } from './model-lifecycle.ts';
import { LedgerReleaseError, ResourceLedger } from './resource-ledger.ts';
import { FakeMl } from './testing/fake-ml.ts';

const RUN = 'r20261123t040512-3fa9';
const DATA_TOO_LARGE =
  '[parent] Data too large, data for [<http_request>] would be [1031798784/984mb], which is larger than the limit of ' +
  '[1020054732/972.7mb]';

type ReleaseCall = 'undeployModel' | 'deleteModel' | 'deleteModelGroup';

function refusal(status: number, type: string, reason: string): MlHttpError {
  const body = { error: { root_cause: [{ type, reason }], type, reason }, status };
  return new MlHttpError({ status, method: 'DELETE', path: '/_plugins/_ml/x', body });
}

let ml: FakeMl;
let ledger: ResourceLedger;
/** Refusals still to answer, per release call, in front of the in-memory cluster. */
let refusals: Map<ReleaseCall, MlHttpError[]>;

function refuse(call: ReleaseCall, error: MlHttpError, times: number): void {
  refusals.set(call, [...(refusals.get(call) ?? []), ...Array.from({ length: times }, () => error)]);
}

function guarded(client: LifecycleClient): LifecycleClient {
  const gate =
    <A extends unknown[], R>(call: ReleaseCall, send: (...args: A) => Promise<R>) =>
    (...args: A): Promise<R> => {
      const error = refusals.get(call)?.shift();
      if (error === undefined) {
        return send(...args);
      }
      ml.calls.push(`${call} → ${error.status}`);
      return Promise.reject(error);
    };
  return {
    ...client,
    undeployModel: gate('undeployModel', client.undeployModel),
    deleteModel: gate('deleteModel', client.deleteModel),
    deleteModelGroup: gate('deleteModelGroup', client.deleteModelGroup),
  };
}

async function deployedModel(): Promise<{ groupId: string; modelId: string }> {
  const driver = new ModelLifecycle({
    client: guarded(ml.client),
    ledger,
    runId: RUN,
    scope: 'MiniLM',
    timeouts: { registerMs: 5000, deployMs: 5000, undeployMs: 5000 },
    clock: jumpingClock(),
  });
  const { groupId } = await driver.registerGroup();
  const { modelId } = await driver.registerModel({ version: '1.0.0', model_format: 'ONNX', url: 'http://x/m.zip' });
  await driver.deploy(modelId);
  return { groupId, modelId };
}

const breaker = () => refusal(429, 'circuit_breaking_exception', DATA_TOO_LARGE);
const attempts = (call: ReleaseCall) => ml.calls.filter((c) => c.startsWith(`${call} `)).length;

beforeEach(() => {
  ml = new FakeMl();
  ledger = new ResourceLedger();
  refusals = new Map();
});

describe('releases while the circuit breaker is open', () => {
  it('send a refused undeploy, delete and group delete again, and leave nothing behind', async () => {
    await deployedModel();
    refuse('undeployModel', breaker(), 1);
    refuse('deleteModel', breaker(), 2);
    refuse('deleteModelGroup', breaker(), 1);

    const report = await ledger.releaseAll();

    expect(report.failed).toEqual([]);
    expect(report.released.map((r) => r.kind)).toEqual(['deployment', 'model', 'model-group']);
    expect(ml.models.size + ml.groups.size).toBe(0);
    expect([attempts('undeployModel'), attempts('deleteModel'), attempts('deleteModelGroup')]).toEqual([2, 3, 2]);
  });

  it('give up on a breaker that stays open, naming it and the resource, and keep the resource tracked', async () => {
    const { groupId } = await deployedModel();
    refuse('deleteModelGroup', breaker(), 10);

    const error = await ledger.releaseAll().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LedgerReleaseError);
    const message = (error as LedgerReleaseError).message;
    expect(message).toContain(`model-group ${groupId} (omlc-${RUN}-minilm-group): gave up releasing model group`);
    expect(message).toContain('the [parent] circuit breaker is still open after 4 attempt(s)');
    expect(attempts('deleteModelGroup')).toBe(4);
    expect(ledger.pending.map((r) => `${r.kind} ${r.id}`)).toEqual([`model-group ${groupId}`]);
    expect(ml.models.size).toBe(0); // the model before it was released
  });

  it('never send a release refused with 400 again', async () => {
    await deployedModel();
    refuse('deleteModel', refusal(400, 'illegal_argument_exception', 'refused for another reason'), 1);

    const error = await ledger.releaseAll().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LedgerReleaseError);
    expect((error as LedgerReleaseError).report.failed.map((f) => f.error)).toEqual([
      expect.objectContaining({ status: 400 }),
      // The group still holds the model the failed release left.
      expect.objectContaining({ status: 409 }),
    ]);
    expect(attempts('deleteModel')).toBe(1);
  });
});
