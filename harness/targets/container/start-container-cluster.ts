/**
 * The runtime half of the container target, kept thin: every decision is made by `buildContainerConfig` and
 * `planArtifactRoute` (pure, unit-tested) before a container runtime is touched; this file only connects, builds the
 * local image when asked, picks loopback ports (host network), forwards the artifact port (bridge), starts, reads
 * `GET /` and checks the artifact route from inside the container.
 */
import { getContainerRuntimeClient, ImageName, TestContainers, type ContainerRuntimeClient } from 'testcontainers';
import type { OpenSearchContainer, StartedOpenSearchContainer } from '@testcontainers/opensearch';
import { createMlClient } from '../../ml/client.ts';
import type { TargetConnection } from '../target-info.ts';
import { planArtifactRoute } from './artifact-route.ts';
import { bindToLoopback, buildContainerConfig, type ContainerConfig } from './container-config.ts';
import { ownerLabels, removeOnInterrupt, sweepAbandoned } from './container-cleanup.ts';
import { configureOpenSearchContainer } from './configure-container.ts';
import type { RunConfig } from '../../config/run-config.ts';
import { errorMessage } from '../../errors/error-message.ts';
import { ContainerTargetError } from './errors.ts';
import { loopbackPorts, reuseKey, reuseLabels } from './host-ports.ts';
import { ensureLocalImage, type LocalImageRequest } from './image/build-local-image.ts';
import { IMAGE_ENV } from './image-ref.ts';
import { LogTail } from './log-tail.ts';
import { DEMO_CA_PATH, readDemoCa, type DemoCa } from './demo-ca.ts';
import { probeArtifactServer } from './reachability.ts';
import { applyHostNetworkDefaults } from './runtime-env.ts';
import { isContainerGone } from './container-gone.ts';

export interface ContainerClusterOptions {
  readonly version: string | undefined;
  /** The container switches, and for a local image everything the native assembly reads. */
  readonly config: RunConfig;
  /** What the cluster will be told to download from (artifact-exposure.ts). */
  readonly artifactBaseUrl: string;
  readonly log: (line: string) => void;
  readonly signal?: AbortSignal;
  /** Tests replace the three calls that need a container runtime. */
  readonly runtime?: Partial<ContainerRuntimeCalls>;
}

/** The only places where a container runtime (or the image build) is needed. */
export interface ContainerRuntimeCalls {
  connect(): Promise<Pick<ContainerRuntimeClient, 'info' | 'image' | 'container'>>;
  exposeHostPort(port: number): Promise<void>;
  start(container: OpenSearchContainer): Promise<StartedOpenSearchContainer>;
  buildLocalImage(request: LocalImageRequest): Promise<unknown>;
  /** Registers a container for removal on interrupt; returns the release for a normal stop. */
  removeOnInterrupt(id: string, log: (line: string) => void): () => void;
}

const testcontainersCalls: ContainerRuntimeCalls = {
  connect: () => {
    applyHostNetworkDefaults();
    return getContainerRuntimeClient();
  },
  exposeHostPort: (port) => TestContainers.exposeHostPorts(port),
  start: (container) => container.start(),
  buildLocalImage: ensureLocalImage,
  removeOnInterrupt,
};

