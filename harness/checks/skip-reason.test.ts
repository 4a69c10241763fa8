import { describe, expect, it } from 'vitest';
import type { AvailableTarget, TargetCapabilities } from '../targets/target-info.ts';
import { testTarget } from '../targets/testing/test-target.ts';
import { parseRunConfig } from '../config/run-config.ts';
import { skipReason, type CardFacts } from './skip-reason.ts';

/** A native node of `version` with every capability unless the test takes one away. */
function target(
  version: string,
  capabilities: Partial<TargetCapabilities> = {},
  neural: AvailableTarget['neural'] = { engine: 'lucene' },
): AvailableTarget {
  return testTarget({
    kind: 'native',
    version,
    neural,
    capabilities: { faultInjection: true, syncUpJob: true, ...capabilities },
  });
}

function card(
  overrides: {
    format?: CardFacts['format'];
    asymmetric?: boolean;
    opensearch?: string;
    reference?: unknown;
    unavailable?: string;
  } = {},
): CardFacts {
  return {
    id: 'c',
    format: overrides.format ?? 'ONNX',
    expectations: { opensearch: overrides.opensearch ?? '>=2.11.0', asymmetric: overrides.asymmetric ?? false },
    ...(overrides.reference === undefined ? {} : { reference: overrides.reference }),
    ...(overrides.unavailable === undefined ? {} : { unavailable: overrides.unavailable }),
  };
}

