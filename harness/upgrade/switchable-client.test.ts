import { describe, expect, it, vi } from 'vitest';
import type { MlClient } from '../ml/client.ts';
import { switchableClient } from './switchable-client.ts';

function fakeClient(baseUrl: string): { client: MlClient; close: ReturnType<typeof vi.fn> } {
  const close = vi.fn(() => Promise.resolve());
  const client = { baseUrl, getModel: () => Promise.resolve({ name: baseUrl }), close } as unknown as MlClient;
  return { client, close };
}

describe('switchableClient', () => {
  it('sends each call to the client current at call time and closes the one it replaces', async () => {
    const old = fakeClient('http://old');
    const neu = fakeClient('http://new');
    const switchable = switchableClient(old.client);
    expect(await switchable.client.getModel('m')).toEqual({ name: 'http://old' });
    await switchable.switchTo(neu.client);
    expect(old.close).toHaveBeenCalledOnce();
    expect(await switchable.client.getModel('m')).toEqual({ name: 'http://new' });
    expect(switchable.client.baseUrl).toBe('http://new');
    await switchable.close();
    expect(neu.close).toHaveBeenCalledOnce();
  });

  it('says why a call before any node started cannot work', async () => {
    const switchable = switchableClient();
    await expect(async () => switchable.client.getModel('m')).rejects.toThrow('no cluster is running yet');
  });
});
