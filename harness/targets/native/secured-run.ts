/**
 * Everything a secured native run adds on top of a plain one: the secured install (prepare step), a fresh PKI and
 * admin password in the run's config dir, and a readiness probe that speaks HTTPS with the run's CA and basic auth.
 */
import type { RunConfig } from '../../config/run-config.ts';
import { randomBytes } from 'node:crypto';
import { appendFile, readFile } from 'node:fs/promises';
import { request } from 'node:https';
import { join } from 'node:path';
import { fetchArtifact, requireMvn, type ProgressFn } from './maven.ts';
import type { NativePaths } from './paths.ts';
import type { PreparedVersion } from './prepare.ts';
import { hashPassword, renderSecurityYml, writeInternalUsers } from './security-config.ts';
import { ensureSecuredInstall, securityArtifactFor } from './security-install.ts';
import { generateTestPki } from './tls-certs.ts';

export interface NativeSecurityOptions {
  /** Admin user name, default `admin`. */
  readonly username?: string;
  /** Default: a random password made for this run. */
  readonly password?: string;
}

/** How a client reaches the secured node: the URL is `https://127.0.0.1:<port>`. */
export interface SecuredAccess {
  readonly username: string;
  readonly password: string;
  /** PEM of the CA that signed the node certificate (`OPENSEARCH_CA_FILE`). */
  readonly caFile: string;
  /** Client certificate + key whose DN is `plugins.security.authcz.admin_dn` (security admin operations). */
  readonly adminCertFile: string;
  readonly adminKeyFile: string;
}

export interface SecuredRun {
  readonly access: SecuredAccess;
  /** Readiness fetch with the run's CA and the admin's basic auth. */
  readonly fetchFn: typeof fetch;
}

export interface SecurePrepareInput {
  readonly prepared: PreparedVersion;
  readonly paths: NativePaths;
  readonly config: RunConfig;
  readonly onProgress?: ProgressFn;
  readonly signal?: AbortSignal;
}

/** The prepared version with its install swapped for the secured copy (built once, cached). */
export async function prepareSecuredVersion(input: SecurePrepareInput): Promise<PreparedVersion> {
  const artifact = securityArtifactFor(input.prepared.version);
  const install = await ensureSecuredInstall({
    plain: input.prepared.install,
    installsDir: input.paths.installsDir,
    jdkHome: input.prepared.jdk.home,
    securityZip: async () =>
      fetchArtifact(artifact, input.paths.downloadsDir, {
        mvn: await requireMvn(input.config.PATH),
        extraArgs: input.config.OMLC_MVN_ARGS ?? [],
        ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
        ...(input.signal === undefined ? {} : { signal: input.signal }),
      }),
    ...(input.onProgress === undefined ? {} : { onProgress: input.onProgress }),
    ...(input.signal === undefined ? {} : { signal: input.signal }),
  });
  return { ...input.prepared, install };
}

/** Writes certificates, TLS/security settings and the admin user into the run's (already copied) config dir. */
export async function configureSecuredRun(
  configDir: string,
  prepared: PreparedVersion,
  options: NativeSecurityOptions,
): Promise<SecuredRun> {
  const username = options.username ?? 'admin';
  // base64url: no `:` (basic auth separator) and nothing a shell or YAML would reinterpret.
  const password = options.password ?? `Omlc-${randomBytes(18).toString('base64url')}`;
  const [pki, hash] = await Promise.all([
    generateTestPki(join(configDir, 'certs')),
    hashPassword(prepared.install.home, prepared.jdk.home, password),
  ]);
  await appendFile(join(configDir, 'opensearch.yml'), renderSecurityYml({ configDir, pki }));
  await writeInternalUsers(configDir, username, hash);
  const access: SecuredAccess = {
    username,
    password,
    caFile: pki.caCert,
    adminCertFile: pki.adminCert,
    adminKeyFile: pki.adminKey,
  };
  const ca = await readFile(pki.caCert);
  return { access, fetchFn: httpsFetch(ca, `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`) };
}

/**
 * The subset of `fetch` readiness uses (GET, status, body), over node:https so that the run's CA can be trusted
 * without touching the process-wide fetch dispatcher.
 */
function httpsFetch(ca: Buffer, authorization: string): typeof fetch {
  return (input, init) =>
    new Promise<Response>((resolve, reject) => {
      const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
      const req = request(
        url,
        { method: 'GET', ca, headers: { authorization }, ...(init?.signal ? { signal: init.signal } : {}) },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () =>
            resolve(new Response(Buffer.concat(chunks).toString('utf8'), { status: res.statusCode ?? 500 })),
          );
        },
      );
      req.on('error', reject);
      req.end();
    });
}
