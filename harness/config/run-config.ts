/**
 * The run's configuration: every environment variable the project reads (declared in `env-vars.ts`), parsed
 * into typed values. `parseRunConfig(env)` is pure, so tests hand it an env object; `runConfig()` is this process's
 * configuration, parsed from `process.env`. Every bad variable is reported at once, each with its name,
 * what it got (never for secrets) and what it accepts. Code reads `runConfig().NAME`, never `process.env`; the one
 * other reader is `inheritedEnv()`, the environment handed to child processes.
 */
import { OmlcError } from '../errors/omlc-error.ts';
import { ENV_VARS, type EnvVarName } from './env-vars.ts';
import { EnvValueError, type EnvVar } from './env-var.ts';

type ValueOf<V> = V extends EnvVar<infer T> ? T : never;

export type RunConfig = { readonly [K in EnvVarName]: ValueOf<(typeof ENV_VARS)[K]> };

export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

export class RunConfigError extends OmlcError<'bad-env'> {
  override name = 'RunConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(
      'bad-env',
      `invalid environment (${problems.map((p) => p.variable).join(', ')}):\n` +
        problems.map((p) => `  ${p.variable}: ${p.problem}`).join('\n'),
    );
    this.problems = problems;
  }
}

export function parseRunConfig(env: Readonly<Record<string, string | undefined>>): RunConfig {
  const config: Record<string, unknown> = {};
  const problems: ConfigProblem[] = [];
  for (const [name, variable] of Object.entries(ENV_VARS) as [EnvVarName, EnvVar<unknown>][]) {
    const raw = env[name];
    try {
      config[name] = raw === undefined || raw.trim() === '' ? variable.unset() : variable.parse(raw);
    } catch (error) {
      if (!(error instanceof EnvValueError)) {
        throw error;
      }
      problems.push({ variable: name, problem: variable.secret ? 'is not valid' : error.message });
    }
  }
  if (problems.length > 0) {
    throw new RunConfigError(problems);
  }
  return config as RunConfig;
}

/**
 * This process's configuration. Parsing takes microseconds, so it is not cached: a test that stubs a variable
 * (`vi.stubEnv`) is seen by the code it calls.
 */
export function runConfig(): RunConfig {
  // eslint-disable-next-line no-restricted-properties -- the one place that parses the environment
  return parseRunConfig(process.env);
}
