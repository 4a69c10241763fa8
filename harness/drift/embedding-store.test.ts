import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EmbeddingStore, embeddingStoreDir } from './embedding-store.ts';
import { card } from './testing/recordings.ts';

const root = mkdtempSync(join(tmpdir(), 'omlc-store-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('EmbeddingStore', () => {
  it('hands recordings from projects to a later reader, grouped by project', async () => {
    const store = new EmbeddingStore(embeddingStoreDir('run:1/x', root));
    expect(store.dir).toBe(join(root, 'opensearch-ml-conformance', 'drift', 'run_1_x'));
    expect(await store.readAll()).toEqual([]);
    const old = { version: '2.19.6', distribution: 'opensearch', target: 'native 2.19.6' };
    const neu = { version: '3.6.0', distribution: 'opensearch', target: 'native 3.6.0' };
    await store.write('live:3.6.0', neu, card({ id: 'b' }));
    await store.write('live:2.19.6', old, card({ id: 'b' }));
    await store.write('live:2.19.6', old, card({ id: 'a' }));
    await store.write('live:2.19.6', old, card({ id: 'a', format: 'rewritten' }));
    const all = await store.readAll();
    expect(all.map((r) => [r.project, r.cluster.version, r.cards.map((c) => `${c.id}:${c.format}`)])).toEqual([
      ['live:2.19.6', '2.19.6', ['a:rewritten', 'b:ONNX']],
      ['live:3.6.0', '3.6.0', ['b:ONNX']],
    ]);
    await store.remove();
    expect(await store.readAll()).toEqual([]);
  });
});
