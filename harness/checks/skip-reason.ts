/**
 * The one place that decides whether a check can run for a card on a target. Returns the reason to skip, shown in
 * every report, or undefined when the check runs.
 */
import semver from 'semver';
import { runConfig, type RunConfig } from '../config/run-config.ts';
import { driftPlan, driftSkipReason } from '../drift/drift-plan.ts';
import type { ProvidedTarget, TargetCapabilities } from '../targets/target-info.ts';
import {
  ASYMMETRIC_INGEST_SINCE,
  ASYMMETRIC_PREDICT_SINCE,
  type CardScope,
  type CheckRequirement,
} from './catalog/check-requirement.ts';
import { CHECKS, type CheckId } from './catalog/index.ts';

/** The parts of a model card this decision depends on. */
export interface CardFacts {
  readonly id: string;
  readonly format: 'ONNX' | 'TORCH_SCRIPT';
  readonly expectations: { readonly opensearch: string; readonly asymmetric: boolean };
  /** Set when the card's model is not there (e.g. a prepared real model that could not be fetched). */
  readonly unavailable?: string;
  /** The card's golden vectors, when it has a reference.json. */
  readonly reference?: unknown;
}

const CAPABILITY_TEXT: Record<keyof TargetCapabilities, string> = {
  torchScript: 'runs TorchScript models',
  realInference: 'computes embeddings with a real inference engine',
  faultInjection: 'can inject faults (the simulator, or the fault proxy in front of a cluster not signed with SigV4)',
  syncUpJob:
    "runs ML Commons' sync-up job (plugins.ml_commons.sync_up_job_interval_in_seconds > 0; the native and container targets set 0, as ML Commons' ITs do)",
  clusterSettingsWritable:
    'may change cluster settings (native/container, or external with OPENSEARCH_ALLOW_SETTINGS_CHANGES=true)',
};

function cardScopeReason(scope: CardScope, card: CardFacts): string | undefined {
  switch (scope) {
    case 'any':
      return undefined;
    case 'asymmetric':
      return card.expectations.asymmetric ? undefined : 'applies to asymmetric (query/passage) models only';
    case 'symmetric':
      return card.expectations.asymmetric ? 'applies to symmetric models only' : undefined;
    case 'onnx':
      return card.format === 'ONNX' ? undefined : 'applies to ONNX models only';
    case 'onnx-goldens':
      return card.format === 'ONNX' && card.reference !== undefined
        ? undefined
        : 'applies to ONNX models with a reference.json only';
  }
}

function coerced(version: string): string {
  return semver.coerce(version)?.version ?? version;
}

export function skipReason(
  checkId: CheckId,
  card: CardFacts | undefined,
  target: ProvidedTarget,
  config: RunConfig = runConfig(),
): string | undefined {
  if (card?.unavailable !== undefined) {
    return `card ${card.id} cannot run: ${card.unavailable}`;
  }
  if (!target.available) {
    return target.reason;
  }
  const version = coerced(target.version);
  const check: CheckRequirement = CHECKS[checkId];
  if (card !== undefined && !semver.satisfies(version, card.expectations.opensearch)) {
    return `card ${card.id} applies to OpenSearch ${card.expectations.opensearch}; ${target.label} is ${version}`;
  }
  if (check.opensearch !== undefined && !semver.satisfies(version, check.opensearch.range)) {
    return `needs OpenSearch ${check.opensearch.range} (${check.opensearch.why}); ${target.label} is ${version}`;
  }
  if (card !== undefined) {
    const scope = cardScopeReason(check.cards ?? 'any', card);
    if (scope !== undefined) {
      return `${scope}; ${card.id} is ${card.expectations.asymmetric ? 'asymmetric' : 'symmetric'} ${card.format}`;
    }
  }
  if (
    check.predicts === true &&
    card?.expectations.asymmetric === true &&
    semver.lt(version, ASYMMETRIC_PREDICT_SINCE)
  ) {
    return `predicting asymmetric ${card.id} needs parameters.content_type, parsed from OpenSearch ${ASYMMETRIC_PREDICT_SINCE} (ml-commons PR #2318); ${target.label} is ${version} (checked by asymmetric.unusable-before-2.14)`;
  }
  if (check.neuralSearch === true && target.neural.unavailable !== undefined) {
    return target.neural.unavailable;
  }
  if (
    check.neuralEmbeds === true &&
    card?.expectations.asymmetric === true &&
    semver.lt(version, ASYMMETRIC_INGEST_SINCE)
  ) {
    return `neural-search passes a content type to asymmetric ${card.id} from OpenSearch ${ASYMMETRIC_INGEST_SINCE} (neural-search PR #1605); ${target.label} is ${version} (checked by neural.asymmetric-ingest-before-3.5)`;
  }
  if (check.registers !== undefined) {
    const path = target.registration[check.registers];
    if (!path.usable) {
      const name = check.registers === 'url' ? 'URL registration' : 'chunked upload (_register_meta + upload_chunk)';
      return `needs ${name}, which cannot work on ${target.label}: ${path.reason}`;
    }
  }
  const missing = (check.capabilities ?? []).filter((capability) => !target.capabilities[capability]);
  if (missing.length > 0) {
    return `needs a target that ${missing.map((m) => CAPABILITY_TEXT[m]).join(' and ')}; ${target.label} does not`;
  }
  if (check.arbitraryText === true && card?.format === 'TORCH_SCRIPT' && !target.capabilities.torchScript) {
    return `sends texts other than the card's probes to a TorchScript model; ${target.label} only answers the card's golden probe texts`;
  }
  return check.drift === undefined ? undefined : driftSkipReason(check.drift, target, driftPlan(config));
}
