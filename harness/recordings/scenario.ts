/**
 * The recording scenario: the requests the conformance suites make, in one fixed order, against any cluster
 * (a real one to record, the simulator to compare). Ids are learned as the scenario goes and replaced by
 * placeholders, so a recording from OpenSearch 2.19.6 can be compared with the simulator's 2.19 profile.
 */
import type { MlTransport } from '../ml/transport.ts';
import { waitForTask } from '../ml/wait-for-task.ts';
import type { ModelCard } from '../models/model-card.ts';
import type { NegativeCase } from '../models/load-negative-cases.ts';
import type { Exchange } from './exchange.ts';
import { recordNeuralSteps } from './neural-scenario.ts';
import type { ScenarioOptions } from './scenario-recorder.ts';
import { ML, startScenarioRecorder, stringAt, TASK_TIMEOUT_MS, UNKNOWN_ID } from './scenario-recorder.ts';

export interface ScenarioFixtures {
  readonly symmetric: ModelCard;
  readonly asymmetric: ModelCard;
  readonly torchScript: ModelCard;
  readonly negatives: readonly NegativeCase[];
  /** sha256 → URL under which the cluster downloads that zip. */
  readonly artifactUrls: Readonly<Record<string, string>>;
  /** Unique per run: names must not collide with an earlier recording on the same cluster. */
  readonly runSuffix: string;
}

