/**
 * A validated, resolved model card: what suites use. Paths are absolute, the artifact digest is known, the
 * reference vectors are parsed and checked against the probes.
 */
import type { CardArtifact } from '../artifacts/artifact-source.ts';
import type { ModelFormat } from '../artifacts/model-format.ts';
import type { DriftTolerance } from '../drift/tolerance.ts';
import type { ModelConfig } from './model-config-schema.ts';

export type { ModelConfig };

export interface Tolerance {
  readonly minCosine: number;
  readonly rtol: number;
  readonly atol: number;
}

export interface CardExpectations {
  readonly dimension: number;
  readonly dtype: 'FLOAT32' | 'FLOAT16' | 'FLOAT64';
  readonly normalized: boolean;
  readonly asymmetric: boolean;
  /** Asymmetric cards only: cosine(query(T), passage(T)) must be below this. */
  readonly divergenceMaxCosine?: number;
  /** Semver range of OpenSearch versions the card applies to. */
  readonly opensearch: string;
  readonly tolerance: Tolerance;
  /** Allowed drift between runs (baseline, versions, upgrade): the card's `expectations.drift` over the defaults. */
  readonly drift: DriftTolerance;
}

export interface Probe {
  readonly id: string;
  readonly text: string;
  readonly exceedsMaxLength: boolean;
}

export type VectorsByProbe = Readonly<Record<string, readonly number[]>>;

export interface ReferenceEmbeddings {
  /** Absolute path of `reference.json`. */
  readonly path: string;
  readonly generator?: string;
  /** `plain` for symmetric cards; `query` and `passage` (prefixes applied) for asymmetric ones. */
  readonly plain?: VectorsByProbe;
  readonly query?: VectorsByProbe;
  readonly passage?: VectorsByProbe;
}

export interface ModelCard {
  /** Folder name; stable case-id prefix. */
  readonly id: string;
  /** Absolute path of the card folder. */
  readonly dir: string;
  /** Repo-relative path of `card.yaml`, for messages. */
  readonly file: string;
  readonly name: string;
  readonly version: string;
  readonly description: string;
  readonly format: ModelFormat;
  readonly artifact: CardArtifact;
  /** Exactly what is sent as `model_config` when registering. */
  readonly modelConfig: ModelConfig;
  readonly expectations: CardExpectations;
  readonly probes: readonly Probe[];
  readonly reference?: ReferenceEmbeddings;
  /**
   * Why the card cannot run here (a prepared model that is missing or could not be made); every check skips with
   * it. Its artifact then names a zip that does not exist.
   */
  readonly unavailable?: string;
}
