/**
 * The external target's configuration, read from the environment and validated with zod before anything connects.
 * Every problem names its variable; values are echoed only when they cannot hold a secret (the URL is shown without
 * its user info, passwords never).
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { redactUrl } from '../../ml/text.ts';
import type { BasicAuth, SigV4Auth, TargetConnection } from '../target-info.ts';

export interface ExternalConfig {
  /** Base URL without user info or trailing slash: safe to print. */
  readonly url: string;
  readonly connection: TargetConnection;
  /** Who we connect as, for messages: `user admin`, `SigV4 (es, eu-west-1)`, `no credentials`. */
  readonly identity: string;
  readonly allowSettingsChanges: boolean;
  readonly readyTimeoutMs: number;
}

export interface ConfigProblem {
  readonly variable: string;
  readonly problem: string;
}

export class ExternalConfigError extends Error {
  override readonly name = 'ExternalConfigError';
  readonly problems: readonly ConfigProblem[];

  constructor(problems: readonly ConfigProblem[]) {
    super(
      `the external target is misconfigured (${problems.map((p) => p.variable).join(', ')}):\n` +
        problems.map((p) => `  ${p.variable}: ${p.problem}`).join('\n'),
    );
    this.problems = problems;
  }
}

export const DEFAULT_READY_TIMEOUT_MS = 60_000;

/** Unset and empty mean the same: CI systems often export empty variables. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), schema.optional());

const flag = optional(
  z
    .string()
    .trim()
    .toLowerCase()
    .refine((v) => ['true', 'false', '1', '0', 'yes', 'no'].includes(v), { error: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes'),
);

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

const envSchema = z.object({
  OPENSEARCH_URL: urlSchema,
  OPENSEARCH_USERNAME: optional(z.string()),
  OPENSEARCH_PASSWORD: optional(z.string()),
  OPENSEARCH_CA_FILE: optional(caFileSchema),
  OPENSEARCH_INSECURE: flag,
  OPENSEARCH_AWS_REGION: optional(
    z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, { error: 'must be an AWS region such as eu-west-1' }),
  ),
  OPENSEARCH_AWS_SERVICE: optional(
    z.enum(['es', 'aoss'], { error: 'must be es (managed domain) or aoss (serverless)' }),
  ),
  OPENSEARCH_ALLOW_SETTINGS_CHANGES: flag,
  OPENSEARCH_READY_TIMEOUT_MS: optional(
    z.coerce
      .number({ error: 'must be a number of milliseconds' })
      .int({ error: 'must be a whole number of milliseconds' })
      .min(1_000, { error: 'must be at least 1000 (1 s)' })
      .max(3_600_000, { error: 'must be at most 3600000 (1 h)' }),
  ),
});

type ParsedEnv = z.infer<typeof envSchema>;

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

export function parseExternalEnv(raw: NodeJS.ProcessEnv): ExternalConfig {
  const result = envSchema.safeParse(raw);
  if (!result.success) {
    throw new ExternalConfigError(
      result.error.issues.map((issue) => ({ variable: String(issue.path[0] ?? '(env)'), problem: issue.message })),
    );
  }
  const env = result.data;
  const problems = crossChecks(env);
  if (problems.length > 0) {
    throw new ExternalConfigError(problems);
  }
  const { auth, identity } = authOf(env);
  const connection: TargetConnection = {
    baseUrl: env.OPENSEARCH_URL.base,
    ...(auth === undefined ? {} : { auth }),
    ...(env.OPENSEARCH_CA_FILE === undefined ? {} : { caFile: env.OPENSEARCH_CA_FILE }),
    ...(env.OPENSEARCH_INSECURE === true ? { insecureTls: true } : {}),
  };
  return {
    url: env.OPENSEARCH_URL.base,
    connection,
    identity,
    allowSettingsChanges: env.OPENSEARCH_ALLOW_SETTINGS_CHANGES ?? false,
    readyTimeoutMs: env.OPENSEARCH_READY_TIMEOUT_MS ?? DEFAULT_READY_TIMEOUT_MS,
  };
}
