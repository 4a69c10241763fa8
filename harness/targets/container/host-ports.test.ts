import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../config/run-config.ts';
import { CONTAINER_LABELS } from './container-cleanup.ts';
import { buildContainerConfig } from './container-config.ts';
import { loopbackPorts, portsFromLabels, reuseKey, reuseLabels } from './host-ports.ts';

const config = (env: Record<string, string>) => buildContainerConfig('3.6.0', parseRunConfig(env));

function client(labels: Record<string, string> | undefined) {
  return {
    container: {
      fetchByLabel: () =>
        Promise.resolve(
          labels === undefined ? undefined : { inspect: () => Promise.resolve({ Config: { Labels: labels } }) },
        ),
    },
  } as never;
}

describe('host network ports', () => {
  it('a reuse key depends on image, version and security, not on anything per run', () => {
    const plain = reuseKey(config({ OMLC_CONTAINER_NETWORK: 'host', OMLC_CONTAINER_IMAGE: 'local' }));
    expect(plain).toMatch(/^[0-9a-f]{16}$/);
    expect(reuseKey(config({ OMLC_CONTAINER_NETWORK: 'host', OMLC_CONTAINER_IMAGE: 'local' }))).toBe(plain);
    expect(reuseKey(config({ OMLC_CONTAINER_NETWORK: 'host' }))).not.toBe(plain);
  });

  it("remembers the ports in the kept container's labels and reads them back", async () => {
    const labels = reuseLabels('abc', { http: 41001, transport: 41002 });
    expect(labels).toMatchObject({ [CONTAINER_LABELS.reuseKey]: 'abc', [CONTAINER_LABELS.httpPort]: '41001' });
    expect(portsFromLabels(labels)).toEqual({ http: 41001, transport: 41002 });
    expect(portsFromLabels({ [CONTAINER_LABELS.httpPort]: 'x' })).toBeUndefined();
    expect(await loopbackPorts(client(labels), 'abc')).toEqual({
      ports: { http: 41001, transport: 41002 },
      remembered: true,
    });
  });

  it('otherwise takes two distinct free ports', async () => {
    const { ports, remembered } = await loopbackPorts(client(undefined), 'abc');
    expect(remembered).toBe(false);
    expect(ports.http).not.toBe(ports.transport);
    expect((await loopbackPorts(client(undefined), undefined)).remembered).toBe(false);
  });
});
