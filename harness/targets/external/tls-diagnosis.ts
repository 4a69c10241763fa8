/**
 * Second looks that turn a vague connection failure into a precise one: what certificate the server really presents
 * (read with verification off, only to describe it), whether a port that dropped a plain-HTTP request completes a TLS
 * handshake, and whether a port that failed a TLS handshake answers plain HTTP. Each is one short connection.
 */
import { X509Certificate } from 'node:crypto';
import { request } from 'node:http';
import { isIP } from 'node:net';
import { connect } from 'node:tls';

export interface PeerCertificate {
  /** e.g. `CN=omlc-node, OU=omlc, O=omlc` */
  readonly subject: string;
  readonly issuer: string;
  /** e.g. `DNS:localhost, IP Address:127.0.0.1` */
  readonly subjectAltName: string | undefined;
  readonly validTo: string;
}

export interface Endpoint {
  readonly host: string;
  readonly port: number;
}

export function endpointOf(url: string): Endpoint {
  const parsed = new URL(url);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = parsed.port !== '' ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80;
  return { host, port };
}

function dn(fields: Record<string, string | string[] | undefined> | undefined): string {
  if (fields === undefined) {
    return '(none)';
  }
  const order = ['CN', 'OU', 'O', 'L', 'ST', 'C'];
  const parts = order.flatMap((key) => {
    const value = fields[key];
    return value === undefined ? [] : (Array.isArray(value) ? value : [value]).map((v) => `${key}=${v}`);
  });
  return parts.length === 0 ? '(empty)' : parts.join(', ');
}

/** Subject of the first certificate in a PEM file, for "the file holds …" in messages. */
export function pemSubject(pem: string | Buffer): string | undefined {
  try {
    return new X509Certificate(pem).subject.split('\n').reverse().join(', ');
  } catch {
    return undefined;
  }
}

function sni(host: string): { servername?: string } {
  // Node refuses an IP address as SNI server name.
  return isIP(host) === 0 ? { servername: host } : {};
}

/** The certificate the server presents, or undefined when no TLS handshake completes within `timeoutMs`. */
export function peekCertificate(endpoint: Endpoint, timeoutMs = 3_000): Promise<PeerCertificate | undefined> {
  return new Promise((resolve) => {
    const socket = connect({
      host: endpoint.host,
      port: endpoint.port,
      rejectUnauthorized: false,
      ...sni(endpoint.host),
    });
    const finish = (value: PeerCertificate | undefined): void => {
      socket.destroy();
      resolve(value);
    };
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.once('error', () => finish(undefined));
    socket.once('secureConnect', () => {
      const cert = socket.getPeerCertificate();
      finish({
        subject: dn(cert.subject),
        issuer: dn(cert.issuer),
        subjectAltName: cert.subjectaltname,
        validTo: cert.valid_to,
      });
    });
  });
}

/** Whether the port answers a plain HTTP request with any HTTP response. */
export function answersPlainHttp(endpoint: Endpoint, timeoutMs = 3_000): Promise<boolean> {
  return new Promise((resolve) => {
    const req = request({ host: endpoint.host, port: endpoint.port, path: '/', method: 'GET', timeout: timeoutMs });
    req.once('response', (res) => {
      res.resume();
      req.destroy();
      resolve(true);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}
