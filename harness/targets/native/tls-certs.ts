/**
 * A throw-away PKI made with the openssl CLI at test time: a root CA, a node certificate (server + client auth, for
 * HTTP and transport TLS) and an admin client certificate (`plugins.security.authcz.admin_dn`). Nothing is cached or
 * committed: certificates are valid for a few days and a fresh set is made per cluster start (~1 s).
 * Keys are PKCS#8 (`BEGIN PRIVATE KEY`), the only PEM key form the security plugin reads without a passphrase.
 */
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NativeTargetError } from './errors.ts';
import { findOnPath, runChecked } from './exec.ts';

export interface TlsPki {
  readonly dir: string;
  readonly caCert: string;
  readonly nodeCert: string;
  readonly nodeKey: string;
  readonly adminCert: string;
  readonly adminKey: string;
  /** RFC 2253 form, as the security plugin compares them. */
  readonly nodeDn: string;
  readonly adminDn: string;
}

export interface PkiOptions {
  /** Subject alternative names of the node certificate; default `IP:127.0.0.1`, `DNS:localhost`. */
  readonly nodeSans?: readonly string[];
  /** Common name of the CA, so two PKIs made in one test are told apart in error messages. */
  readonly caName?: string;
  readonly days?: number;
}

const ORG = '/O=omlc/OU=omlc';
const DN_SUFFIX = 'OU=omlc,O=omlc';

function extensionsConfig(sans: readonly string[]): string {
  return [
    '[req]',
    'distinguished_name = dn',
    'prompt = no',
    '[dn]',
    'CN = unused',
    '[ca]',
    'basicConstraints = critical, CA:TRUE',
    'keyUsage = critical, keyCertSign, cRLSign',
    'subjectKeyIdentifier = hash',
    '[node]',
    'basicConstraints = CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    // The node certificate serves HTTPS and is also the client side of node-to-node transport TLS.
    'extendedKeyUsage = serverAuth, clientAuth',
    `subjectAltName = ${sans.join(', ')}`,
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '[client]',
    'basicConstraints = CA:FALSE',
    'keyUsage = critical, digitalSignature, keyEncipherment',
    'extendedKeyUsage = clientAuth',
    'subjectKeyIdentifier = hash',
    'authorityKeyIdentifier = keyid',
    '',
  ].join('\n');
}

async function requireOpenssl(): Promise<string> {
  const openssl = await findOnPath('openssl');
  if (openssl === undefined) {
    throw new NativeTargetError(
      'toolchain-missing',
      'openssl not found on PATH: the secured native cluster makes its TLS certificates with it (apt-get install -y openssl)',
    );
  }
  return openssl;
}

export async function generateTestPki(dir: string, options: PkiOptions = {}): Promise<TlsPki> {
  const openssl = await requireOpenssl();
  const days = String(options.days ?? 7);
  await mkdir(dir, { recursive: true, mode: 0o755 });
  const file = (name: string): string => join(dir, name);
  const cnf = file('extensions.cnf');
  await writeFile(cnf, extensionsConfig(options.nodeSans ?? ['IP:127.0.0.1', 'DNS:localhost']));
  const run = (args: readonly string[]): Promise<unknown> => runChecked('openssl', openssl, args);
  const newKey = (name: string): Promise<unknown> =>
    run(['genpkey', '-algorithm', 'RSA', '-pkeyopt', 'rsa_keygen_bits:2048', '-out', file(name)]);
  const serial = (): string => `0x${randomBytes(8).toString('hex')}`;

  await Promise.all([newKey('root-ca-key.pem'), newKey('node-key.pem'), newKey('admin-key.pem')]);
  const caName = options.caName ?? 'omlc-test-root-ca';
  // prettier-ignore
  await run([
    'req', '-x509', '-new', '-key', file('root-ca-key.pem'), '-sha256', '-days', days, '-set_serial', serial(),
    '-subj', `${ORG}/CN=${caName}`, '-config', cnf, '-extensions', 'ca', '-out', file('root-ca.pem'),
  ]);
  const issue = async (name: string, cn: string, section: string): Promise<void> => {
    // prettier-ignore
    await run(['req', '-new', '-key', file(`${name}-key.pem`), '-subj', `${ORG}/CN=${cn}`, '-config', cnf,
      '-out', file(`${name}.csr`)]);
    // prettier-ignore
    await run([
      'x509', '-req', '-in', file(`${name}.csr`), '-CA', file('root-ca.pem'), '-CAkey', file('root-ca-key.pem'),
      '-set_serial', serial(), '-days', days, '-sha256', '-extfile', cnf, '-extensions', section,
      '-out', file(`${name}.pem`),
    ]);
    await rm(file(`${name}.csr`));
  };
  await Promise.all([issue('node', 'omlc-node', 'node'), issue('admin', 'omlc-admin', 'client')]);
  // The CA key is only needed to sign; drop it so nothing can mint more certificates from this PKI.
  await rm(file('root-ca-key.pem'));
  for (const key of ['node-key.pem', 'admin-key.pem']) {
    await chmod(file(key), 0o600);
  }
  return {
    dir,
    caCert: file('root-ca.pem'),
    nodeCert: file('node.pem'),
    nodeKey: file('node-key.pem'),
    adminCert: file('admin.pem'),
    adminKey: file('admin-key.pem'),
    nodeDn: `CN=omlc-node,${DN_SUFFIX}`,
    adminDn: `CN=omlc-admin,${DN_SUFFIX}`,
  };
}
