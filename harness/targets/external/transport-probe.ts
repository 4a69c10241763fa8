/**
 * One unauthenticated `GET /` over node:http(s), with the same TLS trust the client will use. It only answers "does
 * an HTTP server answer there, over the right protocol, with a certificate we trust?": node's error codes survive
 * here (the OpenSearch client keeps only the message text), so every TLS and protocol mistake gets a precise,
 * immediate message, while "nothing listens yet" is reported as retryable. Credentials are never sent by this probe.
 */
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { answersPlainHttp, endpointOf, peekCertificate, pemSubject, type PeerCertificate } from './tls-diagnosis.ts';

export type ProbeOutcome =
  | { readonly kind: 'http'; readonly status: number }
  | { readonly kind: 'retry'; readonly refused: boolean; readonly reason: string }
  | { readonly kind: 'fatal'; readonly message: string };

export interface ProbeTarget {
  /** Base URL without user info. */
  readonly url: string;
  /** Contents of OPENSEARCH_CA_FILE. */
  readonly ca?: Buffer;
  readonly caFile?: string;
  readonly insecure: boolean;
}

const UNTRUSTED = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_UNTRUSTED',
  'CERT_SIGNATURE_FAILURE',
]);
const EXPIRY = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);
const RETRYABLE = new Set(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ECONNABORTED']);
/** What a client sees when it speaks TLS to a plain-HTTP port (OpenSSL reads "HTTP/1.1 400" as a TLS record). */
const NOT_TLS_PHRASE = /wrong version number|packet length too long|unknown protocol|http request/i;
const NOT_TLS = new RegExp(`${NOT_TLS_PHRASE.source}|EPROTO`, 'i');

interface NodeError {
  readonly code?: string;
  readonly message: string;
  readonly cert?: { readonly subjectaltname?: string };
}

export function probeTransport(target: ProbeTarget, timeoutMs: number): Promise<ProbeOutcome> {
  const tls = target.url.startsWith('https:');
  return new Promise<NodeError | number>((resolve) => {
    const options = {
      method: 'GET',
      timeout: timeoutMs,
      headers: { accept: 'application/json' },
      ...(tls ? { rejectUnauthorized: !target.insecure, ...(target.ca === undefined ? {} : { ca: target.ca }) } : {}),
    };
    const req = (tls ? httpsRequest : httpRequest)(`${target.url}/`, options, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.once('timeout', () =>
      req.destroy(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })),
    );
    req.once('error', (error: NodeError) => resolve(error));
    req.end();
  }).then((result) => (typeof result === 'number' ? { kind: 'http', status: result } : classify(target, result)));
}

async function classify(target: ProbeTarget, error: NodeError): Promise<ProbeOutcome> {
  const code = error.code ?? '';
  const url = target.url;
  const endpoint = endpointOf(url);
  if (RETRYABLE.has(code)) {
    return { kind: 'retry', refused: code === 'ECONNREFUSED', reason: `${code}: ${error.message}` };
  }
  if (code === 'ENOTFOUND') {
    return {
      kind: 'fatal',
      message: `the host ${endpoint.host} of ${url} does not resolve (ENOTFOUND): check OPENSEARCH_URL`,
    };
  }
  if (UNTRUSTED.has(code)) {
    return { kind: 'fatal', message: untrustedMessage(target, code, await peekCertificate(endpoint)) };
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = error.cert?.subjectaltname ?? (await peekCertificate(endpoint))?.subjectAltName ?? '(no SAN)';
    return {
      kind: 'fatal',
      message:
        `certificate of ${url} does not match the host name ${endpoint.host}: it is valid for ${names}; ` +
        'put one of those names in OPENSEARCH_URL (or reissue the certificate with this name)',
    };
  }
  if (EXPIRY.has(code)) {
    const cert = await peekCertificate(endpoint);
    const when = cert === undefined ? '' : ` (valid until ${cert.validTo})`;
    return {
      kind: 'fatal',
      message: `certificate of ${url} is outside its validity period${when} (${code}): renew it`,
    };
  }
  if (url.startsWith('https:') && (NOT_TLS.test(code) || NOT_TLS.test(error.message) || code === 'ECONNRESET')) {
    // OpenSSL's message carries a hex prefix and a source path; the matched phrase is what a reader needs.
    const what = NOT_TLS_PHRASE.exec(error.message)?.[0] ?? code;
    if (await answersPlainHttp(endpoint)) {
      return {
        kind: 'fatal',
        message: `${url} answers plain HTTP, not TLS (the TLS handshake failed: ${what}): use ${url.replace(/^https:/, 'http:')}`,
      };
    }
    return {
      kind: 'fatal',
      message: `TLS handshake with ${url} failed (${what}): ${error.message.split('\n')[0] ?? ''}`,
    };
  }
  if (
    url.startsWith('http:') &&
    (code === 'ECONNRESET' || code.startsWith('HPE_') || /socket hang up/.test(error.message))
  ) {
    if ((await peekCertificate(endpoint)) !== undefined) {
      return {
        kind: 'fatal',
        message: `${url} looks like a TLS port (it completes a TLS handshake but drops plain HTTP): use ${url.replace(/^http:/, 'https:')}`,
      };
    }
    return { kind: 'retry', refused: false, reason: `${code}: ${error.message}` };
  }
  return { kind: 'fatal', message: `GET ${url}/ failed (${code || 'no code'}): ${error.message}` };
}

function untrustedMessage(target: ProbeTarget, code: string, cert: PeerCertificate | undefined): string {
  const presented = cert === undefined ? '' : `the server presents "${cert.subject}" issued by "${cert.issuer}"`;
  if (target.caFile !== undefined) {
    const holds = target.ca === undefined ? undefined : pemSubject(target.ca);
    return (
      `certificate of ${target.url} is not trusted: OPENSEARCH_CA_FILE=${target.caFile} is not the CA that signed it` +
      ` — ${presented === '' ? 'the server certificate' : presented}` +
      `${holds === undefined ? '' : `, the file holds "${holds}"`} (${code})`
    );
  }
  return (
    `certificate of ${target.url} is not trusted: set OPENSEARCH_CA_FILE to the CA that signed it ` +
    `(or OPENSEARCH_INSECURE=true)${presented === '' ? '' : ` — ${presented}`} (${code})`
  );
}
