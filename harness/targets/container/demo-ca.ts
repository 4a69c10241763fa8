/**
 * With security on, the image's demo configuration (the security plugin's own installer) writes a root CA and a node
 * certificate whose names are `localhost` and `127.0.0.1` into the container's config dir. Read back after the start,
 * that CA lets the suites verify TLS instead of skipping verification; only the readiness wait, which runs before the
 * CA exists, goes without it. Elsewhere (a remote Docker host, an image without the file) verification stays off
 * for this throwaway container, and the log says why.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StartedTestContainer } from 'testcontainers';

export const DEMO_CA_PATH = '/usr/share/opensearch/config/root-ca.pem';
/** The host names the demo node certificate covers (subjectAltName, checked on 2.19.1). */
const CERTIFIED_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

export interface DemoCa {
  readonly caFile: string;
  remove(): Promise<void>;
}

export type DemoCaResult = { readonly ok: true; readonly ca: DemoCa } | { readonly ok: false; readonly why: string };

export async function readDemoCa(
  container: Pick<StartedTestContainer, 'exec'>,
  baseUrl: string,
): Promise<DemoCaResult> {
  const host = new URL(baseUrl).hostname;
  if (!CERTIFIED_HOSTS.includes(host)) {
    return { ok: false, why: `the demo certificate is not issued for ${host}` };
  }
  const result = await container.exec(['cat', DEMO_CA_PATH]).catch((error: unknown) => ({
    exitCode: -1,
    stdout: '',
    output: error instanceof Error ? error.message : String(error),
  }));
  if (result.exitCode !== 0 || !result.stdout.includes('-----BEGIN CERTIFICATE-----')) {
    return { ok: false, why: `no demo CA at ${DEMO_CA_PATH} in the container` };
  }
  const dir = await mkdtemp(join(tmpdir(), 'omlc-demo-ca-'));
  const caFile = join(dir, 'root-ca.pem');
  await writeFile(caFile, result.stdout);
  return { ok: true, ca: { caFile, remove: () => rm(dir, { recursive: true, force: true }) } };
}
