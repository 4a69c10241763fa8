/**
 * Every conformance check the suites run, with what it needs from the card and the target. The skip-reason
 * function reads this table; suites never test versions or capabilities themselves.
 */
import type { TargetCapabilities } from '../targets/target-info.ts';

export type CardScope = 'any' | 'asymmetric' | 'symmetric' | 'onnx';

export interface CheckRequirement {
  readonly title: string;
  /** OpenSearch versions where the behaviour under test exists (semver range), with the reason in `versionWhy`. */
  readonly opensearch?: string;
  readonly versionWhy?: string;
  readonly cards?: CardScope;
  readonly capabilities?: readonly (keyof TargetCapabilities)[];
  /** Sends texts other than the card's probes, so the target must really run the model's format. */
  readonly arbitraryText?: boolean;
  /** Predicts with the card's model: an asymmetric card then needs `parameters.content_type` (2.14+). */
  readonly predicts?: boolean;
}

/** Where asymmetric predict (content_type) starts working; see ml-commons-behavior.md §6. */
export const ASYMMETRIC_PREDICT_SINCE = '2.14.0';

const ASYM_WHY = 'predict `parameters.content_type` is parsed from 2.14 (ml-commons PR #2318)';

export const CHECKS = {
  'artifact.zip-layout': {
    title: 'the zip passes ML Commons’ layout rules (one model file, tokenizer.json at the root, no executables)',
  },
  'artifact.onnx-io': {
    title: 'the ONNX inputs match what ML Commons sends and the output dimension matches embedding_dimension',
    cards: 'onnx',
  },
  'setup.register': { title: 'setup: register the model under test' },
  'setup.deploy': { title: 'setup: register and deploy the model under test' },
  'setup.deploy-unprefixed': { title: 'setup: register and deploy the same artifact without prefixes' },
  'lifecycle.register': { title: 'register task completes and the model is REGISTERED' },
  'lifecycle.deploy': { title: 'deploy task completes and the model is DEPLOYED' },
  'lifecycle.embedding': { title: 'probe embedding has the declared shape, dtype and norm', predicts: true },
  'lifecycle.reference': { title: 'probe embedding matches the reference', predicts: true },
  'lifecycle.deterministic': { title: 'the same text twice gives the same vector', predicts: true },
  'lifecycle.batch': { title: 'a batch equals one-by-one predictions', predicts: true },
  'lifecycle.endpoints': { title: 'both predict endpoints agree', predicts: true },
  'lifecycle.long-input': { title: 'a probe longer than model_max_length is embedded (truncated)', predicts: true },
  'lifecycle.undeploy': { title: 'undeploy leaves the model UNDEPLOYED' },
  'lifecycle.delete': { title: 'deleted model and group are gone (404)' },
  'integrity.wrong-hash': { title: 'a wrong SHA-256 fails the register task and leaves nothing behind' },
  'integrity.missing-hash': { title: 'a missing SHA-256 fails the register task with its versioned text' },
  'integrity.negative-artifact': { title: 'a malformed zip fails the register task with ML Commons’ error' },
  'integrity.url-disabled': {
    title: 'URL registration disabled → 400',
    capabilities: ['clusterSettingsWritable'],
  },
  'integrity.untrusted-url': {
    title: 'URL outside trusted_url_regex → 400',
    capabilities: ['clusterSettingsWritable'],
  },
  'asymmetric.divergence': {
    title: 'query and passage embeddings diverge',
    opensearch: '>=2.14.0',
    versionWhy: ASYM_WHY,
    cards: 'asymmetric',
  },
  'asymmetric.prefix-equivalence': {
    title: 'asymmetric(query, T) equals the unprefixed model on "query: " + T',
    opensearch: '>=2.14.0',
    versionWhy: ASYM_WHY,
    cards: 'asymmetric',
    arbitraryText: true,
  },
  'asymmetric.content-type-required': {
    title: 'predict without content_type on an asymmetric model fails',
    opensearch: '>=2.13.0',
    versionWhy: 'query_prefix/passage_prefix exist from 2.13 (ml-commons PR #2123); older versions ignore them',
    cards: 'asymmetric',
  },
  'asymmetric.unusable-before-2.14': {
    title: 'on 2.13 an asymmetric model refuses every predict (parameters are ignored)',
    opensearch: '>=2.13.0 <2.14.0',
    versionWhy: 'documented 2.13 behaviour: TextDocsMLInput ignores `parameters` (ml-commons issue #2317)',
    cards: 'asymmetric',
  },
  'asymmetric.content-type-on-symmetric': {
    title: 'content_type on a symmetric model fails',
    opensearch: '>=2.14.0',
    versionWhy: ASYM_WHY,
    cards: 'symmetric',
  },
  'api.predict-before-deploy': { title: 'predict before deploy → 400 with the versioned text' },
  'api.delete-deployed-model': { title: 'deleting a deployed model → 400' },
  'api.delete-group-with-models': { title: 'deleting a group that has models → 409 (500 before 2.19)' },
  'api.unknown-ids': { title: 'unknown model, task and group ids → 404' },
  'api.delete-unknown-group': {
    title: 'deleting an unknown group id → 200 with result not_found',
    opensearch: '>=2.19.0',
    versionWhy: 'recorded on 2.19.6 and 3.6.0; no recording of older versions',
  },
  'api.empty-text-docs': { title: 'empty text_docs → 400' },
  'api.duplicate-group-name': { title: 'a duplicate model group name → 400' },
  'cleanup.full-lifecycle': {
    title: 'a complete lifecycle leaves no ledger entries and no model behind',
    predicts: true,
  },
  'cleanup.audit': { title: 'the leak audit finds nothing with this run id' },
  'resilience.transient-errors': {
    title: 'the harness rides out 429/503 bursts while polling',
    capabilities: ['faultInjection'],
  },
  'resilience.deploy-failure-cleanup': {
    title: 'a FAILED deploy is reported with the node error and cleaned up',
    capabilities: ['faultInjection'],
  },
} as const satisfies Record<string, CheckRequirement>;

export type CheckId = keyof typeof CHECKS;