export interface ContainerCluster {
  readonly baseUrl: string;
  readonly connection: TargetConnection;
  /** From `GET /` of the started container. */
  readonly version: string;
  readonly distribution: string;
  readonly image: string;
  readonly containerId: string;
  readonly reuse: boolean;
  /** Stops and removes the container, except a reusable one, which stays for the next run. Idempotent. */
  stop(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

const LOW_MEMORY_BYTES = 2 * 1024 ** 3;

type RuntimeClient = Awaited<ReturnType<ContainerRuntimeCalls['connect']>>;

async function connectRuntime(calls: ContainerRuntimeCalls): Promise<RuntimeClient> {
  try {
    return await calls.connect();
  } catch (error) {
    throw new ContainerTargetError('no-runtime', `no container runtime: ${errorMessage(error)}`, { cause: error });
  }
}

/** Says whether a pull is coming (it can take minutes, and is not covered by the startup timeout). */
async function announceImage(client: RuntimeClient, image: string, log: (line: string) => void) {
  const present = await client.image.exists(ImageName.fromString(image)).catch(() => undefined);
  if (present === false) {
    log(`pulling image ${image} (not present locally; the first pull can take minutes)`);
  } else if (present === true) {
    log(`image ${image} present locally`);
  }
  return present;
}

/** How the suites connect; with security on, TLS is verified with the image's demo CA where it can be (demo-ca.ts). */
async function connectionOf(
  started: StartedOpenSearchContainer,
  config: ContainerConfig,
  log: (line: string) => void,
): Promise<{ connection: TargetConnection; ca?: DemoCa }> {
  // Host networking maps nothing (getHttpUrl would throw): the node listens on the loopback port it was given.
  const baseUrl =
    config.network === 'host'
      ? `${config.security.enabled ? 'https' : 'http'}://127.0.0.1:${config.httpPort}`
      : started.getHttpUrl();
  if (!config.security.enabled) {
    return { connection: { baseUrl } };
  }
  const auth = { type: 'basic', username: started.getUsername(), password: started.getPassword() } as const;
  const demo = await readDemoCa(started, baseUrl);
  if (demo.ok) {
    log(`TLS verified with the image's demo CA (${DEMO_CA_PATH}, copied to ${demo.ca.caFile})`);
    return { connection: { baseUrl, auth, caFile: demo.ca.caFile }, ca: demo.ca };
  }
  log(`TLS verification off for this container: ${demo.why}`);
  // Harness-internal throwaway container with the image's self-signed demo certificate (container-config.ts).
  return { connection: { baseUrl, auth, insecureTls: config.security.insecureTls } };
}

async function serverInfo(connection: TargetConnection): Promise<{ version: string; distribution: string }> {
  const client = createMlClient(connection);
  try {
    const info = await client.info();
    return { version: info.versionNumber, distribution: info.distribution };
  } finally {
    await client.close();
  }
}

/** Why a start failed, with the hints that apply and what the container printed. */
function startFailure(
  image: string,
  error: unknown,
  present: boolean | undefined,
  tail: LogTail,
): ContainerTargetError {
  const message = errorMessage(error);
  const hints: string[] = [];
  if (present === false) {
    hints.push(
      `the image was not present locally: without registry access pre-pull it (docker pull ${image}), point ` +
        `${IMAGE_ENV} at a mirror, or build it here with ${IMAGE_ENV}=local`,
    );
  }
  if (/ryuk/i.test(message)) {
    hints.push(
      "testcontainers' reaper (Ryuk) could not start (it is pulled from Docker Hub and needs a mapped port): set " +
        'TESTCONTAINERS_RYUK_DISABLED=true; the harness removes its containers itself',
    );
  }
  const output = tail.text();
  return new ContainerTargetError(
    'start-failed',
    `could not start ${image}: ${message}${hints.map((hint) => `; ${hint}`).join('')}` +
      (output === '' ? '' : `\nlast ${tail.maxLines} lines of the container's output:\n${output}`),
    { cause: error },
  );
}

export async function startContainerCluster(options: ContainerClusterOptions): Promise<ContainerCluster> {
  const { log, signal } = options;
  const requested = buildContainerConfig(options.version, options.config);
  const route = planArtifactRoute(options.artifactBaseUrl, requested.reuse, requested.network);
  if (signal?.aborted === true) {
    throw new ContainerTargetError('aborted', 'container start aborted', { cause: signal.reason });
  }
  const calls: ContainerRuntimeCalls = { ...testcontainersCalls, ...options.runtime };
  const client = await connectRuntime(calls);
  const runtime = client.info.containerRuntime;
  log(
    `container runtime at ${runtime.host}: ${runtime.operatingSystem}, ${runtime.cpus} CPUs, ${(runtime.memory / 1024 ** 3).toFixed(1)} GiB`,
  );
  if (runtime.memory > 0 && runtime.memory < LOW_MEMORY_BYTES) {
    log('warning: less than 2 GiB for containers; a 1 GB heap plus model deploys may be killed by the OOM killer');
  }
  await sweepAbandoned(client, log).catch((error: unknown) =>
    log(`warning: could not look for containers abandoned by earlier runs: ${errorMessage(error)}`),
  );
  if (requested.localImage) {
    await calls.buildLocalImage({
      version: requested.version,
      config: options.config,
      log,
      ...(signal ? { signal } : {}),
    });
  }

  let config = requested;
  let labels = ownerLabels();
  if (requested.network === 'host') {
    const key = requested.reuse ? reuseKey(requested) : undefined;
    const { ports, remembered } = await loopbackPorts(client, key);
    config = bindToLoopback(requested, ports);
    labels = key === undefined ? labels : reuseLabels(key, ports);
    log(
      `host network: OpenSearch on 127.0.0.1:${ports.http} (transport ${ports.transport})` +
        (remembered ? ', the ports of the container kept for reuse' : ''),
    );
  }
  const tail = new LogTail();
  const container = configureOpenSearchContainer(config, route, { labels, logConsumer: tail.consume });
  // TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX may rewrite the name; log what is really pulled.
  const image = ImageName.fromString(config.image).string;
  const present = await announceImage(client, image, log);
  log(`artifacts: ${route.description}`);
  if (route.exposeHostPort !== undefined) {
    // Must precede start(): testcontainers adds the host alias only to containers created after the forwarder exists.
    await calls.exposeHostPort(route.exposeHostPort).catch((error: unknown) => {
      throw new ContainerTargetError(
        'start-failed',
        `could not forward host port ${route.exposeHostPort} into containers: ${errorMessage(error)}; ${route.hint}`,
        { cause: error },
      );
    });
  }
  log(
    `starting ${image} (security ${config.security.enabled ? 'on' : 'off'}, reuse ${config.reuse ? 'on' : 'off'}, ` +
      `${config.network} network, startup timeout ${config.wait.startupTimeoutMs / 1000} s)`,
  );
  const startedAt = Date.now();
  let started: StartedOpenSearchContainer;
  try {
    started = await calls.start(container);
  } catch (error) {
    tail.close();
    throw startFailure(image, error, present, tail);
  }

  const containerId = started.getId().slice(0, 12);
  // A throwaway container must not outlive an interrupted run (Ryuk may be disabled: container-cleanup.ts).
  const release = config.reuse ? () => undefined : calls.removeOnInterrupt(started.getId(), log);
  let stopping: Promise<void> | undefined;
  let demoCa: DemoCa | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      tail.close();
      await demoCa?.remove();
      if (config.reuse) {
        log(`left container ${containerId} running for reuse (docker rm -f ${containerId} removes it)`);
        return;
      }
      try {
        await started.stop();
      } catch (error) {
        // On Ctrl-C the interrupt guard removes the container first (container-cleanup.ts): gone is what stop wants.
        if (!isContainerGone(error)) {
          throw error;
        }
        release();
        log(`container ${containerId} was already removed`);
        return;
      }
      release();
      log(`stopped container ${containerId}`);
    })());

  try {
    const connected = await connectionOf(started, config, log);
    demoCa = connected.ca;
    const connection = connected.connection;
    const info = await serverInfo(connection);
    if (info.version !== config.version) {
      throw new ContainerTargetError(
        'version-mismatch',
        `${image} runs OpenSearch ${info.version}, but this project is for ${config.version}` +
          (config.imagePinned
            ? `; ${IMAGE_ENV} names a tag, so every version uses it: give a repository without tag instead`
            : ''),
      );
    }
    log(
      `ready at ${connection.baseUrl} in ${Math.round((Date.now() - startedAt) / 1000)} s: ${info.distribution} ${info.version}, container ${containerId}`,
    );
    const reach = await probeArtifactServer(started, options.artifactBaseUrl);
    if (reach.status === 'unreachable') {
      throw new ContainerTargetError(
        'artifacts-unreachable',
        `the container cannot reach the artifact server at ${options.artifactBaseUrl} (${reach.detail}); ${route.hint}`,
      );
    }
    log(
      reach.status === 'reachable'
        ? `artifact server reachable from the container (${options.artifactBaseUrl})`
        : `warning: could not check that the container reaches ${options.artifactBaseUrl}: ${reach.detail}`,
    );
    return {
      baseUrl: connection.baseUrl,
      connection,
      version: info.version,
      distribution: info.distribution,
      image,
      containerId,
      reuse: config.reuse,
      stop,
      [Symbol.asyncDispose]: stop,
    };
  } catch (error) {
    await stop().catch((stopError: unknown) =>
      log(`could not stop container ${containerId}: ${errorMessage(stopError)}`),
    );
    throw error;
  }
}