export async function runRecordingScenario(
  transport: MlTransport,
  fixtures: ScenarioFixtures,
  options: ScenarioOptions = {},
): Promise<Exchange[]> {
  const recorder = startScenarioRecorder(transport, fixtures.runSuffix, options);
  const { client, placeholders, pause, record, name } = recorder;
  const urlOf = (sha256: string): string => {
    const url = fixtures.artifactUrls[sha256];
    if (url === undefined) {
      throw new Error(`recording scenario: artifact ${sha256} is not published`);
    }
    return url;
  };

  /** POST register, wait for the task, record the final task; returns the model id (if any). */
  const register = async (label: string, body: Record<string, unknown>): Promise<string | undefined> => {
    const posted = await record(`${label}:register`, { method: 'POST', path: `${ML}/models/_register`, body });
    const taskId = stringAt(posted.body, 'task_id');
    if (taskId === undefined) {
      return undefined;
    }
    placeholders.add(taskId, `task:${label}:register`);
    const task = await waitForTask(client, taskId, { timeoutMs: TASK_TIMEOUT_MS }).catch(() => undefined);
    placeholders.add(task?.model_id, `model:${label}`);
    for (const node of task?.worker_node ?? []) {
      placeholders.add(node, 'node');
    }
    await record(`${label}:register-task`, { method: 'GET', path: `${ML}/tasks/${taskId}` });
    return task?.model_id;
  };
  const deploy = async (label: string, modelId: string): Promise<void> => {
    const posted = await record(`${label}:deploy`, { method: 'POST', path: `${ML}/models/${modelId}/_deploy` });
    const taskId = stringAt(posted.body, 'task_id');
    if (taskId !== undefined) {
      placeholders.add(taskId, `task:${label}:deploy`);
      await waitForTask(client, taskId, { timeoutMs: TASK_TIMEOUT_MS }).catch(() => undefined);
      await record(`${label}:deploy-task`, { method: 'GET', path: `${ML}/tasks/${taskId}` });
    }
  };
  const registerBody = (card: ModelCard, groupId: string, extra: Record<string, unknown> = {}) => ({
    name: name(card.id),
    version: card.version,
    model_group_id: groupId,
    model_format: card.format,
    model_content_hash_value: card.artifact.sha256,
    model_config: card.modelConfig,
    url: urlOf(card.artifact.sha256),
    ...extra,
  });
  const predict = (step: string, modelId: string, body: Record<string, unknown>, route = 'text_embedding') =>
    record(step, {
      method: 'POST',
      path: route === 'model' ? `${ML}/models/${modelId}/_predict` : `${ML}/_predict/text_embedding/${modelId}`,
      body,
    });
  const probe = fixtures.symmetric.probes[0]?.text ?? 'the water is very long';

  // Cluster identity and a fresh cluster's answers to unknown ids (no ML index yet on a new node): record only
  // against a node that never saw an ML request, or these steps capture the other texts.
  await record('root', { method: 'GET', path: '/' });
  await record('model:get-unknown', { method: 'GET', path: `${ML}/models/${UNKNOWN_ID}` });
  await record('task:get-unknown', { method: 'GET', path: `${ML}/tasks/${UNKNOWN_ID}` });
  await record('group:delete-unknown-no-index', { method: 'DELETE', path: `${ML}/model_groups/${UNKNOWN_ID}` });

  // Model group.
  const group = await record('group:register', {
    method: 'POST',
    path: `${ML}/model_groups/_register`,
    body: { name: name('group'), description: 'recorded by opensearch-ml-conformance' },
  });
  const groupId = stringAt(group.body, 'model_group_id') ?? '';
  placeholders.add(groupId, 'group');
  placeholders.add(name('group'), 'group_name');
  await record('group:get', { method: 'GET', path: `${ML}/model_groups/${groupId}` });
  await record('group:get-unknown', { method: 'GET', path: `${ML}/model_groups/${UNKNOWN_ID}` });
  await record('group:delete-unknown', { method: 'DELETE', path: `${ML}/model_groups/${UNKNOWN_ID}` });
  // The duplicate check is a search; give the group document time to become visible (refresh ≈ 1 s).
  await pause(1500);
  await record('group:register-duplicate', {
    method: 'POST',
    path: `${ML}/model_groups/_register`,
    body: { name: name('group') },
  });

  // Symmetric ONNX: registered, refused before deploy, deployed, predicted, refusals, undeployed, deleted.
  const sym = fixtures.symmetric;
  placeholders.add(name(sym.id), `name:${sym.id}`);
  const symId = (await register('onnx-sym', registerBody(sym, groupId))) ?? '';
  await record('onnx-sym:get-registered', { method: 'GET', path: `${ML}/models/${symId}` });
  await predict('onnx-sym:predict-before-deploy', symId, {
    text_docs: [probe],
    target_response: ['sentence_embedding'],
  });
  await record('group:delete-with-models', { method: 'DELETE', path: `${ML}/model_groups/${groupId}` });
  await record('onnx-sym:undeploy-never-deployed', { method: 'POST', path: `${ML}/models/${symId}/_undeploy` });
  await deploy('onnx-sym', symId);
  await record('onnx-sym:get-deployed', { method: 'GET', path: `${ML}/models/${symId}` });
  await predict('onnx-sym:predict', symId, { text_docs: [probe], target_response: ['sentence_embedding'] });
  await predict('onnx-sym:predict-batch', symId, {
    text_docs: [probe, probe],
    target_response: ['sentence_embedding'],
  });
  await predict(
    'onnx-sym:predict-model-route',
    symId,
    { text_docs: [probe], target_response: ['sentence_embedding'] },
    'model',
  );
  await predict('onnx-sym:predict-unknown-target', symId, { text_docs: [probe], target_response: ['no_such_output'] });
  await predict('onnx-sym:predict-empty', symId, { text_docs: [], target_response: ['sentence_embedding'] });
  await predict('onnx-sym:predict-content-type', symId, {
    text_docs: [probe],
    target_response: ['sentence_embedding'],
    parameters: { content_type: 'query' },
  });
  await record('onnx-sym:delete-deployed', { method: 'DELETE', path: `${ML}/models/${symId}` });
  await record('onnx-sym:undeploy', { method: 'POST', path: `${ML}/models/${symId}/_undeploy` });
  await pause(1000);
  await record('onnx-sym:get-undeployed', { method: 'GET', path: `${ML}/models/${symId}` });
  await record('onnx-sym:delete', { method: 'DELETE', path: `${ML}/models/${symId}` });
  await record('onnx-sym:get-deleted', { method: 'GET', path: `${ML}/models/${symId}` });
  await record('model:delete-unknown', { method: 'DELETE', path: `${ML}/models/${UNKNOWN_ID}` });

  // Asymmetric ONNX: content type required, prefixes applied.
  const asym = fixtures.asymmetric;
  placeholders.add(name(asym.id), `name:${asym.id}`);
  const asymId = (await register('onnx-asym', registerBody(asym, groupId))) ?? '';
  await deploy('onnx-asym', asymId);
  const asymProbe = asym.probes[0]?.text ?? probe;
  await predict('onnx-asym:predict-no-content-type', asymId, {
    text_docs: [asymProbe],
    target_response: ['sentence_embedding'],
  });
  await predict('onnx-asym:predict-query', asymId, {
    text_docs: [asymProbe],
    target_response: ['sentence_embedding'],
    parameters: { content_type: 'query' },
  });
  await predict('onnx-asym:predict-bad-content-type', asymId, {
    text_docs: [asymProbe],
    target_response: ['sentence_embedding'],
    parameters: { content_type: 'document' },
  });
  await record('onnx-asym:undeploy', { method: 'POST', path: `${ML}/models/${asymId}/_undeploy` });
  await pause(1000);
  await record('onnx-asym:delete', { method: 'DELETE', path: `${ML}/models/${asymId}` });

  // TorchScript: every output without target_response, one with it.
  const ts = fixtures.torchScript;
  placeholders.add(name(ts.id), `name:${ts.id}`);
  const tsId = (await register('torchscript', registerBody(ts, groupId))) ?? '';
  await deploy('torchscript', tsId);
  const tsProbe = ts.probes[0]?.text ?? probe;
  await predict('torchscript:predict', tsId, { text_docs: [tsProbe], target_response: ['sentence_embedding'] });
  await record('torchscript:undeploy', { method: 'POST', path: `${ML}/models/${tsId}/_undeploy` });
  await pause(1000);
  await record('torchscript:delete', { method: 'DELETE', path: `${ML}/models/${tsId}` });

  // Integrity: wrong and missing hash, malformed zips.
  const wrongHash = `${sym.artifact.sha256.slice(0, -1)}${sym.artifact.sha256.endsWith('0') ? '1' : '0'}`;
  await register(
    'wrong-hash',
    registerBody(sym, groupId, { name: name('wrong-hash'), model_content_hash_value: wrongHash }),
  );
  const { model_content_hash_value: _omitted, ...withoutHash } = registerBody(sym, groupId, {
    name: name('missing-hash'),
  });
  await register('missing-hash', withoutHash);
  for (const negative of fixtures.negatives) {
    await register(`negative-${negative.id}`, {
      ...registerBody(sym, groupId, { name: name(`negative-${negative.id}`) }),
      model_format: negative.format,
      model_content_hash_value: negative.artifact.sha256,
      url: urlOf(negative.artifact.sha256),
    });
  }

  // Settings that gate URL registration (restored right after).
  const setting = async (step: string, key: string, value: unknown) =>
    record(step, { method: 'PUT', path: '/_cluster/settings', body: { persistent: { [key]: value } } });
  await setting('settings:disable-url', 'plugins.ml_commons.allow_registering_model_via_url', false);
  await record('url-disabled:register', {
    method: 'POST',
    path: `${ML}/models/_register`,
    body: registerBody(sym, groupId, { name: name('url-disabled') }),
  });
  await setting('settings:restore-url', 'plugins.ml_commons.allow_registering_model_via_url', null);
  await setting(
    'settings:untrusted',
    'plugins.ml_commons.trusted_url_regex',
    '^https://models\\.example\\.invalid/.*$',
  );
  await record('untrusted-url:register', {
    method: 'POST',
    path: `${ML}/models/_register`,
    body: registerBody(sym, groupId, { name: name('untrusted-url') }),
  });
  await setting('settings:restore-trusted', 'plugins.ml_commons.trusted_url_regex', null);

  await recordNeuralSteps(
    { record, register, deploy, registerBody, name, placeholders, pause },
    { symmetric: sym, asymmetric: asym },
    groupId,
  );

  await record('group:delete', { method: 'DELETE', path: `${ML}/model_groups/${groupId}` });
  await record('group:get-deleted', { method: 'GET', path: `${ML}/model_groups/${groupId}` });
  return recorder.exchanges();
}
