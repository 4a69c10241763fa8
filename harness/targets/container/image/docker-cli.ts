/**
 * The few `docker` CLI calls the image build needs (import, build, inspect, remove). The CLI, not the Engine API:
 * `docker build` sends the context and picks the builder (classic or BuildKit) the way the user's Docker does, and the
 * printed commands can be re-run by hand. It talks to the engine `DOCKER_HOST` names, like testcontainers.
 */
import { inheritedEnv } from '../../../config/inherited-env.ts';
import { findOnPath, runCommand, stripAnsi, tailLines, type CommandResult } from '../../native/exec.ts';
import { ContainerTargetError } from '../errors.ts';

export interface ImageFacts {
  readonly id: string;
  readonly labels: Readonly<Record<string, string>>;
}

export interface DockerCli {
  /** Runs `docker <args>`; throws `image-build-failed` with the output's tail when it fails. */
  run(what: string, args: readonly string[], signal?: AbortSignal): Promise<CommandResult>;
  /** `undefined` when no such image exists. */
  inspectImage(ref: string): Promise<ImageFacts | undefined>;
}

export async function findDockerCli(searchPath: string): Promise<DockerCli> {
  const docker = await findOnPath('docker', searchPath);
  // DOCKER_HOST, DOCKER_CONFIG, proxies: the CLI reads them itself, as the user's own `docker` would.
  const env = inheritedEnv();
  if (docker === undefined) {
    throw new ContainerTargetError(
      'toolchain-missing',
      'building the local image needs the docker CLI on PATH (apt-get install -y docker.io)',
    );
  }
  const run = async (what: string, args: readonly string[], signal?: AbortSignal): Promise<CommandResult> => {
    const result = await runCommand(docker, args, { env, ...(signal === undefined ? {} : { signal }) });
    if (result.code !== 0) {
      const output = tailLines(stripAnsi(`${result.stdout}\n${result.stderr}`), 30);
      throw new ContainerTargetError(
        'image-build-failed',
        `${what} failed (exit ${String(result.code)}): docker ${args.join(' ')}\n${output}`,
      );
    }
    return result;
  };
  return {
    run,
    inspectImage: async (ref) => {
      const result = await runCommand(docker, ['image', 'inspect', '--format', '{{json .}}', ref], { env });
      if (result.code !== 0) {
        if (/no such (image|object)/i.test(result.stderr)) {
          return undefined;
        }
        throw new ContainerTargetError(
          'no-runtime',
          `docker image inspect ${ref} failed: ${tailLines(result.stderr, 5) || `exit ${String(result.code)}`}`,
        );
      }
      const parsed = JSON.parse(result.stdout) as { Id?: string; Config?: { Labels?: Record<string, string> | null } };
      return { id: parsed.Id ?? '', labels: parsed.Config?.Labels ?? {} };
    },
  };
}
