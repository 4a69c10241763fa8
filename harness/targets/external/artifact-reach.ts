/**
 * Can the cluster download model zips from the artifact server? OpenSearch has no cheap "fetch this URL" API (a
 * register task would leave a model behind), so this is a static check of the addresses: a loopback artifact URL
 * only works for a cluster on this machine, and an announced public address only works if the server does not
 * listen on loopback alone. Anything else is left to the first register task (the artifact server logs each download).
 */
import type { Finding } from './preflight.ts';

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare.endsWith('.localhost') || /^127\./.test(bare) || bare === '::1';
}

function hostOf(url: string): string {
  return new URL(url).hostname;
}

export function artifactReachFindings(clusterUrl: string, artifactUrl: string, bindUrl: string): Finding[] {
  const cluster = hostOf(clusterUrl);
  const announced = hostOf(artifactUrl);
  const bound = hostOf(bindUrl);
  const base = new URL(artifactUrl).origin;
  if (isLoopback(announced) && !isLoopback(cluster)) {
    return [
      {
        severity: 'blocking',
        problem: `the cluster (${cluster}) would download model zips from ${base}, a loopback address of this machine it cannot reach`,
        fix:
          'set OMLC_ARTIFACT_BASE_URL=http://<an address of this machine the cluster can reach>:<port>, ' +
          'OMLC_ARTIFACT_HOST=0.0.0.0 and OMLC_ARTIFACT_PORT=<port> (open in the firewall)',
      },
    ];
  }
  if (!isLoopback(announced) && isLoopback(bound)) {
    return [
      {
        severity: 'blocking',
        problem: `the artifact server is announced as ${base} but listens on ${bound} only`,
        fix: 'set OMLC_ARTIFACT_HOST=0.0.0.0 (or the interface the cluster reaches)',
      },
    ];
  }
  return [
    {
      severity: 'note',
      problem: `the cluster's access to ${base} is not probed before the run (no side-effect-free download API)`,
      fix: 'the first register task proves it; a download failure there names the URL',
    },
  ];
}