describe('skipReason', () => {
  it('runs a check without requirements on an available target', () => {
    expect(skipReason('lifecycle.register', card(), target('3.6.0'))).toBeUndefined();
    expect(skipReason('api.unknown-ids', undefined, target('2.11.0'))).toBeUndefined();
  });

  it("is the target's reason when the target is not available", () => {
    const unavailable = { available: false, kind: 'none', label: 'live', reason: 'no live target: …' } as const;
    expect(skipReason('lifecycle.register', card(), unavailable)).toBe('no live target: …');
  });

  it("skips every check of a card outside the card's version range", () => {
    expect(skipReason('lifecycle.register', card({ opensearch: '>=2.19.0' }), target('2.18.0'))).toBe(
      'card c applies to OpenSearch >=2.19.0; native 2.18.0 is 2.18.0',
    );
    expect(skipReason('lifecycle.register', card({ opensearch: '>=2.19.0' }), target('2.19.0'))).toBeUndefined();
  });

  it("skips a check outside its own version range, with the catalog's why", () => {
    expect(skipReason('api.delete-unknown-group', card(), target('2.18.0'))).toBe(
      'needs OpenSearch >=2.19.0 (recorded on 2.19.6 and 3.6.0; no recording of older versions); native 2.18.0 is 2.18.0',
    );
    expect(skipReason('api.delete-unknown-group', card(), target('2.19.0'))).toBeUndefined();
    expect(skipReason('asymmetric.unusable-before-2.14', card({ asymmetric: true }), target('2.14.0'))).toMatch(
      /^needs OpenSearch >=2\.13\.0 <2\.14\.0 \(documented 2\.13 behaviour/,
    );
  });

  it('skips every check of a card whose model is unavailable, with the reason', () => {
    expect(skipReason('lifecycle.register', card({ unavailable: 'model x is not prepared' }), target('3.6.0'))).toBe(
      'card c cannot run: model x is not prepared',
    );
  });

  it('compares the release part of pre-release and build versions', () => {
    expect(skipReason('api.delete-unknown-group', card(), target('2.19.0-SNAPSHOT'))).toBeUndefined();
    expect(skipReason('api.delete-unknown-group', card(), target('2.18.9-rc1'))).toMatch(
      /; native 2\.18\.9-rc1 is 2\.18\.9$/,
    );
  });

  it.for([
    [
      'asymmetric.divergence',
      { asymmetric: false },
      'applies to asymmetric (query/passage) models only; c is symmetric ONNX',
    ],
    [
      'asymmetric.content-type-on-symmetric',
      { asymmetric: true },
      'applies to symmetric models only; c is asymmetric ONNX',
    ],
    ['artifact.onnx-io', { format: 'TORCH_SCRIPT' }, 'applies to ONNX models only; c is symmetric TORCH_SCRIPT'],
    [
      'artifact.onnx-goldens',
      { format: 'ONNX' },
      'applies to ONNX models with a reference.json only; c is symmetric ONNX',
    ],
    [
      'artifact.onnx-goldens',
      { format: 'TORCH_SCRIPT', reference: {} },
      'applies to ONNX models with a reference.json only; c is symmetric TORCH_SCRIPT',
    ],
  ] as const)("skips %s for a card outside the check's card scope", ([check, facts, reason]) => {
    expect(skipReason(check, card(facts), target('3.6.0'))).toBe(reason);
  });

  it.for([
    ['asymmetric.divergence', { asymmetric: true }],
    ['asymmetric.content-type-on-symmetric', { asymmetric: false }],
    ['artifact.onnx-io', { format: 'ONNX' }],
    ['artifact.onnx-goldens', { format: 'ONNX', reference: {} }],
  ] as const)('runs %s for a card inside its card scope', ([check, facts]) => {
    expect(skipReason(check, card(facts), target('3.6.0'))).toBeUndefined();
  });

  it('skips predicting checks for an asymmetric card before 2.14 (no content_type yet)', () => {
    expect(skipReason('lifecycle.embedding', card({ asymmetric: true }), target('2.13.0'))).toBe(
      'predicting asymmetric c needs parameters.content_type, parsed from OpenSearch 2.14.0 (ml-commons PR #2318); ' +
        'native 2.13.0 is 2.13.0 (checked by asymmetric.unusable-before-2.14)',
    );
    expect(skipReason('lifecycle.embedding', card({ asymmetric: true }), target('2.14.0'))).toBeUndefined();
    expect(skipReason('lifecycle.embedding', card({ asymmetric: false }), target('2.13.0'))).toBeUndefined();
    expect(skipReason('lifecycle.register', card({ asymmetric: true }), target('2.13.0'))).toBeUndefined();
  });

  it('names every capability the target lacks', () => {
    expect(skipReason('resilience.transient-errors', card(), target('3.6.0', { faultInjection: false }))).toBe(
      'needs a target that can inject faults (the simulator, or the fault proxy in front of a cluster not signed ' +
        'with SigV4); native 3.6.0 does not',
    );
    expect(skipReason('lifecycle.stays-deployed', card(), target('3.6.0', { syncUpJob: false }))).toBe(
      "needs a target that runs ML Commons' sync-up job (plugins.ml_commons.sync_up_job_interval_in_seconds > 0; " +
        "the native and container targets set 0, as ML Commons' ITs do); native 3.6.0 does not",
    );
    expect(skipReason('integrity.url-disabled', card(), target('3.6.0', { clusterSettingsWritable: false }))).toBe(
      'needs a target that may change cluster settings (native/container, or external with ' +
        'OPENSEARCH_ALLOW_SETTINGS_CHANGES=true); native 3.6.0 does not',
    );
    expect(skipReason('resilience.transient-errors', card(), target('3.6.0'))).toBeUndefined();
  });

  it('skips a check that registers by a path the target cannot use, with the target’s reason', () => {
    const uploadOnly: AvailableTarget = {
      ...target('3.6.0'),
      registration: {
        via: 'upload',
        why: 'auto',
        url: { usable: false, reason: 'plugins.ml_commons.allow_registering_model_via_url is false' },
        upload: { usable: true, why: 'allow_registering_model_via_local_file is true' },
      },
    };
    expect(skipReason('integrity.wrong-hash', card(), uploadOnly)).toBe(
      'needs URL registration, which cannot work on native 3.6.0: plugins.ml_commons.allow_registering_model_via_url is false',
    );
    // URL disabled is exactly what integrity.url-disabled provokes: it only needs the settings.
    expect(skipReason('integrity.url-disabled', card(), uploadOnly)).toBeUndefined();
    expect(skipReason('lifecycle.register', card(), uploadOnly)).toBeUndefined();
    const urlOnly: AvailableTarget = {
      ...uploadOnly,
      registration: {
        ...uploadOnly.registration,
        url: { usable: true, why: 'x' },
        upload: { usable: false, reason: 'off' },
      },
    };
    expect(skipReason('upload.register', card(), urlOnly)).toBe(
      'needs chunked upload (_register_meta + upload_chunk), which cannot work on native 3.6.0: off',
    );
    expect(skipReason('integrity.wrong-hash', card(), urlOnly)).toBeUndefined();
  });

  it('skips arbitrary texts on TorchScript where the target only answers the golden probes', () => {
    const torch = card({ format: 'TORCH_SCRIPT', asymmetric: true });
    expect(skipReason('asymmetric.prefix-equivalence', torch, target('3.6.0', { torchScript: false }))).toBe(
      "sends texts other than the card's probes to a TorchScript model; native 3.6.0 only answers the card's golden probe texts",
    );
    expect(skipReason('asymmetric.prefix-equivalence', torch, target('3.6.0'))).toBeUndefined();
    expect(
      skipReason('asymmetric.prefix-equivalence', card({ asymmetric: true }), target('3.6.0', { torchScript: false })),
    ).toBeUndefined();
  });

  it("skips neural checks with the target's pre-flight reason, and only those", () => {
    const without = target(
      '3.6.0',
      {},
      { engine: 'lucene', unavailable: 'the k-NN plugin (opensearch-knn) is not installed' },
    );
    expect(skipReason('neural.pipeline', card(), without)).toBe('the k-NN plugin (opensearch-knn) is not installed');
    expect(skipReason('neural.ingest', card(), without)).toBe('the k-NN plugin (opensearch-knn) is not installed');
    expect(skipReason('lifecycle.register', card(), without)).toBeUndefined();
    expect(skipReason('neural.pipeline', card(), target('3.6.0'))).toBeUndefined();
  });

  it('skips checks where neural-search embeds with an asymmetric model before 3.5, and runs the gate check there', () => {
    const asym = card({ asymmetric: true });
    expect(skipReason('neural.ingest', asym, target('3.4.0'))).toBe(
      'neural-search passes a content type to asymmetric c from OpenSearch 3.5.0 (neural-search PR #1605); ' +
        'native 3.4.0 is 3.4.0 (checked by neural.asymmetric-ingest-before-3.5)',
    );
    expect(skipReason('neural.ingest', asym, target('3.5.0'))).toBeUndefined();
    expect(skipReason('neural.ingest', card(), target('2.19.6'))).toBeUndefined();
    expect(skipReason('neural.pipeline', asym, target('2.19.6'))).toBeUndefined();
    expect(skipReason('neural.asymmetric-ingest-before-3.5', asym, target('2.19.6'))).toBeUndefined();
    expect(skipReason('neural.asymmetric-ingest-before-3.5', asym, target('3.6.0'))).toMatch(
      /^needs OpenSearch >=2\.13\.0 <3\.5\.0 \(neural-search passes/,
    );
    expect(skipReason('neural.asymmetric-ingest-before-3.5', card(), target('2.19.6'))).toMatch(/asymmetric/);
  });

  it('gives the first reason in order: target, card range, check range, card scope, predict, capability, text', () => {
    const everything = target('2.13.0', { faultInjection: false, torchScript: false });
    const torch = card({ format: 'TORCH_SCRIPT', opensearch: '>=2.14.0' });
    expect(skipReason('asymmetric.prefix-equivalence', torch, everything)).toMatch(/^card c applies to/);
    expect(skipReason('asymmetric.prefix-equivalence', card({ format: 'TORCH_SCRIPT' }), everything)).toMatch(
      /^needs OpenSearch >=2\.14\.0/,
    );
  });

  it('runs card-scoped and predicting checks with no card, without reading card facts', () => {
    // Checks that need no model (the API checks) pass no card: no card fact may be read then.
    expect(skipReason('asymmetric.divergence', undefined, target('3.6.0'))).toBeUndefined();
    expect(skipReason('lifecycle.embedding', undefined, target('2.13.0'))).toBeUndefined();
    expect(skipReason('neural.ingest', undefined, target('3.4.0'))).toBeUndefined();
    expect(
      skipReason('asymmetric.prefix-equivalence', undefined, target('3.6.0', { torchScript: false })),
    ).toBeUndefined();
  });

  it('asks for TorchScript inference only of checks that send arbitrary texts', () => {
    const torch = card({ format: 'TORCH_SCRIPT' });
    expect(skipReason('lifecycle.embedding', torch, target('3.6.0', { torchScript: false }))).toBeUndefined();
  });

  it('reads a version that is no version as none, without throwing', () => {
    expect(skipReason('lifecycle.register', card(), target('unknown'))).toBe(
      'card c applies to OpenSearch >=2.11.0; native unknown is unknown',
    );
  });

  it('asks the drift plan for checks that compare runs', () => {
    const config = parseRunConfig({ OPENSEARCH_VERSIONS: '3.6.0' });
    expect(skipReason('drift.embedding', card(), target('3.6.0'), config)).toMatch(/^no baseline to compare with/);
    expect(
      skipReason('drift.embedding', card(), target('3.6.0'), parseRunConfig({ OMLC_BASELINE: '/b.json' })),
    ).toBeUndefined();
    expect(skipReason('drift.cross-version', card(), target('3.6.0'), parseRunConfig({}))).toBeUndefined();
    // Card and version gates still come first.
    expect(skipReason('drift.record', card({ opensearch: '>=3.0.0' }), target('2.19.6'), parseRunConfig({}))).toMatch(
      /^card c applies to OpenSearch >=3\.0\.0/,
    );
  });
});
