/**
 * Pre-flight decisions for an external cluster: from its ML settings, node roles and free disk, everything that would
 * make the live checks fail, each with the setting and the fix (ml-commons-behavior.md §4, §7). Pure: the facts are
 * gathered elsewhere (preflight-facts.ts), so every decision is unit-tested on fake clusters.
 */
import semver from 'semver';
import { effectiveSetting, type NodeRoles, type SettingValue } from '../../ml/cluster-api.ts';
import type { ClusterSettings } from '../../ml/cluster-schemas.ts';
import { artifactReachFindings } from './artifact-reach.ts';
import { javaFind, javaRegexToJs } from './java-regex.ts';
import type { RegistrationPath } from '../target-info.ts';

export type Severity = 'blocking' | 'warning' | 'note';

export interface SettingChange {
  readonly setting: string;
  readonly value: SettingValue;
}

export interface Finding {
  readonly severity: Severity;
  /**
   * The registration path the problem concerns (URL: the setting, trusted_url_regex, reaching the artifact server;
   * upload: the local-file setting); none when every check is concerned. registration-preflight.ts picks a path.
   */
  readonly path?: RegistrationPath;
  /** The cluster setting concerned, when there is one. */
  readonly setting?: string;
  readonly problem: string;
  readonly fix: string;
  /** What the harness sets when OPENSEARCH_ALLOW_SETTINGS_CHANGES=true (blocking findings only). */
  readonly change?: SettingChange;
}

export interface NodeDisk {
  readonly node: string;
  readonly availableBytes: number;
}

export interface PreflightFacts {
  readonly clusterUrl: string;
  readonly version: string;
  readonly settings: ClusterSettings;
  readonly nodes: readonly NodeRoles[];
  /** Free disk per node, or why it could not be read (e.g. HTTP 403). */
  readonly disk: readonly NodeDisk[] | { readonly error: string };
  /** A URL of the shape the cluster will download model zips from. */
  readonly artifactUrl: string;
  /** Where the artifact server really listens. */
  readonly artifactBindUrl: string;
}

const ML = 'plugins.ml_commons';
const GB = 1024 ** 3;

function atLeast(version: string, min: string): boolean {
  const v = semver.coerce(version);
  return v === null || semver.gte(v, min);
}

function isTrue(value: unknown): boolean {
  return String(value).toLowerCase() === 'true';
}

/** OpenSearch ByteSizeValue text (`5gb`, `500mb`, `0`, `1024b`) → bytes; undefined when unparsable. */
export function parseByteSize(value: unknown): number | undefined {
  const match = /^(-?\d+(?:\.\d+)?)\s*(b|kb|mb|gb|tb|pb)?$/i.exec(String(value).trim());
  if (match === null) {
    return undefined;
  }
  const units: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: GB, tb: 1024 ** 4, pb: 1024 ** 5 };
  return Number(match[1]) * (units[(match[2] ?? 'b').toLowerCase()] ?? 1);
}

function gb(bytes: number): string {
  return `${(bytes / GB).toFixed(1)} GB`;
}

export function preflightFindings(facts: PreflightFacts): Finding[] {
  return [
    ...registrationFindings(facts),
    ...nodeRoleFindings(facts),
    ...trustedUrlFindings(facts).map((f) => ({ ...f, path: 'url' as const })),
    ...memoryFindings(facts),
    ...diskFindings(facts),
    ...artifactReachFindings(facts.clusterUrl, facts.artifactUrl, facts.artifactBindUrl).map((f) => ({
      ...f,
      path: 'url' as const,
    })),
  ];
}

function registrationFindings(facts: PreflightFacts): Finding[] {
  const findings: Finding[] = [];
  const url = `${ML}.allow_registering_model_via_url`;
  if (!isTrue(effectiveSetting(facts.settings, url))) {
    findings.push({
      severity: 'blocking',
      path: 'url',
      setting: url,
      problem:
        'is false: every register-by-URL fails with 400 "To upload custom model user needs to enable allow_registering_model_via_url settings"',
      fix: `PUT _cluster/settings {"persistent":{"${url}":true}}`,
      change: { setting: url, value: true },
    });
  }
  // Chunked upload has its own gate, also off by default (recorded on 2.19.6 and 3.6.0: 400 on both endpoints).
  const localFile = `${ML}.allow_registering_model_via_local_file`;
  if (!isTrue(effectiveSetting(facts.settings, localFile))) {
    findings.push({
      severity: 'blocking',
      path: 'upload',
      setting: localFile,
      problem:
        'is false: _register_meta and upload_chunk fail with 400 "To upload custom model from local file, user needs to enable allow_registering_model_via_local_file settings"',
      fix: `PUT _cluster/settings {"persistent":{"${localFile}":true}}`,
      change: { setting: localFile, value: true },
    });
  }
  const local = `${ML}.local_model.enabled`;
  const localValue = effectiveSetting(facts.settings, local);
  if (atLeast(facts.version, '2.13.0') && localValue !== undefined && !isTrue(localValue)) {
    findings.push({
      severity: 'blocking',
      setting: local,
      problem: 'is false: local (ONNX/TorchScript) models are refused',
      fix: `PUT _cluster/settings {"persistent":{"${local}":true}}`,
      change: { setting: local, value: true },
    });
  }
  return findings;
}

