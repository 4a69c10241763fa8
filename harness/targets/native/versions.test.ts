import { describe, expect, it } from 'vitest';
import { isNativeTargetError } from './errors.ts';
import { artifactFileName, artifactsFor, atLeast, coordinate, lineFor, parseVersion } from './versions.ts';

describe('artifactsFor', () => {
  it('lists 2.19.6 coordinates, ML Commons first so a missing version fails before big downloads', () => {
    expect(artifactsFor('2.19.6').map(coordinate)).toEqual([
      'org.opensearch.plugin:opensearch-ml-plugin:2.19.6.0:zip',
      'org.opensearch.plugin:opensearch-job-scheduler:2.19.6.0:zip',
      'org.opensearch.plugin:opensearch-knn:2.19.6.0:zip',
      'org.opensearch.plugin:neural-search:2.19.6.0:zip',
      'org.opensearch.distribution.integ-test-zip:opensearch:2.19.6:zip',
      'ai.djl.pytorch:pytorch-native-cpu:1.13.1:jar:linux-x86_64',
      'ai.djl.pytorch:pytorch-jni:1.13.1-0.21.0:jar',
    ]);
  });

  it('uses PyTorch 2.5.1 and the 0.32.0 JNI for 3.x', () => {
    expect(artifactsFor('3.6.0').map(coordinate).slice(5)).toEqual([
      'ai.djl.pytorch:pytorch-native-cpu:2.5.1:jar:linux-x86_64',
      'ai.djl.pytorch:pytorch-jni:2.5.1-0.32.0:jar',
    ]);
  });

  it('names files the way dependency:copy writes them', () => {
    expect(artifactsFor('3.6.0').map(artifactFileName)).toEqual([
      'opensearch-ml-plugin-3.6.0.0.zip',
      'opensearch-job-scheduler-3.6.0.0.zip',
      'opensearch-knn-3.6.0.0.zip',
      'neural-search-3.6.0.0.zip',
      'opensearch-3.6.0.zip',
      'pytorch-native-cpu-2.5.1-linux-x86_64.jar',
      'pytorch-jni-2.5.1-0.32.0.jar',
    ]);
  });
});

describe('lineFor', () => {
  it.for([
    ['2.19.1', '2.19', true],
    ['2.19.6', '2.19', true],
    ['3.0.0', '3.x', false],
    ['3.6.0', '3.x', false],
  ] as const)('%s → line %s (shim %s)', ([version, id, shim]) => {
    const line = lineFor(version);
    expect(line.id).toBe(id);
    expect(line.needsCompatShim).toBe(shim);
  });

  it('2.x must stay below JDK 24, 3.x needs 21+', () => {
    expect(lineFor('2.19.6').java).toEqual({ min: 11, max: 23 });
    expect(lineFor('3.6.0').java.min).toBe(21);
  });

  it.for(['2.18.0', '2.11.1', '1.3.0', '4.0.0'])('rejects %s naming the supported lines and known versions', (v) => {
    let caught: unknown;
    try {
      lineFor(v);
    } catch (error) {
      caught = error;
    }
    expect(isNativeTargetError(caught, 'unsupported-version')).toBe(true);
    expect((caught as Error).message).toContain(`OpenSearch ${v} is not supported`);
    expect((caught as Error).message).toContain('2.19.6, 3.6.0 (tested)');
  });

  it('rejects malformed versions', () => {
    expect(() => parseVersion('3.6')).toThrow(/not an OpenSearch release version/);
    expect(() => parseVersion('latest')).toThrow(/known to work/);
  });
});

describe('atLeast', () => {
  it('compares numerically, not as strings', () => {
    expect(atLeast('2.16.0', '2.16.0')).toBe(true);
    expect(atLeast('2.9.0', '2.16.0')).toBe(false);
    expect(atLeast('3.0.0', '2.16.0')).toBe(true);
  });
});
