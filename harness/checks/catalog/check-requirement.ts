/**
 * What one conformance check is and what it needs from the card and the target. Each suite's catalog file lists its
 * checks with these; the skip-reason function reads them, so suites never test versions or capabilities themselves.
 */
import type { RegistrationPath, TargetCapabilities } from '../../targets/target-info.ts';

export type CardScope = 'any' | 'asymmetric' | 'symmetric' | 'onnx';

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
  /**
   * Registers by this path whatever the target's own choice (integrity.* tests URL registration, upload.* the
   * chunked upload), so the path must work on the target.
   */
  readonly registers?: RegistrationPath;
}

/** One suite's checks: the spec file they run in and the checks keyed by id (`<suite>.<name>`). */
export interface SuiteCatalog<Id extends string = string> {
  /** `suites/<file>`, or `(several suites)` for shared setup steps. */
  readonly file: string;
  readonly checks: Readonly<Record<Id, CheckRequirement>>;
}

/** Where asymmetric predict (content_type) starts working; see ml-commons-behavior.md §6. */
export const ASYMMETRIC_PREDICT_SINCE = '2.14.0';
