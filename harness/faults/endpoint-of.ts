/**
 * Which fault endpoint (mocks/faults/types.ts) a request to ML Commons belongs to — the same classes the simulator's
 * routes declare, so a fault plan means the same thing in front of a real cluster.
 */
import type { EndpointKind } from '../../mocks/index.ts';

const ML = '/_plugins/_ml';

export function endpointOf(method: string, path: string): EndpointKind {
  const p = path.split('?', 1)[0] ?? path;
  if (p.startsWith(`${ML}/tasks/`)) {
    return 'task';
  }
  if (p.startsWith(`${ML}/_predict/`) || /^\/_plugins\/_ml\/models\/[^/]+\/_predict$/.test(p)) {
    return 'predict';
  }
  if (/^\/_plugins\/_ml\/models\/[^/]+\/_deploy$/.test(p)) {
    return 'deploy';
  }
  if (/\/_undeploy$/.test(p) && p.startsWith(`${ML}/models`)) {
    return 'undeploy';
  }
  if (p === `${ML}/models/_register` || p === `${ML}/models/_register_meta` || /\/upload_chunk\/[^/]+$/.test(p)) {
    return 'register';
  }
  if (p.startsWith(`${ML}/model_groups`)) {
    return method === 'DELETE' ? 'delete' : 'group';
  }
  if (p.startsWith(`${ML}/models`)) {
    return method === 'DELETE' ? 'delete' : 'model';
  }
  if (p.startsWith(`${ML}/profile`)) {
    return 'model';
  }
  return 'cluster';
}
