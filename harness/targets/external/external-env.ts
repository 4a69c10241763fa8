/**
 * The external target's configuration, from the run configuration (which has checked each variable's syntax),
 * validated before anything connects: the URL, the CA file, and the variables that only make sense together.
 * Every problem names its variable; values are echoed only when they cannot hold a secret (the URL is shown without
 * its user info, passwords never).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { ConfigProblem, RunConfig } from '../../config/run-config.ts';
import { OmlcError } from '../../errors/omlc-error.ts';
import { redactUrl } from '../../ml/text.ts';
import type { BasicAuth, SigV4Auth, TargetConnection } from '../target-info.ts';

export interface ExternalConfig {
  /** Base URL without user info or trailing slash: safe to print. */
  readonly url: string;
  readonly connection: TargetConnection;
  /** Who we connect as, for messages: `user admin`, `SigV4 (es, eu-west-1)`, `no credentials`. */
  readonly identity: string;
  readonly allowSettingsChanges: boolean;
  /** How long readiness may take: OPENSEARCH_READY_TIMEOUT_MS, else DEFAULT_READY_TIMEOUT_MS. */
  readonly readyTimeoutMs: number;
  /**
   * Whether a refused connection is retried until `readyTimeoutMs`: only when the user set OPENSEARCH_READY_TIMEOUT_MS
   * (a cluster that is starting). By default nothing listening at the URL fails at once: a wrong URL must not cost
   * a minute.
   */
  readonly retryRefused: boolean;
}

/** Unreachable fails within this by default (a TLS handshake or a GET / that never answers). */
export const DEFAULT_READY_TIMEOUT_MS = 10_000;

export class ExternalConfigError extends OmlcError<'bad-env'> {
  override name = 'ExternalConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(
      'bad-env',
      `the external target is misconfigured (${problems.map((p) => p.variable).join(', ')}):\n` +
        problems.map((p) => `  ${p.variable}: ${p.problem}`).join('\n'),
    );
    this.problems = problems;
  }
}

interface ParsedUrl {
  readonly base: string;
  readonly user?: { readonly username: string; readonly password: string };
}

const urlSchema = z.string({ error: 'is required (e.g. https://opensearch.example:9200)' }).transform((raw, ctx) => {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    ctx.addIssue({
      code: 'custom',
      message: `"${redactUrl(raw)}" is not a URL (e.g. https://opensearch.example:9200)`,
    });
    return z.NEVER;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    ctx.addIssue({ code: 'custom', message: `must start with http:// or https:// (got ${url.protocol})` });
    return z.NEVER;
  }
  if (url.search !== '' || url.hash !== '') {
    ctx.addIssue({ code: 'custom', message: `must not have a query or fragment (${redactUrl(raw)})` });
    return z.NEVER;
  }
  const user =
    url.username === '' && url.password === ''
      ? undefined
      : { username: decodeURIComponent(url.username), password: decodeURIComponent(url.password) };
  url.username = '';
  url.password = '';
  const parsed: ParsedUrl = { base: url.toString().replace(/\/+$/, ''), ...(user === undefined ? {} : { user }) };
  return parsed;
});

