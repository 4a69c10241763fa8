/**
 * The target options every verb that talks to a cluster shares. Each maps to one run-config variable, so a flag and
 * its environment variable mean exactly the same (and are validated by the same rule).
 */
import { parseRunConfig, RunConfigError } from '../config/run-config.ts';
import type { EnvVarName } from '../config/env-vars.ts';
import { inheritedEnv } from '../config/inherited-env.ts';
import { lastValue, UsageError, type OptionSpec, type ParsedArgs } from './cli-args.ts';

interface TargetFlag extends OptionSpec {
  readonly variable: EnvVarName;
}

export const TARGET_FLAGS: readonly TargetFlag[] = [
  {
    name: 'target',
    valueName: 'auto|native|container|external|none',
    takesValue: true,
    variable: 'ML_TARGET',
    help: 'live target, or native,container for both side by side (env ML_TARGET, default auto)',
  },
  {
    name: 'url',
    valueName: 'url',
    takesValue: true,
    variable: 'OPENSEARCH_URL',
    help: 'an existing cluster (env OPENSEARCH_URL; implies --target external)',
  },
  {
    name: 'versions',
    valueName: 'v1,v2',
    takesValue: true,
    variable: 'OPENSEARCH_VERSIONS',
    help: 'OpenSearch versions for native/container (env OPENSEARCH_VERSIONS)',
  },
  {
    name: 'cards',
    valueName: 'id1,id2',
    takesValue: true,
    variable: 'ML_CARDS',
    help: 'only these model cards (env ML_CARDS)',
  },
];

/**
 * The environment variables the given target flags set, checked like the environment itself: a bad value is a
 * usage error naming the flag's variable and what it accepts.
 */
export function targetEnv(parsed: ParsedArgs): Record<string, string> {
  const env: Record<string, string> = {};
  for (const flag of TARGET_FLAGS) {
    const value = lastValue(parsed, flag.name);
    if (value !== undefined) {
      env[flag.variable] = value;
    }
  }
  try {
    parseRunConfig(inheritedEnv(env));
  } catch (error) {
    if (!(error instanceof RunConfigError)) {
      throw error;
    }
    const flagOf = (variable: string): string =>
      TARGET_FLAGS.find((f) => f.variable === variable && env[variable] !== undefined)?.name ?? '';
    throw new UsageError(
      error.problems
        .map((p) =>
          flagOf(p.variable) === '' ? `${p.variable}: ${p.problem}` : `--${flagOf(p.variable)}: ${p.problem}`,
        )
        .join('\n'),
    );
  }
  return env;
}
