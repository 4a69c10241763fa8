import { describe, expect, it } from 'vitest';
import type { MlClient } from '../ml/client.ts';
import { jumpingClock } from '../ml/testing/jumping-clock.ts';
import { ModelStateTimeoutError } from '../ml/wait-errors.ts';
import { MODEL_GROUP_KIND, MODEL_KIND } from './ml-resource-kinds.ts';
import { FakeMl } from './testing/fake-ml.ts';

const PREFIX = 'omlc-r1-';

function searching(models: { id: string; source: Record<string, unknown> }[]): MlClient {
  const fake: Pick<MlClient, 'searchModels' | 'searchModelGroups'> = {
    searchModels: () => Promise.resolve({ total: models.length, hits: models }),
    searchModelGroups: () =>
      Promise.resolve({ total: 1, hits: [{ id: 'g1', source: { name: `${PREFIX}group`, created_time: 5 } }] }),
  };
  return fake as MlClient;
}

describe('ML Commons resource kinds', () => {
  it('list models under the prefix with only the fields the cluster gave, skipping nameless hits and chunks', async () => {
    const client = searching([
      { id: 'bare', source: { name: `${PREFIX}model` } },
      { id: 'full', source: { name: `${PREFIX}model-2`, created_time: 7, model_state: 'DEPLOYED' } },
      { id: 'nameless', source: { model_state: 'REGISTERED' } },
      { id: 'full_0', source: { name: `${PREFIX}model-2`, chunk_number: 0 } },
      { id: 'other', source: { name: 'omlc-r2-model' } },
    ]);
    expect(await MODEL_KIND.find(client, PREFIX)).toStrictEqual([
      { kind: 'model', id: 'bare', name: `${PREFIX}model` },
      { kind: 'model', id: 'full', name: `${PREFIX}model-2`, createdAt: 7, state: 'DEPLOYED' },
    ]);
    expect(await MODEL_GROUP_KIND.find(client, PREFIX)).toStrictEqual([
      { kind: 'model-group', id: 'g1', name: `${PREFIX}group`, createdAt: 5 },
    ]);
  });

  it("release a model within the sweep's budget, on its clock, and shorter once hurried", async () => {
    const ml = new FakeMl();
    const client = ml.client as MlClient;
    const deployed = async (): Promise<{ kind: string; id: string; name: string }> => {
      ml.behaviour = { undeployLag: 1_000_000 };
      await ml.client.registerModel({ name: `${PREFIX}m`, version: '1', model_format: 'ONNX', url: 'http://h/m.zip' });
      const id = [...ml.models.keys()].at(-1) ?? '';
      await ml.client.deployModel(id);
      return { kind: 'model', id, name: `${PREFIX}m` };
    };

    const clock = jumpingClock();
    const error = await MODEL_KIND.release(client, await deployed(), { budgetMs: 3000, clock }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ModelStateTimeoutError);
    expect((error as ModelStateTimeoutError).timeoutMs).toBe(3000);
    expect(clock.now()).toBeGreaterThanOrEqual(3000);

    const hurry = new AbortController();
    hurry.abort();
    const hurried = jumpingClock();
    await expect(
      MODEL_KIND.release(client, await deployed(), { budgetMs: 600_000, clock: hurried, hurry: hurry.signal }),
    ).rejects.toThrow(ModelStateTimeoutError);
    expect(hurried.now()).toBeLessThan(60_000);
  });
});