const caFileSchema = z.string().transform((path, ctx) => {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    ctx.addIssue({
      code: 'custom',
      message: `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    });
    return z.NEVER;
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    ctx.addIssue({ code: 'custom', message: `${path} is not a PEM certificate file (no BEGIN CERTIFICATE line)` });
    return z.NEVER;
  }
  return path;
});

type ExternalVars = Pick<
  RunConfig,
  | 'OPENSEARCH_URL'
  | 'OPENSEARCH_USERNAME'
  | 'OPENSEARCH_PASSWORD'
  | 'OPENSEARCH_CA_FILE'
  | 'OPENSEARCH_INSECURE'
  | 'OPENSEARCH_AWS_REGION'
  | 'OPENSEARCH_AWS_SERVICE'
  | 'OPENSEARCH_ALLOW_SETTINGS_CHANGES'
  | 'OPENSEARCH_READY_TIMEOUT_MS'
>;

/** The variables with the URL split into base and user info, and the CA file checked. */
type ParsedEnv = Omit<ExternalVars, 'OPENSEARCH_URL'> & { readonly OPENSEARCH_URL: ParsedUrl };

function crossChecks(env: ParsedEnv): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const user = env.OPENSEARCH_USERNAME;
  const password = env.OPENSEARCH_PASSWORD;
  if ((user === undefined) !== (password === undefined)) {
    const missing = user === undefined ? 'OPENSEARCH_USERNAME' : 'OPENSEARCH_PASSWORD';
    problems.push({ variable: missing, problem: 'basic auth needs both OPENSEARCH_USERNAME and OPENSEARCH_PASSWORD' });
  }
  if (user !== undefined && env.OPENSEARCH_URL.user !== undefined) {
    problems.push({
      variable: 'OPENSEARCH_URL',
      problem: 'has user info and OPENSEARCH_USERNAME is set too: give the credentials in one place',
    });
  }
  const basic = user !== undefined || env.OPENSEARCH_URL.user !== undefined;
  if (env.OPENSEARCH_AWS_SERVICE !== undefined && env.OPENSEARCH_AWS_REGION === undefined) {
    problems.push({ variable: 'OPENSEARCH_AWS_REGION', problem: 'is required with OPENSEARCH_AWS_SERVICE (SigV4)' });
  }
  if (env.OPENSEARCH_AWS_REGION !== undefined && basic) {
    problems.push({
      variable: 'OPENSEARCH_AWS_REGION',
      problem: 'SigV4 and basic auth are exclusive: unset OPENSEARCH_USERNAME/OPENSEARCH_PASSWORD (and URL user info)',
    });
  }
  if (env.OPENSEARCH_INSECURE === true && env.OPENSEARCH_CA_FILE !== undefined) {
    problems.push({
      variable: 'OPENSEARCH_INSECURE',
      problem: 'true skips certificate verification, so OPENSEARCH_CA_FILE would be ignored: set only one of them',
    });
  }
  if (env.OPENSEARCH_URL.base.startsWith('http:')) {
    for (const variable of ['OPENSEARCH_CA_FILE', 'OPENSEARCH_INSECURE'] as const) {
      if (env[variable] !== undefined && env[variable] !== false) {
        problems.push({ variable, problem: 'only applies to https:// URLs, but OPENSEARCH_URL is http://' });
      }
    }
  }
  return problems;
}

function authOf(env: ParsedEnv): { auth?: BasicAuth | SigV4Auth; identity: string } {
  if (env.OPENSEARCH_AWS_REGION !== undefined) {
    const service = env.OPENSEARCH_AWS_SERVICE ?? 'es';
    return {
      auth: { type: 'sigv4', region: env.OPENSEARCH_AWS_REGION, service },
      identity: `SigV4 (${service}, ${env.OPENSEARCH_AWS_REGION})`,
    };
  }
  const user =
    env.OPENSEARCH_USERNAME !== undefined && env.OPENSEARCH_PASSWORD !== undefined
      ? { username: env.OPENSEARCH_USERNAME, password: env.OPENSEARCH_PASSWORD }
      : env.OPENSEARCH_URL.user;
  return user === undefined
    ? { identity: 'no credentials' }
    : { auth: { type: 'basic', ...user }, identity: `user ${user.username}` };
}

/** The external target's settings from the run configuration; every problem at once, none of them a secret. */
export function externalConfig(vars: ExternalVars): ExternalConfig {
  const url = urlSchema.safeParse(vars.OPENSEARCH_URL);
  const caFile = vars.OPENSEARCH_CA_FILE === undefined ? undefined : caFileSchema.safeParse(vars.OPENSEARCH_CA_FILE);
  const issues = [
    ...(url.success ? [] : url.error.issues.map((issue) => ({ variable: 'OPENSEARCH_URL', problem: issue.message }))),
    ...(caFile === undefined || caFile.success
      ? []
      : caFile.error.issues.map((issue) => ({ variable: 'OPENSEARCH_CA_FILE', problem: issue.message }))),
  ];
  if (!url.success || issues.length > 0) {
    throw new ExternalConfigError(issues);
  }
  const env: ParsedEnv = { ...vars, OPENSEARCH_URL: url.data };
  const problems = crossChecks(env);
  if (problems.length > 0) {
    throw new ExternalConfigError(problems);
  }
  const { auth, identity } = authOf(env);
  const connection: TargetConnection = {
    baseUrl: env.OPENSEARCH_URL.base,
    ...(auth === undefined ? {} : { auth }),
    ...(env.OPENSEARCH_CA_FILE === undefined ? {} : { caFile: env.OPENSEARCH_CA_FILE }),
    ...(env.OPENSEARCH_INSECURE ? { insecureTls: true } : {}),
  };
  return {
    url: env.OPENSEARCH_URL.base,
    connection,
    identity,
    allowSettingsChanges: env.OPENSEARCH_ALLOW_SETTINGS_CHANGES,
    readyTimeoutMs: env.OPENSEARCH_READY_TIMEOUT_MS ?? DEFAULT_READY_TIMEOUT_MS,
    retryRefused: env.OPENSEARCH_READY_TIMEOUT_MS !== undefined,
  };
}
