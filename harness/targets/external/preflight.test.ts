import { describe, expect, it } from 'vitest';
import type { ClusterSettings } from '../../ml/cluster-schemas.ts';
import { parseByteSize, preflightFindings, type PreflightFacts } from './preflight.ts';

const DEFAULT_REGEX = '^(https?|ftp|file)://[-a-zA-Z0-9+&@#/%?=~_|!:,.;]*[-a-zA-Z0-9+&@#/%=~_|]';
const GB = 1024 ** 3;

/** ML Commons' defaults (§7) as `GET _cluster/settings?include_defaults&flat_settings` reports them. */
const DEFAULTS: Record<string, unknown> = {
  'plugins.ml_commons.allow_registering_model_via_url': 'false',
  'plugins.ml_commons.only_run_on_ml_node': 'true',
  'plugins.ml_commons.local_model.enabled': 'true',
  'plugins.ml_commons.trusted_url_regex': DEFAULT_REGEX,
  'plugins.ml_commons.jvm_heap_memory_threshold': '85',
  'plugins.ml_commons.native_memory_threshold': '90',
  'plugins.ml_commons.disk_free_space_threshold': '5gb',
};

function facts(overrides: Partial<PreflightFacts> & { persistent?: Record<string, unknown> } = {}): PreflightFacts {
  const settings: ClusterSettings = { persistent: overrides.persistent ?? {}, transient: {}, defaults: DEFAULTS };
  return {
    clusterUrl: 'https://127.0.0.1:9200',
    version: '2.19.1',
    settings,
    nodes: [{ id: 'n1', name: 'node-1', roles: ['data', 'ingest', 'cluster_manager'], version: '2.19.1' }],
    disk: [{ node: 'node-1', availableBytes: 50 * GB }],
    artifactUrl: `http://127.0.0.1:41000/sha256/${'0'.repeat(64)}/model.zip`,
    artifactBindUrl: 'http://127.0.0.1:41000',
    ...overrides,
  };
}

/** A cluster already prepared for the suite. */
const READY = {
  'plugins.ml_commons.allow_registering_model_via_url': 'true',
  'plugins.ml_commons.allow_registering_model_via_local_file': 'true',
  'plugins.ml_commons.only_run_on_ml_node': 'false',
  'plugins.ml_commons.jvm_heap_memory_threshold': '100',
  'plugins.ml_commons.native_memory_threshold': '100',
};

function summary(f: PreflightFacts): string[] {
  return preflightFindings(f).map(
    (x) => `${x.severity} ${x.setting ?? '-'}${x.change ? ` → ${JSON.stringify(x.change.value)}` : ''}`,
  );
}

