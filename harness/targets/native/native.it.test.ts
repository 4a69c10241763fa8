/**
 * Slow integration test: really provisions and starts each native version, then runs one ONNX and one TorchScript
 * fixture through register → deploy → predict → undeploy → delete with plain fetch (no harness client, so a failure
 * here points at the target, not the client), and proves the k-NN + neural-search install with a Lucene HNSW index. Opt-in: OMLC_NATIVE_IT=1 (versions: OMLC_NATIVE_IT_VERSIONS=2.19.6,3.6.0).
 * A cold first run downloads ~1.2 GB through mvn and takes a few minutes.
 */
import { runConfig } from '../../config/run-config.ts';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { startNativeCluster, type NativeCluster } from './cluster.ts';
import { DEFAULT_NATIVE_VERSIONS } from './versions.ts';

const config = runConfig();
const enabled = config.OMLC_NATIVE_IT;
// The live projects run every suite on the native target already; this plain-fetch cross-check is for debugging it.
const OPT_IN = 'opt-in with OMLC_NATIVE_IT=1 (the live:<version> projects already cover the native target)';
const versions = config.OMLC_NATIVE_IT_VERSIONS ?? DEFAULT_NATIVE_VERSIONS;
const fixturesDir = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'models');
const FIXTURES = ['tiny-onnx-sym', 'tiny-torchscript'];

interface Card {
  name: string;
  format: string;
  model_config: Record<string, unknown>;
  probes: { id: string; text: string }[];
}

async function call(base: string, method: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) {
    throw new Error(`${method} ${path} → ${response.status}: ${JSON.stringify(json)}`);
  }
  return json;
}

async function waitTask(base: string, taskId: unknown): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const task = await call(base, 'GET', `/_plugins/_ml/tasks/${String(taskId)}`);
    if (task.state === 'COMPLETED' || task.state === 'FAILED' || Date.now() > deadline) {
      return task;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return dot / Math.sqrt(na * nb);
}

