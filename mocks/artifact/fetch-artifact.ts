import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { bypass } from 'msw';

/** A download that answered with a non-2xx status; the register task reports it through the profile's text. */
export class ArtifactHttpError extends Error {
  readonly url: string;
  readonly status: number;

  constructor(url: string, status: number) {
    super(`GET ${url} answered ${status}`);
    this.name = 'ArtifactHttpError';
    this.url = url;
    this.status = status;
  }
}

/**
 * The simulated node downloads the model like ML Commons does. `bypass()` marks the request so MSW lets it reach
 * the real loopback artifact server instead of matching it against the simulator's own handlers; `file://` URLs
 * (accepted by the default trusted_url_regex) are read from disk, as the node would.
 */
export async function defaultFetchArtifact(url: string): Promise<Uint8Array> {
  if (url.startsWith('file:')) {
    return new Uint8Array(await readFile(fileURLToPath(url)));
  }
  const response = await fetch(bypass(url));
  if (!response.ok) {
    await response.body?.cancel();
    throw new ArtifactHttpError(url, response.status);
  }
  return new Uint8Array(await response.arrayBuffer());
}
