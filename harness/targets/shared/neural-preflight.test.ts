import { describe, expect, it } from 'vitest';
import { MlHttpError } from '../../ml/errors.ts';
import { engineProblem, missingPlugins, probeNeuralSupport } from './neural-preflight.ts';

const row = (name: string, component: string) => ({ name, component, version: '3.6.0.0' });
const BOTH = [row('n1', 'opensearch-ml'), row('n1', 'opensearch-knn'), row('n1', 'opensearch-neural-search')];

describe('missingPlugins', () => {
  it('is undefined when every node has both plugins', () => {
    expect(missingPlugins(BOTH, 'external 3.6.0')).toBeUndefined();
  });

  it('names the plugin that is not installed', () => {
    expect(missingPlugins([row('n1', 'opensearch-ml'), row('n1', 'opensearch-knn')], 'external 2.17.0')).toBe(
      'the neural-search plugin (opensearch-neural-search) is not installed on external 2.17.0: the neural checks need both',
    );
    expect(missingPlugins([row('n1', 'opensearch-ml')], 'x')).toBe(
      'the k-NN plugin (opensearch-knn) is not installed and the neural-search plugin (opensearch-neural-search) ' +
        'is not installed on x: the neural checks need both',
    );
  });

  it('names the nodes that lack a plugin on a multi-node cluster', () => {
    const rows = [...BOTH, row('n2', 'opensearch-knn')];
    expect(missingPlugins(rows, 'x')).toBe(
      'the neural-search plugin (opensearch-neural-search) is missing on node(s) n2 on x: the neural checks need both',
    );
  });

  it('says so when the cluster lists no plugins at all', () => {
    expect(missingPlugins([], 'x')).toMatch(/lists no plugins at all/);
  });
});

describe('engineProblem', () => {
  it('allows lucene everywhere and other engines only where natives exist', () => {
    expect(engineProblem('native', 'lucene')).toBeUndefined();
    expect(engineProblem('native', 'faiss')).toMatch(/no native libraries.*crash the node; only lucene/);
    expect(engineProblem('simulator', 'nmslib')).toMatch(/simulator models the lucene engine only/);
    expect(engineProblem('container', 'faiss')).toBeUndefined();
    expect(engineProblem('external', 'faiss')).toBeUndefined();
  });
});

describe('probeNeuralSupport', () => {
  it('reports the engine problem without asking the cluster', async () => {
    const client = { listPlugins: () => Promise.reject(new Error('must not be called')) };
    await expect(probeNeuralSupport(client, { kind: 'native', label: 'native 3.6.0' }, 'faiss')).resolves.toMatchObject(
      { engine: 'faiss', unavailable: expect.stringMatching(/^OMLC_KNN_ENGINE=faiss/) as string },
    );
  });

  it('turns a refused listing into the reason', async () => {
    const refused = new MlHttpError({ status: 403, method: 'GET', path: '/_cat/plugins', body: {} });
    const client = { listPlugins: () => Promise.reject(refused) };
    const support = await probeNeuralSupport(client, { kind: 'external', label: 'external 3.6.0' }, 'lucene');
    expect(support.unavailable).toMatch(/^could not list the plugins of external 3\.6\.0 \(GET _cat\/plugins\): /);
  });

  it('is usable when both plugins are there', async () => {
    const client = { listPlugins: () => Promise.resolve(BOTH) };
    await expect(probeNeuralSupport(client, { kind: 'container', label: 'c' }, 'lucene')).resolves.toEqual({
      engine: 'lucene',
    });
  });
});
