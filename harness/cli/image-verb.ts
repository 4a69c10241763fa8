/**
 * `ml-conformance image build [--version <v>]… [--force]`: builds the local `omlc/opensearch-ml:<v>` images that
 * `OMLC_CONTAINER_IMAGE=local` runs, ahead of a run (CI builds them in their own step, so their time shows apart from
 * the tests). An image whose content key matches its inputs is kept; `--force` rebuilds it anyway.
 */
import { runConfig } from '../config/run-config.ts';
import { isCodedError } from '../errors/omlc-error.ts';
import { ContainerTargetError } from '../targets/container/errors.ts';
import { DEFAULT_LIVE_VERSIONS } from '../targets/live/live-plan.ts';
import { NativeTargetError } from '../targets/native/errors.ts';
import { optionHelp, parseArgs, hasFlag, UsageError, type OptionSpec } from './cli-args.ts';
import type { CliContext, Verb } from './verb.ts';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'version',
    valueName: 'x.y.z',
    takesValue: true,
    help: 'OpenSearch version to build (repeat, or comma-separated; default OPENSEARCH_VERSIONS or 2.19.6,3.6.0)',
  },
  { name: 'force', takesValue: false, help: 'build even when the image is up to date' },
];

export interface ImageBuildPlan {
  readonly versions: readonly string[];
  readonly force: boolean;
}

export function planImageBuild(args: readonly string[], configured?: readonly string[]): ImageBuildPlan {
  const [action, ...rest] = args;
  if (action !== 'build') {
    throw new UsageError(action === undefined ? 'say what to do: image build' : `unknown action ${action}`);
  }
  const parsed = parseArgs(rest, OPTIONS);
  const given = (parsed.options.get('version') ?? []).flatMap((value) =>
    value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== ''),
  );
  const bad = given.filter((v) => !/^\d+\.\d+\.\d+$/.test(v));
  if (bad.length > 0) {
    throw new UsageError(`--version ${bad.join(', ')}: give full versions such as 2.19.6`);
  }
  const versions = given.length > 0 ? given : (configured ?? DEFAULT_LIVE_VERSIONS);
  return { versions: [...new Set(versions)], force: hasFlag(parsed, 'force') };
}

async function run(args: readonly string[], cli: CliContext): Promise<number> {
  const config = runConfig();
  const plan = planImageBuild(args, config.OPENSEARCH_VERSIONS ?? config.OPENSEARCH_VERSION);
  // Loaded on demand: the image build pulls in the native target's assembly.
  const { ensureLocalImage } = await import('../targets/container/image/build-local-image.ts');
  for (const version of plan.versions) {
    const log = (line: string): void => cli.out(`[image ${version}] ${line}\n`);
    try {
      const image = await ensureLocalImage({ version, config, log, force: plan.force });
      cli.out(
        `${image.ref}: ${image.built ? 'built' : 'up to date'} in ${(image.elapsedMs / 1000).toFixed(1)} s ` +
          `(content key ${image.contentKey.slice(0, 12)}, security plugin ${image.securityPlugin ? 'yes' : 'no'})\n`,
      );
    } catch (error) {
      if (isCodedError(error, ContainerTargetError) || isCodedError(error, NativeTargetError)) {
        cli.err(`ml-conformance image build ${version}: ${error.message}\n`);
        return 1;
      }
      throw error;
    }
  }
  return 0;
}

export const imageVerb: Verb = {
  name: 'image',
  summary: 'build the local OpenSearch images for OMLC_CONTAINER_IMAGE=local (no registry needed)',
  usage:
    'Usage: ml-conformance image build [--version <x.y.z>]... [--force]\n\n' +
    "Builds omlc/opensearch-ml:<version> from the native target's assembly (Maven Central artifacts, pre-seeded\n" +
    'libtorch, a JDK from this host) on a Debian root filesystem made with mmdebstrap, and imports it into the\n' +
    'Docker engine DOCKER_HOST names. Needs docker, mmdebstrap, Java and Maven (or their caches).\n\n' +
    `Options:\n${optionHelp(OPTIONS)}\n`,
  run,
};
