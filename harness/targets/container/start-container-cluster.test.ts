/**
 * The runtime glue with its three container-runtime calls faked: order of operations, the connection handed to the
 * suites, version and artifact-route checks after start, and what stop() does with and without reuse. `GET /` is
 * answered by a real loopback server, so the same ML client as in the live run reads the version.
 */
import { parseRunConfig } from '../../config/run-config.ts';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough, type Readable } from 'node:stream';
import type { OpenSearchContainer, StartedOpenSearchContainer } from '@testcontainers/opensearch';
import type { ExecResult } from 'testcontainers';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CONTAINER_LABELS } from './container-cleanup.ts';
import { MODULE_ADMIN_PASSWORD } from './container-config.ts';
import { isContainerTargetError } from './errors.ts';
import {
  startContainerCluster,
  type ContainerClusterOptions,
  type ContainerRuntimeCalls,
} from './start-container-cluster.ts';

let server: Server;
let serverUrl = '';
let reportedVersion = '2.19.1';

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(
      JSON.stringify({
        cluster_name: 'docker-cluster',
        version: { number: reportedVersion, distribution: 'opensearch' },
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

interface Harness {
  readonly events: string[];
  readonly lines: string[];
  readonly stop: ReturnType<typeof vi.fn>;
  readonly started: OpenSearchContainer[];
  readonly options: ContainerClusterOptions;
}

function harness(
  overrides: Partial<ContainerClusterOptions> & {
    exec?: ExecResult;
    imagePresent?: boolean;
    memory?: number;
    startError?: Error;
    exposeError?: Error;
    /** What `GET /` reports. */
    reports?: string;
    /** Printed by the container before `startError`. */
    output?: string;
    /** Labels of a container kept for reuse (host network: its ports). */
    kept?: Record<string, string>;
    /** What `cat <demo CA>` prints in the container. */
    demoCa?: string;
  } = {},
): Harness {
  const {
    exec: execResult,
    imagePresent,
    memory,
    startError,
    exposeError,
    reports,
    output,
    kept,
    demoCa,
    ...optionOverrides
  } = overrides;
  const events: string[] = [];
  const lines: string[] = [];
  const started: OpenSearchContainer[] = [];
  const stop = vi.fn(() => {
    events.push('stop');
    return Promise.resolve();
  });
  reportedVersion = reports ?? '2.19.1';
  const exec = execResult ?? { exitCode: 0, stdout: '404', stderr: '', output: '404' };
  const runtime: ContainerRuntimeCalls = {
    connect: () => {
      events.push('connect');
      return Promise.resolve({
        info: {
          node: { version: 'v24', architecture: 'x64', platform: 'linux' },
          containerRuntime: {
            host: 'localhost',
            hostIps: [],
            remoteSocketPath: '/var/run/docker.sock',
            indexServerAddress: '',
            serverVersion: 28,
            operatingSystem: 'Docker Desktop',
            operatingSystemType: 'linux',
            architecture: 'x86_64',
            cpus: 4,
            memory: memory ?? 8 * 1024 ** 3,
            runtimes: [],
            labels: [],
          },
        },
        image: { exists: () => Promise.resolve(imagePresent ?? false) } as never,
        container: {
          list: () => Promise.resolve([]),
          fetchByLabel: (label: string, value: string) => {
            events.push(`lookup ${label}=${value}`);
            return Promise.resolve(
              kept === undefined ? undefined : { inspect: () => Promise.resolve({ Config: { Labels: kept } }) },
            );
          },
        } as never,
      });
    },
    buildLocalImage: (request) => {
      events.push(`build ${request.version}`);
      return Promise.resolve();
    },
    removeOnInterrupt: (id) => {
      events.push(`track ${id}`);
      return () => events.push(`release ${id}`);
    },
    exposeHostPort: (port) => {
      events.push(`expose ${port}`);
      return exposeError === undefined ? Promise.resolve() : Promise.reject(exposeError);
    },
    start: (container) => {
      events.push('start');
      started.push(container);
      if (startError !== undefined) {
        const consume = (container as unknown as { logConsumer?: (stream: Readable) => void }).logConsumer;
        const stream = new PassThrough();
        consume?.(stream);
        stream.write(output ?? '');
        return Promise.reject(startError);
      }
      return Promise.resolve({
        getHttpUrl: () => serverUrl,
        getUsername: () => 'admin',
        getPassword: () => MODULE_ADMIN_PASSWORD,
        getId: () => 'abcdef1234567890',
        exec: (command: string[]) => {
          events.push(`exec ${command[0] ?? ''}`);
          return Promise.resolve(
            command[0] === 'cat'
              ? { exitCode: demoCa === undefined ? 1 : 0, stdout: demoCa ?? '', stderr: '', output: demoCa ?? '' }
              : exec,
          );
        },
        stop,
      } as unknown as StartedOpenSearchContainer);
    },
  };
  const options: ContainerClusterOptions = {
    version: '2.19.1',
    config: parseRunConfig({}),
    artifactBaseUrl: 'http://host.testcontainers.internal:41234',
    log: (line) => lines.push(line),
    runtime,
    ...optionOverrides,
  };
  return { events, lines, stop, started, options };
}

async function refusal(h: Harness): Promise<Error> {
  const error: unknown = await startContainerCluster(h.options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(Error);
  return error as Error;
}

describe('startContainerCluster with faked runtime calls', () => {
  it('forwards the artifact port before start, reads the version and checks the route from inside', async () => {
    const h = harness();
    const cluster = await startContainerCluster(h.options);
    expect(h.events).toEqual(['connect', 'expose 41234', 'start', 'track abcdef1234567890', 'exec curl']);
    expect(cluster).toMatchObject({
      baseUrl: serverUrl,
      connection: { baseUrl: serverUrl },
      version: '2.19.1',
      distribution: 'opensearch',
      image: 'opensearchproject/opensearch:2.19.1',
      containerId: 'abcdef123456',
      reuse: false,
    });
    expect(cluster.connection.auth).toBeUndefined();
    expect(h.lines).toEqual([
      'container runtime at localhost: Docker Desktop, 4 CPUs, 8.0 GiB',
      'pulling image opensearchproject/opensearch:2.19.1 (not present locally; the first pull can take minutes)',
      'artifacts: host port 41234 forwarded into the container as host.testcontainers.internal (testcontainers port forwarder)',
      'starting opensearchproject/opensearch:2.19.1 (security off, reuse off, bridge network, startup timeout 180 s)',
      expect.stringMatching(
        /^ready at http:\/\/127\.0\.0\.1:\d+ in \d+ s: opensearch 2\.19\.1, container abcdef123456$/,
      ),
      'artifact server reachable from the container (http://host.testcontainers.internal:41234)',
    ]);
  });

  it('stop() stops and removes the container once', async () => {
    const h = harness();
    const cluster = await startContainerCluster(h.options);
    await Promise.all([cluster.stop(), cluster.stop()]);
    await cluster[Symbol.asyncDispose]();
    expect(h.stop).toHaveBeenCalledTimes(1);
    expect(h.events.slice(-2)).toEqual(['stop', 'release abcdef1234567890']);
    expect(h.lines.at(-1)).toBe('stopped container abcdef123456');
  });

  it('stop() of a container the interrupt guard already removed says so instead of failing', async () => {
    const h = harness();
    const cluster = await startContainerCluster(h.options);
    const gone = Object.assign(new Error('(HTTP code 404) no such container - No such container: abcdef1234567890'), {
      statusCode: 404,
    });
    h.stop.mockRejectedValueOnce(gone);
    await cluster.stop();
    expect(h.lines.at(-1)).toBe('container abcdef123456 was already removed');
    expect(h.events.at(-1)).toBe('release abcdef1234567890');
  });

  it('stop() passes on any other engine error', async () => {
    const h = harness();
    const cluster = await startContainerCluster(h.options);
    const refused = Object.assign(new Error('(HTTP code 500) server error - driver failed'), { statusCode: 500 });
    h.stop.mockRejectedValueOnce(refused);
    await expect(cluster.stop()).rejects.toBe(refused);
  });

  it('security on: basic auth with the module password and TLS verification off for this container only', async () => {
    const h = harness({ config: parseRunConfig({ OMLC_CONTAINER_SECURITY: 'true' }) });
    const cluster = await startContainerCluster(h.options);
    expect(cluster.connection).toEqual({
      baseUrl: serverUrl,
      auth: { type: 'basic', username: 'admin', password: MODULE_ADMIN_PASSWORD },
      insecureTls: true,
    });
    expect(h.lines).toContain(
      'TLS verification off for this container: no demo CA at /usr/share/opensearch/config/root-ca.pem in the container',
    );
  });

  it("security on: the image's demo CA, copied out of the container, verifies TLS; removed on stop", async () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    const h = harness({ config: parseRunConfig({ OMLC_CONTAINER_SECURITY: 'true' }), demoCa: pem });
    const cluster = await startContainerCluster(h.options);
    const caFile = cluster.connection.caFile ?? '';
    expect(cluster.connection).toEqual({
      baseUrl: serverUrl,
      auth: { type: 'basic', username: 'admin', password: MODULE_ADMIN_PASSWORD },
      caFile: expect.stringMatching(/omlc-demo-ca-.*root-ca\.pem$/) as unknown,
    });
    expect(readFileSync(caFile, 'utf8')).toBe(pem);
    await cluster.stop();
    expect(existsSync(caFile)).toBe(false);
  });

  it('reuse: no port forwarding for a custom artifact URL, and the container is left running', async () => {
    const h = harness({
      config: parseRunConfig({ OMLC_CONTAINER_REUSE: 'true' }),
      artifactBaseUrl: 'http://host.docker.internal:8765',
      imagePresent: true,
    });
    const cluster = await startContainerCluster(h.options);
    expect(h.events).toEqual(['connect', 'start', 'exec curl']);
    expect(h.lines[1]).toBe('image opensearchproject/opensearch:2.19.1 present locally');
    expect(h.started[0]).toMatchObject({ createOpts: { Labels: { [CONTAINER_LABELS.managed]: 'true' } } });
    await cluster.stop();
    expect(h.stop).not.toHaveBeenCalled();
    expect(h.lines.at(-1)).toBe('left container abcdef123456 running for reuse (docker rm -f abcdef123456 removes it)');
  });

  it('a server of another version is refused and the container stopped', async () => {
    const h = harness({ reports: '2.19.0' });
    const error = await refusal(h);
    expect(isContainerTargetError(error, 'version-mismatch')).toBe(true);
    expect(error.message).toBe(
      'opensearchproject/opensearch:2.19.1 runs OpenSearch 2.19.0, but this project is for 2.19.1',
    );
    expect(h.stop).toHaveBeenCalledTimes(1);
  });

  it('a pinned image of another version says how to fix OMLC_CONTAINER_IMAGE', async () => {
    const h = harness({
      version: '3.1.0',
      reports: '2.19.1',
      config: parseRunConfig({ OMLC_CONTAINER_IMAGE: 'local/os-ml:2.19.1' }),
    });
    const error = await refusal(h);
    expect(error.message).toBe(
      'local/os-ml:2.19.1 runs OpenSearch 2.19.1, but this project is for 3.1.0; OMLC_CONTAINER_IMAGE names a tag, ' +
        'so every version uses it: give a repository without tag instead',
    );
  });

  it('an artifact server the container cannot reach is refused with the route hint, and the container stopped', async () => {
    const stderr = 'curl: (7) Failed to connect to host.testcontainers.internal port 41234: Connection refused';
    const h = harness({ exec: { exitCode: 7, stdout: '000', stderr, output: stderr } });
    const error = await refusal(h);
    expect(isContainerTargetError(error, 'artifacts-unreachable')).toBe(true);
    expect(error.message).toBe(
      `the container cannot reach the artifact server at http://host.testcontainers.internal:41234 (${stderr}); ` +
        "testcontainers' port forwarder (image testcontainers/sshd, override with SSHD_CONTAINER_IMAGE) must start " +
        'and the artifact server must accept connections on this host',
    );
    expect(h.stop).toHaveBeenCalledTimes(1);
  });

  it('an image without curl only warns', async () => {
    const h = harness({ exec: { exitCode: 127, stdout: '', stderr: 'sh: curl: command not found', output: '' } });
    await startContainerCluster(h.options);
    expect(h.lines.at(-1)).toBe(
      'warning: could not check that the container reaches http://host.testcontainers.internal:41234: ' +
        'curl is not available in the image (sh: curl: command not found)',
    );
  });

  it('a failed start names the image, with a pull hint only when the image was missing', async () => {
    const missing = await refusal(harness({ startError: new Error('pull access denied') }));
    expect(isContainerTargetError(missing, 'start-failed')).toBe(true);
    expect(missing.message).toBe(
      'could not start opensearchproject/opensearch:2.19.1: pull access denied; the image was not present locally: ' +
        'without registry access pre-pull it (docker pull opensearchproject/opensearch:2.19.1), point ' +
        'OMLC_CONTAINER_IMAGE at a mirror, or build it here with OMLC_CONTAINER_IMAGE=local',
    );
    const present = await refusal(harness({ imagePresent: true, startError: new Error('URL / not accessible') }));
    expect(present.message).toBe('could not start opensearchproject/opensearch:2.19.1: URL / not accessible');
  });

  it('a port forwarder that cannot start stops the run before the container', async () => {
    const h = harness({ exposeError: new Error('pull access denied for testcontainers/sshd') });
    const error = await refusal(h);
    expect(error.message).toMatch(/^could not forward host port 41234 into containers: pull access denied/);
    expect(h.events).not.toContain('start');
  });

  it('warns when the runtime has less than 2 GiB', async () => {
    const h = harness({ memory: 1.5 * 1024 ** 3 });
    await startContainerCluster(h.options);
    expect(h.lines[1]).toBe(
      'warning: less than 2 GiB for containers; a 1 GB heap plus model deploys may be killed by the OOM killer',
    );
  });

  it('hands the configured OpenSearchContainer to start', async () => {
    const h = harness({
      config: parseRunConfig({ OMLC_CONTAINER_IMAGE: 'mirror.example.com/opensearchproject/opensearch' }),
    });
    await startContainerCluster(h.options);
    const [container] = h.started;
    expect((container as unknown as { imageName: { string: string } }).imageName.string).toBe(
      'mirror.example.com/opensearchproject/opensearch:2.19.1',
    );
  });

  it('a failed start carries the last lines the container printed', async () => {
    const error = await refusal(
      harness({
        imagePresent: true,
        startError: new Error('URL /_cluster/health not accessible after 180000ms'),
        output: 'line one\njava.lang.IllegalArgumentException: unknown setting [plugins.x]\n',
      }),
    );
    expect(error.message).toBe(
      'could not start opensearchproject/opensearch:2.19.1: URL /_cluster/health not accessible after 180000ms\n' +
        "last 60 lines of the container's output:\nline one\n" +
        'java.lang.IllegalArgumentException: unknown setting [plugins.x]',
    );
  });

  it('a reaper that cannot start gets the TESTCONTAINERS_RYUK_DISABLED hint', async () => {
    const error = await refusal(
      harness({ imagePresent: true, startError: new Error('pull access denied for testcontainers/ryuk') }),
    );
    expect(error.message).toContain(
      "testcontainers' reaper (Ryuk) could not start (it is pulled from Docker Hub and needs a mapped port): set " +
        'TESTCONTAINERS_RYUK_DISABLED=true; the harness removes its containers itself',
    );
  });

  it('OMLC_CONTAINER_IMAGE=local builds the image before the start and runs omlc/opensearch-ml:<version>', async () => {
    const h = harness({ config: parseRunConfig({ OMLC_CONTAINER_IMAGE: 'local' }), imagePresent: true });
    const cluster = await startContainerCluster(h.options);
    expect(h.events.slice(0, 3)).toEqual(['connect', 'build 2.19.1', 'expose 41234']);
    expect(cluster.image).toBe('omlc/opensearch-ml:2.19.1');
  });

  it("host network + reuse: the kept container's loopback ports, no forwarder, nothing mapped", async () => {
    const port = Number(new URL(serverUrl).port);
    const h = harness({
      config: parseRunConfig({ OMLC_CONTAINER_NETWORK: 'host', OMLC_CONTAINER_REUSE: 'true' }),
      artifactBaseUrl: 'http://127.0.0.1:41234',
      imagePresent: true,
      kept: { [CONTAINER_LABELS.httpPort]: String(port), [CONTAINER_LABELS.transportPort]: '45678' },
    });
    const cluster = await startContainerCluster(h.options);
    expect(h.events).toEqual([
      'connect',
      expect.stringMatching(new RegExp(`^lookup ${CONTAINER_LABELS.reuseKey.replaceAll('.', '\\.')}=[0-9a-f]{16}$`)),
      'start',
      'exec curl',
    ]);
    expect(cluster.baseUrl).toBe(`http://127.0.0.1:${port}`);
    expect(h.lines).toContain(
      `host network: OpenSearch on 127.0.0.1:${port} (transport 45678), the ports of the container kept for reuse`,
    );
    expect(h.lines).toContain(
      "artifacts: the container shares this host's network and fetches artifacts from http://127.0.0.1:41234",
    );
    const [container] = h.started as unknown as {
      createOpts: { Labels: Record<string, string> };
      hostConfig: object;
    }[];
    expect(container).toMatchObject({ networkMode: 'host', hostNetwork: true });
    expect(container?.createOpts.Labels).toMatchObject({
      [CONTAINER_LABELS.httpPort]: String(port),
      [CONTAINER_LABELS.transportPort]: '45678',
    });
    expect(container?.createOpts.Labels[CONTAINER_LABELS.ownerPid]).toBeUndefined();
  });
});
