/** The external target: your cluster, its credentials and TLS, and whether the harness may change its settings. */
import { flag, integer, matching, oneOf, pathVar, secret, text } from './env-var.ts';

export const EXTERNAL_VARS = {
  OPENSEARCH_URL: text({ doc: 'an existing cluster (implies `external`)' }),
  OPENSEARCH_USERNAME: secret({ doc: 'basic auth user' }),
  OPENSEARCH_PASSWORD: secret({ doc: 'basic auth password' }),
  OPENSEARCH_CA_FILE: pathVar({ doc: "PEM CA for the cluster's TLS certificate", shownDefault: 'system CAs' }),
  OPENSEARCH_INSECURE: flag({ doc: 'skip TLS verification (explicit opt-in)', fallback: false }),
  OPENSEARCH_AWS_REGION: matching(/^[a-z]{2}(-[a-z]+)+-\d+$/, {
    doc: 'SigV4 signing region',
    problem: 'must be an AWS region such as eu-west-1',
  }),
  OPENSEARCH_AWS_SERVICE: oneOf(['es', 'aoss'], {
    doc: 'SigV4 service: `es` (managed domain) or `aoss` (serverless)',
    problem: () => 'must be es (managed domain) or aoss (serverless)',
  }),
  OPENSEARCH_ALLOW_SETTINGS_CHANGES: flag({
    doc: 'let the harness set (and restore) ML settings on an external cluster',
    fallback: false,
  }),
  OPENSEARCH_READY_TIMEOUT_MS: integer({
    doc: 'how long to wait for a cluster that is starting (connection refused is retried only when this is set)',
    min: 1_000,
    max: 3_600_000,
    shownDefault: '10 s, refused at once',
    problem: (_raw, reason) =>
      ({
        'not-a-number': 'must be a number of milliseconds',
        'not-whole': 'must be a whole number of milliseconds',
        'too-small': 'must be at least 1000 (1 s)',
        'too-large': 'must be at most 3600000 (1 h)',
      })[reason],
  }),
  AWS_ACCESS_KEY_ID: secret({ doc: 'SigV4 credentials' }),
  AWS_SECRET_ACCESS_KEY: secret({ doc: 'SigV4 credentials' }),
  AWS_SESSION_TOKEN: secret({ doc: 'SigV4 credentials (temporary ones)' }),
} as const;
