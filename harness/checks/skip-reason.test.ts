import { describe, expect, it } from 'vitest';
import type { AvailableTarget, TargetCapabilities } from '../targets/target-info.ts';
import { skipReason, type CardFacts } from './skip-reason.ts';

const ALL: TargetCapabilities = {
  torchScript: true,
  realInference: true,
  faultInjection: true,
  clusterSettingsWritable: true,
};

function target(version: string, capabilities: Partial<TargetCapabilities> = {}): AvailableTarget {
  return {
    available: true,
    kind: 'native',
    label: `native ${version}`,
    why: 'test',
    connection: { baseUrl: 'http://127.0.0.1:9200' },
    artifactBaseUrl: 'http://127.0.0.1:9',
    version,
    distribution: 'opensearch',
    capabilities: { ...ALL, ...capabilities },
    registration: {
      via: 'url',
      why: 'test',
      url: { usable: true, why: 'test' },
      upload: { usable: true, why: 'test' },
    },
  };
}

function card(overrides: { format?: CardFacts['format']; asymmetric?: boolean; opensearch?: string } = {}): CardFacts {
  return {
    id: 'c',
    format: overrides.format ?? 'ONNX',
    expectations: { opensearch: overrides.opensearch ?? '>=2.11.0', asymmetric: overrides.asymmetric ?? false },
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
  ] as const)("skips %s for a card outside the check's card scope", ([check, facts, reason]) => {
    expect(skipReason(check, card(facts), target('3.6.0'))).toBe(reason);
  });

  it.for([
    ['asymmetric.divergence', { asymmetric: true }],
    ['asymmetric.content-type-on-symmetric', { asymmetric: false }],
    ['artifact.onnx-io', { format: 'ONNX' }],
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
      'needs a target that can inject faults (simulator only); native 3.6.0 does not',
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

  it('gives the first reason in order: target, card range, check range, card scope, predict, capability, text', () => {
    const everything = target('2.13.0', { faultInjection: false, torchScript: false });
    const torch = card({ format: 'TORCH_SCRIPT', opensearch: '>=2.14.0' });
    expect(skipReason('asymmetric.prefix-equivalence', torch, everything)).toMatch(/^card c applies to/);
    expect(skipReason('asymmetric.prefix-equivalence', card({ format: 'TORCH_SCRIPT' }), everything)).toMatch(
      /^needs OpenSearch >=2\.14\.0/,
    );
  });
});
