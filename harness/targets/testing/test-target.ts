/**
 * The `AvailableTarget` unit tests hand to the code under test. Every test builds its target here, so a field added
 * to AvailableTarget is given a default once instead of in every test file.
 */
import type { AvailableTarget, TargetCapabilities } from '../target-info.ts';

/** Any field of the target; capabilities are merged over the defaults, so a test names only what it varies. */
export type TestTargetOverrides = Partial<Omit<AvailableTarget, 'available' | 'capabilities'>> & {
  readonly capabilities?: Partial<TargetCapabilities>;
};

const CAPABILITIES: TargetCapabilities = {
  torchScript: true,
  realInference: true,
  faultInjection: false,
  clusterSettingsWritable: true,
  syncUpJob: false,
};

/**
 * A 3.6.0 simulator that may change settings, with both registration paths usable and lucene for the neural checks.
 * The label defaults to `<kind> <version>`, as the real targets' labels read. Nothing listens on port 9 of the
 * loopback, so a test that sends a request it did not mean to fails at once instead of reaching a cluster.
 */
export function testTarget(overrides: TestTargetOverrides = {}): AvailableTarget {
  const { capabilities, ...fields } = overrides;
  const kind = fields.kind ?? 'simulator';
  const version = fields.version ?? '3.6.0';
  return {
    available: true,
    kind,
    label: `${kind} ${version}`,
    why: 'test',
    connection: { baseUrl: 'http://127.0.0.1:9' },
    artifactBaseUrl: 'http://127.0.0.1:9',
    version,
    distribution: 'opensearch',
    neural: { engine: 'lucene' },
    registration: {
      via: 'url',
      why: 'test',
      url: { usable: true, why: 'test' },
      upload: { usable: true, why: 'test' },
    },
    ...fields,
    capabilities: { ...CAPABILITIES, ...capabilities },
  };
}
