/** Readiness wired to real I/O: the transport probe with the configured trust, and `GET /` through the ML client. */
import { readFileSync } from 'node:fs';
import type { MlClient } from '../../ml/client.ts';
import type { ClusterInfo } from '../../ml/cluster-api.ts';
import type { ExternalConfig } from './external-env.ts';
import { waitForExternalCluster } from './readiness.ts';
import { probeTransport } from './transport-probe.ts';

export function connectExternal(
  config: ExternalConfig,
  client: Pick<MlClient, 'info'>,
  signal?: AbortSignal,
): Promise<ClusterInfo> {
  const caFile = config.connection.caFile;
  const target = {
    url: config.url,
    insecure: config.connection.insecureTls === true,
    ...(caFile === undefined ? {} : { caFile, ca: readFileSync(caFile) }),
  };
  return waitForExternalCluster(
    {
      url: config.url,
      connection: config.connection,
      timeoutMs: config.readyTimeoutMs,
      retryRefused: config.retryRefused,
      ...(signal === undefined ? {} : { signal }),
    },
    { probe: (timeoutMs) => probeTransport(target, timeoutMs), info: (timeoutMs) => client.info({ timeoutMs }) },
  );
}
