import { describe, expect, it } from 'vitest';
import { describeConnectionFailure } from './connection-failure.ts';

describe('describeConnectionFailure', () => {
  it.each([
    ['TimeoutError', '', 'timeout'],
    ['ConnectionError', 'connect ETIMEDOUT 10.0.0.1:9200', 'timeout'],
    ['ConnectionError', 'Request Timed Out', 'timeout'],
    ['ConnectionError', 'getaddrinfo EAI_AGAIN opensearch', 'dns'],
    ['ConnectionError', 'read ECONNRESET', 'reset'],
    ['ConnectionError', 'write EPIPE', 'reset'],
    ['ConnectionError', 'other side closed', 'reset'],
    ['ConnectionError', 'Network error', 'reset'],
    ['ConnectionError', 'a Network error in the proxy', 'other'],
    ['ConnectionError', 'Network error in the proxy', 'other'],
    ['ConnectionError', 'proxy: Network error', 'other'],
    ['ConnectionError', 'Hostname/IP does not match certificate altnames', 'tls'],
    ['ConnectionError', 'ERR_TLS_CERT_ALTNAME_INVALID', 'tls'],
    ['ConnectionError', 'SSL routines::packet length too long', 'tls'],
  ])('%s "%s" → %s', (name, message, kind) => {
    expect(describeConnectionFailure(name, message, 1000).kind).toBe(kind);
  });

  it('names the error when the message is empty, and gives each kind its whole hint', () => {
    expect(describeConnectionFailure('TimeoutError', '', 250)).toEqual({
      kind: 'timeout',
      detail: 'TimeoutError',
      hint: 'no answer within 250 ms: the cluster may be overloaded, or raise the request timeout',
    });
    expect(describeConnectionFailure('E', 'connect ECONNREFUSED ::1:9200', 1).hint).toBe(
      'nothing is listening there: is the cluster running and the URL right?',
    );
    expect(describeConnectionFailure('E', 'getaddrinfo ENOTFOUND x', 1).hint).toBe(
      'the host name does not resolve: check the URL',
    );
    expect(describeConnectionFailure('E', 'self signed certificate in certificate chain', 1).hint).toBe(
      'TLS certificate not trusted: check OPENSEARCH_CA_FILE (the CA that signed the cluster certificate), or OPENSEARCH_INSECURE=true for a throwaway cluster',
    );
    expect(describeConnectionFailure('E', 'tlsv1 alert protocol version', 1).hint).toBe(
      'TLS handshake failed: the server may not speak TLS on this port, check http:// vs https:// in the URL',
    );
    expect(describeConnectionFailure('E', 'socket hang up', 1).hint).toBe(
      'the connection was dropped: if the cluster uses TLS the URL must start with https://, otherwise check for a proxy',
    );
    expect(describeConnectionFailure('FetchError', 'odd', 1)).toEqual({
      kind: 'other',
      detail: 'odd',
      hint: 'unexpected FetchError: check the URL and the network',
    });
  });
});
