/**
 * Registers one zip on a running cluster by URL and by chunked upload, deploys it, predicts one text and cleans up,
 * printing how long each registration took — the figures in the README ("Registering: URL or upload").
 *
 *   npx node scripts/measure-registration.ts --url http://127.0.0.1:9200 --zip model.zip --format ONNX \
 *     --config '{"model_type":"bert","embedding_dimension":384,"framework_type":"sentence_transformers"}' \
 *     [--paths url,upload] [--runs 1]
 *
 * The cluster must allow the paths asked for (a native node started by scripts/native/start.ts allows both) and, for
 * URL registration, reach this machine's loopback artifact server.
 */
import { parseArgs } from 'node:util';
import { startArtifactServer } from '../harness/artifacts/artifact-server.ts';
import { digestFileSync } from '../harness/artifacts/file-digest.ts';
import { newRunId } from '../harness/lifecycle/run-id.ts';
import { ModelLifecycle } from '../harness/lifecycle/model-lifecycle.ts';
import { ResourceLedger } from '../harness/lifecycle/resource-ledger.ts';
import { createMlClient } from '../harness/ml/client.ts';
import type { TextEmbeddingModelConfig } from '../harness/ml/request-types.ts';
import type { RegistrationPath } from '../harness/targets/target-info.ts';

const { values } = parseArgs({
  options: {
    url: { type: 'string' },
    zip: { type: 'string' },
    format: { type: 'string', default: 'ONNX' },
    config: { type: 'string' },
    paths: { type: 'string', default: 'url,upload' },
    runs: { type: 'string', default: '1' },
  },
});
if (values.url === undefined || values.zip === undefined || values.config === undefined) {
  console.error(
    'usage: npx node scripts/measure-registration.ts --url <cluster> --zip <model.zip> --format ONNX|TORCH_SCRIPT --config <model_config JSON> [--paths url,upload] [--runs N]',
  );
  process.exit(2);
}
const paths = values.paths.split(',').map((p) => p.trim()) as RegistrationPath[];
const modelConfig = JSON.parse(values.config) as TextEmbeddingModelConfig;
const { sha256, size } = digestFileSync(values.zip);
const client = createMlClient({ baseUrl: values.url });
const artifacts = await startArtifactServer();
const ledger = new ResourceLedger();
try {
  const published = await artifacts.publish(values.zip, sha256);
  console.log(`[measure] ${values.zip}: ${(size / 1_000_000).toFixed(1)} MB, sha256 ${sha256.slice(0, 12)}…`);
  for (let run = 1; run <= Number(values.runs); run += 1) {
    for (const path of paths) {
      const lifecycle = new ModelLifecycle({
        client,
        ledger,
        runId: newRunId(new Date()),
        scope: `measure-${path}`,
        registration: path,
        progress: (line) => console.log(`[measure]   ${line}`),
      });
      const { groupId } = await lifecycle.registerGroup();
      const started = performance.now();
      const registered = await lifecycle.register({
        model_format: values.format,
        model_content_hash_value: sha256,
        model_config: modelConfig,
        url: published.url,
        artifact: { path: values.zip, sha256, size },
        model_group_id: groupId,
      });
      const registerMs = performance.now() - started;
      const chunks = registered.via === 'upload' ? `${registered.totalChunks} chunks, ` : '';
      const deployStarted = performance.now();
      await lifecycle.deploy(registered.modelId);
      const deployMs = performance.now() - deployStarted;
      const prediction = await lifecycle.predict(registered.modelId, {
        text_docs: ['the water is very long'],
        target_response: ['sentence_embedding'],
      });
      const dimension = prediction.inference_results[0]?.output?.[0]?.shape[0];
      console.log(
        `[measure] run ${run} ${path.padEnd(6)}: register ${(registerMs / 1000).toFixed(2)} s (${chunks}${(size / 1_000_000 / (registerMs / 1000)).toFixed(1)} MB/s), deploy ${(deployMs / 1000).toFixed(2)} s, predict shape [${String(dimension)}]`,
      );
      await lifecycle.undeploy(registered.modelId);
      await lifecycle.deleteModel(registered.modelId);
      await lifecycle.deleteGroup(groupId);
    }
  }
} finally {
  await ledger.releaseAll().catch((error: unknown) => {
    console.error(`[measure] clean-up: ${String(error)}`);
  });
  await artifacts.close();
  await client.close();
}