describe.for(versions)('native %s', (version) => {
  let cluster: NativeCluster | undefined;
  let server: Server | undefined;
  let artifactBase = '';

  beforeAll(async () => {
    if (!enabled) {
      return;
    }
    server = createServer((req, res) => {
      const id = /^\/([\w-]+)\/model\.zip$/.exec(req.url ?? '')?.[1];
      if (id === undefined || !FIXTURES.includes(id)) {
        res.writeHead(404).end();
        return;
      }
      readFile(join(fixturesDir, id, 'model.zip')).then(
        (data) => res.writeHead(200, { 'content-type': 'application/zip' }).end(data),
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    artifactBase = `http://127.0.0.1:${typeof address === 'object' && address !== null ? address.port : 0}`;
    const t0 = Date.now();
    cluster = await startNativeCluster({ version, onProgress: (line) => console.log(line) });
    console.log(
      `[native ${version}] start (incl. any downloads/install) took ${((Date.now() - t0) / 1000).toFixed(1)} s`,
    );
  }, 1_200_000);

  afterAll(async () => {
    await cluster?.stop();
    const running = server;
    if (running !== undefined) {
      await new Promise((resolve) => running.close(resolve));
    }
  }, 60_000);

  it.for(FIXTURES)('%s: register → deploy → predict → undeploy → delete', { timeout: 180_000 }, async (id, ctx) => {
    if (!enabled) {
      ctx.skip(OPT_IN);
      return;
    }
    const base = cluster?.baseUrl ?? '';
    const card = parse(await readFile(join(fixturesDir, id, 'card.yaml'), 'utf8')) as Card;
    const zip = await readFile(join(fixturesDir, id, 'model.zip'));
    const reference = JSON.parse(await readFile(join(fixturesDir, id, 'reference.json'), 'utf8')) as {
      embeddings: { plain: Record<string, number[]> };
    };
    const probe = card.probes[0];
    expect(probe).toBeDefined();
    const suffix = `${version}-${Date.now()}`;
    const group = await call(base, 'POST', '/_plugins/_ml/model_groups/_register', {
      name: `omlc-it-${id}-${suffix}`,
    });
    const registered = await waitTask(
      base,
      (
        await call(base, 'POST', '/_plugins/_ml/models/_register', {
          name: `${card.name}-${suffix}`,
          version: '1.0.0',
          model_group_id: group.model_group_id,
          model_format: card.format,
          model_content_hash_value: createHash('sha256').update(zip).digest('hex'),
          model_config: card.model_config,
          url: `${artifactBase}/${id}/model.zip`,
        })
      ).task_id,
    );
    expect(registered.state, JSON.stringify(registered)).toBe('COMPLETED');
    const modelId = String(registered.model_id);
    const deployed = await waitTask(
      base,
      (await call(base, 'POST', `/_plugins/_ml/models/${modelId}/_deploy`)).task_id,
    );
    expect(deployed.state, `${JSON.stringify(deployed)}\n${(await cluster?.logTail(40)) ?? ''}`).toBe('COMPLETED');
    const predicted = (await call(base, 'POST', `/_plugins/_ml/_predict/text_embedding/${modelId}`, {
      text_docs: [probe?.text],
      target_response: ['sentence_embedding'],
    })) as { inference_results: { output: { name: string; shape: number[]; data: number[] }[] }[] };
    const output = predicted.inference_results[0]?.output[0];
    expect(output?.shape).toEqual([card.model_config.embedding_dimension]);
    expect(cosine(output?.data ?? [], reference.embeddings.plain[probe?.id ?? ''] ?? [])).toBeGreaterThan(0.9999);
    await call(base, 'POST', `/_plugins/_ml/models/${modelId}/_undeploy`);
    // The model doc's state is updated just after the undeploy response; DELETE refuses a DEPLOYED model.
    await expect
      .poll(async () => (await call(base, 'GET', `/_plugins/_ml/models/${modelId}`)).model_state, { timeout: 30_000 })
      .toBe('UNDEPLOYED');
    // DELETE needs the reindex module (DeleteByQuery of model chunks); 2.19.x gets a hand-assembled one.
    expect((await call(base, 'DELETE', `/_plugins/_ml/models/${modelId}`)).result).toBe('deleted');
    expect((await call(base, 'DELETE', `/_plugins/_ml/model_groups/${String(group.model_group_id)}`)).result).toBe(
      'deleted',
    );
  });

  it(
    'k-NN + neural-search: text_embedding pipeline, Lucene HNSW index, _bulk, neural query',
    { timeout: 180_000 },
    async (ctx) => {
      if (!enabled) {
        ctx.skip(OPT_IN);
        return;
      }
      const base = cluster?.baseUrl ?? '';
      const id = 'tiny-onnx-sym';
      const card = parse(await readFile(join(fixturesDir, id, 'card.yaml'), 'utf8')) as Card;
      const zip = await readFile(join(fixturesDir, id, 'model.zip'));
      const suffix = `${version}-${Date.now()}`;
      const group = await call(base, 'POST', '/_plugins/_ml/model_groups/_register', { name: `omlc-it-knn-${suffix}` });
      const registered = await waitTask(
        base,
        (
          await call(base, 'POST', '/_plugins/_ml/models/_register', {
            name: `${card.name}-${suffix}`,
            version: '1.0.0',
            model_group_id: group.model_group_id,
            model_format: card.format,
            model_content_hash_value: createHash('sha256').update(zip).digest('hex'),
            model_config: card.model_config,
            url: `${artifactBase}/${id}/model.zip`,
          })
        ).task_id,
      );
      const modelId = String(registered.model_id);
      expect(
        (await waitTask(base, (await call(base, 'POST', `/_plugins/_ml/models/${modelId}/_deploy`)).task_id)).state,
      ).toBe('COMPLETED');
      const pipeline = `omlc-it-knn-${suffix}`;
      const index = `omlc-it-knn-${suffix}`;
      await call(base, 'PUT', `/_ingest/pipeline/${pipeline}`, {
        processors: [{ text_embedding: { model_id: modelId, field_map: { text: 'embedding' } } }],
      });
      // engine: lucene is mandatory: the Maven k-NN zips carry no FAISS natives and FAISS is the default engine.
      await call(base, 'PUT', `/${index}`, {
        settings: { index: { knn: true, default_pipeline: pipeline, number_of_shards: 1, number_of_replicas: 0 } },
        mappings: {
          properties: {
            text: { type: 'text' },
            embedding: {
              type: 'knn_vector',
              dimension: card.model_config.embedding_dimension,
              method: { name: 'hnsw', engine: 'lucene', space_type: 'cosinesimil' },
            },
          },
        },
      });
      const ndjson = card.probes.flatMap((p) => [{ index: { _index: index, _id: p.id } }, { text: p.text }]);
      const bulk = await fetch(`${base}/_bulk?refresh=true`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-ndjson' },
        body: `${ndjson.map((line) => JSON.stringify(line)).join('\n')}\n`,
      });
      expect(((await bulk.json()) as { errors: boolean }).errors).toBe(false);
      const probe = card.probes[0];
      const found = (await call(base, 'POST', `/${index}/_search`, {
        query: { neural: { embedding: { query_text: probe?.text, model_id: modelId, k: 3 } } },
      })) as { hits: { hits: { _id: string }[] } };
      expect(found.hits.hits[0]?._id).toBe(probe?.id);
      await call(base, 'DELETE', `/${index}`);
      await call(base, 'DELETE', `/_ingest/pipeline/${pipeline}`);
      await call(base, 'POST', `/_plugins/_ml/models/${modelId}/_undeploy`);
      await expect
        .poll(async () => (await call(base, 'GET', `/_plugins/_ml/models/${modelId}`)).model_state, { timeout: 30_000 })
        .toBe('UNDEPLOYED');
      await call(base, 'DELETE', `/_plugins/_ml/models/${modelId}`);
      await call(base, 'DELETE', `/_plugins/_ml/model_groups/${String(group.model_group_id)}`);
      expect((await call(base, 'GET', '/_cluster/health')).status).not.toBe('red');
    },
  );
});