describe('preflightFindings', () => {
  it('a prepared cluster only gets the note that artifact reachability is proven by the first register', () => {
    expect(summary(facts({ persistent: READY }))).toEqual(['note -']);
  });

  it('ML Commons defaults on a node without the ml role: both registration paths and ml-node blocking, memory warnings', () => {
    expect(summary(facts())).toEqual([
      'blocking plugins.ml_commons.allow_registering_model_via_url → true',
      'blocking plugins.ml_commons.allow_registering_model_via_local_file → true',
      'blocking plugins.ml_commons.only_run_on_ml_node → false',
      'warning plugins.ml_commons.jvm_heap_memory_threshold',
      'warning plugins.ml_commons.native_memory_threshold',
      'note -',
    ]);
    const [url, upload] = preflightFindings(facts());
    expect(url?.fix).toBe(
      'PUT _cluster/settings {"persistent":{"plugins.ml_commons.allow_registering_model_via_url":true}}',
    );
    expect([url?.path, upload?.path]).toEqual(['url', 'upload']);
    expect(upload?.problem).toMatch(/_register_meta and upload_chunk fail with 400/);
  });

  it('only_run_on_ml_node=true is fine when a node has the ml role', () => {
    const nodes = [{ id: 'n2', name: 'ml-1', roles: ['ml'], version: '2.19.1' }];
    const persistent = { ...READY, 'plugins.ml_commons.only_run_on_ml_node': 'true' };
    expect(summary(facts({ persistent, nodes }))).toEqual(['note -']);
  });

  it('local_model.enabled=false blocks (2.13+)', () => {
    const persistent = { ...READY, 'plugins.ml_commons.local_model.enabled': 'false' };
    expect(summary(facts({ persistent }))).toContain('blocking plugins.ml_commons.local_model.enabled → true');
  });

  it('a trusted_url_regex that misses the artifact URL is widened by exactly the artifact server', () => {
    const regex = '^https://models\\.corp\\.example/';
    const findings = preflightFindings(
      facts({ persistent: { ...READY, 'plugins.ml_commons.trusted_url_regex': regex } }),
    );
    const finding = findings.find((f) => f.setting === 'plugins.ml_commons.trusted_url_regex');
    expect(finding?.severity).toBe('blocking');
    expect(finding?.change?.value).toBe('(?:^https://models\\.corp\\.example/)|^http://127\\.0\\.0\\.1:41000/');
    expect(finding?.problem).toMatch('does not match the artifact URL http://127.0.0.1:41000/sha256/');
  });

  it('a trusted_url_regex that cannot be evaluated in JS is a warning, not a guess', () => {
    const persistent = { ...READY, 'plugins.ml_commons.trusted_url_regex': '^[a-z&&[^q]]+://' };
    expect(summary(facts({ persistent }))).toEqual(['warning plugins.ml_commons.trusted_url_regex', 'note -']);
  });

  it('memory thresholds: 100 disables from 2.15, before that only above 100', () => {
    expect(summary(facts({ persistent: READY, version: '2.14.0' }))).toEqual([
      'warning plugins.ml_commons.jvm_heap_memory_threshold',
      'warning plugins.ml_commons.native_memory_threshold',
      'note -',
    ]);
  });

  it('disk: too little free space against disk_free_space_threshold blocks (fix: 0); unreadable stats are a note', () => {
    const low = facts({ persistent: READY, disk: [{ node: 'node-1', availableBytes: 2 * GB }] });
    expect(summary(low)).toEqual(['blocking plugins.ml_commons.disk_free_space_threshold → "0"', 'note -']);
    expect(preflightFindings(low)[0]?.problem).toMatch('is 5.0 GB but node-1: 2.0 GB free');
    const zero = facts({
      persistent: { ...READY, 'plugins.ml_commons.disk_free_space_threshold': '0' },
      disk: [{ node: 'node-1', availableBytes: 1 }],
    });
    expect(summary(zero)).toEqual(['note -']);
    expect(summary(facts({ persistent: READY, disk: { error: 'GET _nodes/stats/fs → HTTP 403' } }))).toEqual([
      'note plugins.ml_commons.disk_free_space_threshold',
      'note -',
    ]);
  });

  it('disk before 2.16: the 5 GB limit is hard-coded, so there is nothing to change', () => {
    const old = facts({ persistent: READY, version: '2.15.0', disk: [{ node: 'node-1', availableBytes: GB }] });
    const [finding] = preflightFindings(old);
    expect(finding).toMatchObject({
      severity: 'blocking',
      fix: 'free disk space on the data path (this version has no setting for it)',
    });
    expect(finding?.change).toBeUndefined();
  });

  it('a remote cluster cannot download from a loopback artifact URL; an announced address needs a non-loopback bind', () => {
    const remote = facts({ persistent: READY, clusterUrl: 'https://search.corp.example:9200' });
    expect(preflightFindings(remote)).toEqual([
      expect.objectContaining({
        severity: 'blocking',
        problem: expect.stringMatching(/loopback address of this machine/) as unknown,
      }),
    ]);
    const announced = facts({
      persistent: READY,
      clusterUrl: 'https://search.corp.example:9200',
      artifactUrl: 'http://10.0.0.5:41000/sha256/x/model.zip',
    });
    expect(preflightFindings(announced)[0]?.fix).toBe(
      'set OMLC_ARTIFACT_HOST=0.0.0.0 (or the interface the cluster reaches)',
    );
  });
});

describe('parseByteSize', () => {
  it.for([
    ['5gb', 5 * GB],
    ['500MB', 500 * 1024 ** 2],
    ['0', 0],
    ['1024b', 1024],
    ['1.5kb', 1536],
    ['lots', undefined],
  ] as const)('%s → %s', ([text, bytes]) => {
    expect(parseByteSize(text)).toBe(bytes);
  });
});
