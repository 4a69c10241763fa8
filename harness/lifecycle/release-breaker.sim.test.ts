/**
 * The ledger's releases against the simulator answering 429 `circuit_breaking_exception` the way a node short of heap
 * does: over HTTP, through the real ML client (whose transport never retries a 429 itself) and the lifecycle driver.
 */
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../mocks/artifact/sha256.ts';
import { createSimulator } from '../../mocks/index.ts';
import { testClient } from '../../mocks/test-support/client.ts';
import { createFakeBackend } from '../../mocks/test-support/fake-backend.ts';
import { allowDevRegistration, SYMMETRIC_CONFIG } from '../../mocks/test-support/lifecycle.ts';
import { useMswServer } from '../../mocks/test-support/msw.ts';
import { modelZip } from '../../mocks/test-support/zips.ts';
import { createMlClient } from '../ml/client.ts';
import { ModelLifecycle } from './model-lifecycle.ts';
import { LedgerReleaseError, ResourceLedger } from './resource-ledger.ts';

const BASE = 'http://127.0.0.1:9200';
const RUN = 'r20261123t040512-3fa9';
const breaker = {
  status: 429,
  type: 'circuit_breaking_exception',
  reason: '[parent] Data too large, data for [<http_request>] would be [1031798784/984mb]',
} as const;
const msw = useMswServer();

const zip = modelZip('ONNX', 'breaker');
const fetchArtifact = () => Promise.resolve(zip);

async function simulated() {
  const sim = createSimulator({ profile: '3.x', baseUrl: BASE, inference: createFakeBackend(), fetchArtifact });
  msw.install(sim);
  await allowDevRegistration(testClient(BASE));
  const client = createMlClient({ baseUrl: BASE });
  const ledger = new ResourceLedger();
  const lifecycle = new ModelLifecycle({ client, ledger, runId: RUN, scope: 'breaker' });
  const refused = () => sim.state.requests.filter((r) => r.outcome === 429).map((r) => `${r.method} ${r.endpoint}`);
  return { sim, client, ledger, lifecycle, refused };
}

describe('ledger releases on a simulator whose circuit breaker trips', () => {
  it('send the refused undeploy and deletes again and leave nothing behind', async () => {
    const { sim, client, ledger, lifecycle, refused } = await simulated();
    const { groupId } = await lifecycle.registerGroup();
    const { modelId } = await lifecycle.registerModel({
      version: '1.0.0',
      function_name: 'TEXT_EMBEDDING',
      model_format: 'ONNX',
      url: 'http://127.0.0.1:1/breaker.zip',
      model_content_hash_value: sha256Hex(zip),
      model_config: SYMMETRIC_CONFIG,
    });
    await lifecycle.deploy(modelId);
    sim.faults
      .burst({ endpoint: 'undeploy', times: 1, ...breaker })
      .burst({ endpoint: 'delete', times: 2, ...breaker });

    const report = await ledger.releaseAll();

    expect(report.failed).toEqual([]);
    expect(refused()).toEqual(['POST undeploy', 'DELETE delete', 'DELETE delete']);
    await expect(client.getModel(modelId)).rejects.toMatchObject({ status: 404 });
    await expect(client.getModelGroup(groupId)).rejects.toMatchObject({ status: 404 });
    await client.close();
  });

  it('give up on a breaker that stays open with a message naming it and the group', async () => {
    const { sim, client, ledger, lifecycle, refused } = await simulated();
    const { groupId, name } = await lifecycle.registerGroup();
    sim.faults.burst({ endpoint: 'delete', times: 10, ...breaker });

    const error = await ledger.releaseAll().catch((e: unknown) => e);

    expect(error).toBeInstanceOf(LedgerReleaseError);
    expect((error as Error).message).toContain(
      `gave up releasing model group ${groupId} (${name}): the [parent] circuit breaker is still open after 4 attempt(s)`,
    );
    expect(refused()).toHaveLength(4);
    sim.faults.clear();
    await expect(client.getModelGroup(groupId)).resolves.toMatchObject({ name });
    await client.close();
  });
});
