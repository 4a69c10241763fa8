import { describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../config/run-config.ts';
import { planLiveProjects } from './live-plan.ts';

const plan = (env: Record<string, string>) =>
  planLiveProjects(parseRunConfig(env)).map(({ projectName, requested, version, groupOrder }) => ({
    projectName,
    requested,
    version,
    groupOrder,
  }));

describe('planLiveProjects', () => {
  it('one kind keeps live:<version>, one project per version in order', () => {
    expect(plan({ ML_TARGET: 'native', OPENSEARCH_VERSIONS: '2.19.6,3.6.0' })).toEqual([
      { projectName: 'live:2.19.6', requested: 'native', version: '2.19.6', groupOrder: 1 },
      { projectName: 'live:3.6.0', requested: 'native', version: '3.6.0', groupOrder: 2 },
    ]);
  });

  it('native,container: one project per kind and version, named live:<kind>:<version>, never two at once', () => {
    expect(plan({ ML_TARGET: 'native,container', OPENSEARCH_VERSIONS: '2.19.6,3.6.0' })).toEqual([
      { projectName: 'live:native:2.19.6', requested: 'native', version: '2.19.6', groupOrder: 1 },
      { projectName: 'live:native:3.6.0', requested: 'native', version: '3.6.0', groupOrder: 2 },
      { projectName: 'live:container:2.19.6', requested: 'container', version: '2.19.6', groupOrder: 3 },
      { projectName: 'live:container:3.6.0', requested: 'container', version: '3.6.0', groupOrder: 4 },
    ]);
  });

  it('several kinds ignore OPENSEARCH_URL (they start their own clusters); external and none stay single', () => {
    expect(plan({ ML_TARGET: 'container,native', OPENSEARCH_URL: 'http://x:9200' }).map((p) => p.projectName)).toEqual([
      'live:container:2.19.6',
      'live:container:3.6.0',
      'live:native:2.19.6',
      'live:native:3.6.0',
    ]);
    expect(plan({ OPENSEARCH_URL: 'http://x:9200' }).map((p) => p.projectName)).toEqual(['live:external']);
    expect(plan({ ML_TARGET: 'none' }).map((p) => p.projectName)).toEqual(['live']);
  });
});
