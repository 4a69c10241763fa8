/**
 * Asks the container itself whether it reaches the artifact server, once, right after startup. Without this check a
 * broken route only shows up later as a FAILED register task ("Connection refused" deep in a task error) in every
 * suite. Any HTTP status counts as reachable: the probe path is deliberately unpublished, so 404 is the expected answer.
 */
import type { ExecResult, StartedTestContainer } from 'testcontainers';
import { errorMessage } from '../../errors/error-message.ts';

const PROBE_PATH = '/omlc-reachability-probe';

export type Reachability =
  | { readonly status: 'reachable'; readonly httpStatus: number }
  | { readonly status: 'unreachable'; readonly detail: string }
  /** The check itself could not run (no curl in a custom image): not a reason to refuse the target. */
  | { readonly status: 'unchecked'; readonly detail: string };

export function probeCommand(artifactBaseUrl: string): string[] {
  return [
    'curl',
    '-sS',
    '-o',
    '/dev/null',
    '--max-time',
    '10',
    '-w',
    '%{http_code}',
    `${artifactBaseUrl}${PROBE_PATH}`,
  ];
}

export function interpretProbe(result: Pick<ExecResult, 'exitCode' | 'stdout' | 'stderr' | 'output'>): Reachability {
  const text = (result.stderr.trim() || result.output.trim()).split('\n')[0] ?? '';
  // 126/127: the runtime could not execute curl (missing from the image, or not executable).
  if (result.exitCode === 126 || result.exitCode === 127 || /executable file not found/i.test(result.output)) {
    return { status: 'unchecked', detail: `curl is not available in the image (${text || `exit ${result.exitCode}`})` };
  }
  const code = Number.parseInt(result.stdout.trim(), 10);
  if (result.exitCode === 0 && code >= 100 && code <= 599) {
    return { status: 'reachable', httpStatus: code };
  }
  return { status: 'unreachable', detail: text || `curl exit code ${result.exitCode}` };
}

export async function probeArtifactServer(
  container: Pick<StartedTestContainer, 'exec'>,
  artifactBaseUrl: string,
): Promise<Reachability> {
  try {
    return interpretProbe(await container.exec(probeCommand(artifactBaseUrl)));
  } catch (error) {
    return { status: 'unchecked', detail: `could not run curl in the container: ${errorMessage(error)}` };
  }
}
