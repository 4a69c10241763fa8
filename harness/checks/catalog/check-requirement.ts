/**
 * What one conformance check is and what it needs from the card and the target. Each suite's catalog file lists its
 * checks with these; the skip-reason function reads them, so suites never test versions or capabilities themselves.
 */
import type { RegistrationPath, TargetCapabilities } from '../../targets/target-info.ts';

export type CardScope = 'any' | 'asymmetric' | 'symmetric' | 'onnx' | 'onnx-goldens';

export interface CheckRequirement {
  /** The test title (with ` [variant]` appended for a variant). */
  readonly title: string;
  /** More on what is asserted, for the README's "What is checked" table. */
  readonly detail?: string;
  /** OpenSearch versions where the behaviour under test exists (semver range), and why (shown in the skip reason). */
  readonly opensearch?: { readonly range: string; readonly why: string };
  readonly cards?: CardScope;
  readonly capabilities?: readonly (keyof TargetCapabilities)[];
  /** Sends texts other than the card's probes, so the target must really run the model's format. */
  readonly arbitraryText?: boolean;
  /** Predicts with the card's model: an asymmetric card then needs `parameters.content_type` (2.14+). */
  readonly predicts?: boolean;
  /** Which cross-run comparison the check belongs to; skipped when the run has nothing to compare with. */
  readonly drift?: DriftNeed;
  /** Needs the k-NN and neural-search plugins and a usable k-NN engine (the target's pre-flight says). */
  readonly neuralSearch?: boolean;
  /**
   * neural-search embeds with the card's model (ingest processor, neural query): an asymmetric card then needs the
   * content type neural-search passes from 3.5.0 (PR #1605).
   */
  readonly neuralEmbeds?: boolean;
  /**
   * Registers by this path whatever the target's own choice (integrity.* tests URL registration, upload.* the
   * chunked upload), so the path must work on the target.
   */
  readonly registers?: RegistrationPath;
}

/** `record`: some comparison uses this run's vectors; `baseline`: a baseline file is given; `cross-version`: 2+ live versions. */
export type DriftNeed = 'record' | 'baseline' | 'cross-version';

/** One suite's checks: the spec file they run in and the checks keyed by id (`<suite>.<name>`). */
export interface SuiteCatalog<Id extends string = string> {
  /** `suites/<file>`, or `(several suites)` for shared setup steps. */
  readonly file: string;
  readonly checks: Readonly<Record<Id, CheckRequirement>>;
}

/** Where asymmetric predict (content_type) starts working; see ml-commons-behavior.md §6. */
export const ASYMMETRIC_PREDICT_SINCE = '2.14.0';

/** Where neural-search passes PASSAGE at ingest and QUERY in the neural query (neural-search PR #1605). */
export const ASYMMETRIC_INGEST_SINCE = '3.5.0';
