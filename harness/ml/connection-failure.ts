/**
 * Turns a low-level client failure into a kind and an actionable hint. The OpenSearch client keeps only the Node error
 * message (the `code` is lost), so the classification works on the message text.
 */
import type { ConnectionFailureKind } from './errors.ts';

export interface ConnectionFailure {
  readonly kind: ConnectionFailureKind;
  readonly detail: string;
  readonly hint: string;
}

const TLS_CERT = /certificate|self[- ]signed|unable to verify|CERT_|ERR_TLS_CERT|Hostname\/IP does not match/i;
const TLS_PROTOCOL = /wrong version number|EPROTO|SSL routines|packet length too long|tlsv1 alert|ssl3_/i;

export function describeConnectionFailure(name: string, message: string, timeoutMs: number): ConnectionFailure {
  const detail = message === '' ? name : message;
  if (name === 'TimeoutError' || /ETIMEDOUT|timed out/i.test(message)) {
    return {
      kind: 'timeout',
      detail,
      hint: `no answer within ${timeoutMs} ms: the cluster may be overloaded, or raise the request timeout`,
    };
  }
  if (/ECONNREFUSED/.test(message)) {
    return { kind: 'refused', detail, hint: 'nothing is listening there: is the cluster running and the URL right?' };
  }
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) {
    return { kind: 'dns', detail, hint: 'the host name does not resolve: check the URL' };
  }
  if (TLS_CERT.test(message)) {
    return {
      kind: 'tls',
      detail,
      hint: 'TLS certificate not trusted: check OPENSEARCH_CA_FILE (the CA that signed the cluster certificate), or OPENSEARCH_INSECURE=true for a throwaway cluster',
    };
  }
  if (TLS_PROTOCOL.test(message)) {
    return {
      kind: 'tls',
      detail,
      hint: 'TLS handshake failed: the server may not speak TLS on this port, check http:// vs https:// in the URL',
    };
  }
  // `Network error`: a connection the simulator drops on purpose (MSW's HttpResponse.error(), its `drop` fault).
  if (/ECONNRESET|socket hang up|EPIPE|other side closed|^Network error$/i.test(message)) {
    return {
      kind: 'reset',
      detail,
      hint: 'the connection was dropped: if the cluster uses TLS the URL must start with https://, otherwise check for a proxy',
    };
  }
  return { kind: 'other', detail, hint: `unexpected ${name}: check the URL and the network` };
}
