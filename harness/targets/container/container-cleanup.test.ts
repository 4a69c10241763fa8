import { describe, expect, it } from 'vitest';
import { CONTAINER_LABELS, findAbandoned, ownerLabels } from './container-cleanup.ts';

const container = (Id: string, Labels: Record<string, string>) => ({ Id, Labels });

describe('findAbandoned', () => {
  it('picks the harness containers of this host whose owner process is gone', () => {
    const alive = (pid: number) => pid === 111;
    const found = findAbandoned(
      [
        container('dead', ownerLabels(222, 'ci-1')),
        container('alive', ownerLabels(111, 'ci-1')),
        container('other-host', ownerLabels(222, 'ci-2')),
        container('kept-for-reuse', { [CONTAINER_LABELS.managed]: 'true', [CONTAINER_LABELS.reuseKey]: 'abc' }),
        container('not-ours', { 'org.testcontainers': 'true' }),
        container('this-process', ownerLabels(process.pid, 'ci-1')),
      ],
      'ci-1',
      alive,
    );
    expect(found).toEqual([{ id: 'dead', pid: 222 }]);
  });

  it('labels a throwaway container with its owner', () => {
    expect(ownerLabels(42, 'host-a')).toEqual({
      'org.opensearch-ml-conformance.managed': 'true',
      'org.opensearch-ml-conformance.owner-pid': '42',
      'org.opensearch-ml-conformance.owner-host': 'host-a',
    });
  });
});