function nodeRoleFindings(facts: PreflightFacts): Finding[] {
  const setting = `${ML}.only_run_on_ml_node`;
  const value = effectiveSetting(facts.settings, setting);
  // Default true (§7): an absent value means true.
  const onlyMl = value === undefined || isTrue(value);
  if (!onlyMl || facts.nodes.some((n) => n.roles.includes('ml'))) {
    return [];
  }
  return [
    {
      severity: 'blocking',
      setting,
      problem: `is true but none of the ${facts.nodes.length} node(s) has the ml role: register/deploy fail with 400 "No eligible node found to execute this request"`,
      fix: `PUT _cluster/settings {"persistent":{"${setting}":false}}, or add a node with node.roles: [ml]`,
      change: { setting, value: false },
    },
  ];
}

/** Java-safe literal: a backslash before punctuation is allowed in Java and JS patterns alike. */
function escapeForJava(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function trustedUrlFindings(facts: PreflightFacts): Finding[] {
  const setting = `${ML}.trusted_url_regex`;
  const value = effectiveSetting(facts.settings, setting);
  if (typeof value !== 'string') {
    return [];
  }
  const translated = javaRegexToJs(value);
  if (!translated.ok) {
    return [
      {
        severity: 'warning',
        setting,
        problem: `could not be checked against ${facts.artifactUrl} here (${translated.reason})`,
        fix: 'if registers fail with "URL can\'t match trusted url regex", make the regex match the artifact URL',
      },
    ];
  }
  if (javaFind(translated.regex, facts.artifactUrl)) {
    return translated.notes.length === 0
      ? []
      : [
          {
            severity: 'note',
            setting,
            problem: `matches ${facts.artifactUrl} as evaluated in JS (${translated.notes.join('; ')})`,
            fix: 'none needed',
          },
        ];
  }
  const base = new URL(facts.artifactUrl).origin;
  const widened = `(?:${value})|^${escapeForJava(base)}/`;
  return [
    {
      severity: 'blocking',
      setting,
      problem: `(${value}) does not match the artifact URL ${facts.artifactUrl} (Java find() semantics): registers fail with 400 "URL can't match trusted url regex"`,
      fix: `PUT _cluster/settings {"persistent":{"${setting}":${JSON.stringify(widened)}}} (the current regex plus this artifact server)`,
      change: { setting, value: widened },
    },
  ];
}

function memoryFindings(facts: PreflightFacts): Finding[] {
  // 100 disables the breaker from 2.15 (#2469); before, only a value above 100 can never trip.
  const disabled = (t: number): boolean => (atLeast(facts.version, '2.15.0') ? t >= 100 : t > 100);
  const findings: Finding[] = [];
  const checks = [
    {
      key: `${ML}.jvm_heap_memory_threshold`,
      effect: 'register/deploy/predict fail with 429 "Memory Circuit Breaker is open" once JVM heap use passes it',
    },
    {
      key: `${ML}.native_memory_threshold`,
      effect:
        'no effect on the versions checked (ML Commons does not register this breaker since at least 2.11), listed for completeness',
    },
  ];
  for (const { key, effect } of checks) {
    const threshold = Number(effectiveSetting(facts.settings, key));
    if (Number.isFinite(threshold) && !disabled(threshold)) {
      findings.push({
        severity: 'warning',
        setting: key,
        problem: `is ${threshold}: ${effect}`,
        fix: `PUT _cluster/settings {"persistent":{"${key}":100}} on a test cluster if checks fail with 429`,
      });
    }
  }
  return findings;
}

function diskFindings(facts: PreflightFacts): Finding[] {
  const setting = `${ML}.disk_free_space_threshold`;
  const configurable = atLeast(facts.version, '2.16.0');
  // Before 2.16 the 5 GB limit is hard-coded (§7).
  const threshold = configurable ? parseByteSize(effectiveSetting(facts.settings, setting) ?? '5gb') : 5 * GB;
  if (threshold === undefined || threshold <= 0) {
    return [];
  }
  if ('error' in facts.disk) {
    const error = facts.disk.error;
    return [
      {
        severity: 'note',
        setting,
        problem: `free disk could not be read (${error}); ML Commons refuses work when a node has less than ${gb(threshold)} free`,
        fix: 'if checks fail with 429 "Disk Circuit Breaker is open", free disk space or lower the setting (2.16+)',
      },
    ];
  }
  const short = facts.disk.filter((d) => d.availableBytes < threshold);
  if (short.length === 0) {
    return [];
  }
  const where = short.map((d) => `${d.node}: ${gb(d.availableBytes)} free`).join(', ');
  return [
    {
      severity: 'blocking',
      setting,
      problem: `is ${gb(threshold)}${configurable ? '' : ' (hard-coded before 2.16)'} but ${where}: register/deploy fail with 429 "Disk Circuit Breaker is open"`,
      fix: configurable
        ? `free disk space, or PUT _cluster/settings {"persistent":{"${setting}":"0"}} on a test cluster`
        : 'free disk space on the data path (this version has no setting for it)',
      ...(configurable ? { change: { setting, value: '0' } } : {}),
    },
  ];
}
