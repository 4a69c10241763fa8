import { describe, expect, it } from 'vitest';
import { planArtifactRoute } from './artifact-route.ts';
import { isContainerTargetError } from './errors.ts';

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(isContainerTargetError(error, 'bad-env')).toBe(true);
    return (error as Error).message;
  }
  throw new Error('expected a ContainerTargetError');
}

describe('planArtifactRoute', () => {
  it('forwards the host port behind host.testcontainers.internal (artifact-exposure.ts default)', () => {
    expect(planArtifactRoute('http://host.testcontainers.internal:41234', false)).toMatchObject({
      exposeHostPort: 41234,
      extraHosts: [],
      description:
        'host port 41234 forwarded into the container as host.testcontainers.internal (testcontainers port forwarder)',
    });
  });

  it('refuses that alias with reuse, naming a route that survives the run', () => {
    expect(refusal(() => planArtifactRoute('http://host.testcontainers.internal:41234', true))).toBe(
      'OMLC_CONTAINER_REUSE=true cannot serve model artifacts through host.testcontainers.internal: a reused ' +
        "container keeps the port-forwarder address of the run that created it. Serve them on an address every run's " +
        'container reaches, e.g. OMLC_ARTIFACT_HOST=0.0.0.0 OMLC_ARTIFACT_PORT=8765 ' +
        'OMLC_ARTIFACT_BASE_URL=http://host.docker.internal:8765',
    );
  });

  it('refuses the alias without a port and a base URL that is not a URL', () => {
    expect(refusal(() => planArtifactRoute('http://host.testcontainers.internal', false))).toContain('without a port');
    expect(refusal(() => planArtifactRoute('not a url', false))).toBe('artifact base URL "not a url" is not a URL');
  });

  it('maps host.docker.internal to the host gateway (Docker Engine on Linux lacks the name), with or without reuse', () => {
    for (const reuse of [false, true]) {
      expect(planArtifactRoute('http://host.docker.internal:8765', reuse)).toMatchObject({
        exposeHostPort: undefined,
        extraHosts: [{ host: 'host.docker.internal', ipAddress: 'host-gateway' }],
      });
    }
  });

  it('uses any other OMLC_ARTIFACT_BASE_URL as given', () => {
    expect(planArtifactRoute('http://172.17.0.1:8765/', true)).toMatchObject({
      exposeHostPort: undefined,
      extraHosts: [],
      description: 'the container fetches artifacts from http://172.17.0.1:8765 directly (OMLC_ARTIFACT_BASE_URL)',
    });
  });
});
