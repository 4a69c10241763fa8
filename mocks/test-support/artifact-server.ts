import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface TestArtifactServer {
  readonly baseUrl: string;
  /** Serves `bytes` at `/<name>` and returns the full URL. */
  publish(name: string, bytes: Uint8Array): string;
  /** Paths requested so far (proves the simulator really downloaded). */
  readonly requests: string[];
  close(): Promise<void>;
}

/** A real HTTP server on 127.0.0.1, so register downloads go through a socket like against a real node. */
export async function startTestArtifactServer(): Promise<TestArtifactServer> {
  const files = new Map<string, Uint8Array>();
  const requests: string[] = [];
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(path);
    const bytes = files.get(path);
    if (bytes === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/zip', 'content-length': bytes.byteLength }).end(bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    requests,
    publish(name, bytes) {
      files.set(`/${name}`, bytes);
      return `${baseUrl}/${name}`;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
