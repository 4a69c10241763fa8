/**
 * The one place that decides whether a check can run for a card on a target. Returns the reason to skip, shown in
 * every report, or undefined when the check runs.
 */
import semver from 'semver';
import type { ProvidedTarget, TargetCapabilities } from '../targets/target-info.ts';
import { ASYMMETRIC_PREDICT_SINCE, type CardScope, type CheckRequirement } from './catalog/check-requirement.ts';
import { CHECKS, type CheckId } from './catalog/index.ts';

/** The parts of a model card this decision depends on. */
export interface CardFacts {
  readonly id: string;
  readonly format: 'ONNX' | 'TORCH_SCRIPT';
  readonly expectations: { readonly opensearch: string; readonly asymmetric: boolean };
}

const CAPABILITY_TEXT: Record<keyof TargetCapabilities, string> = {
  torchScript: 'runs TorchScript models',
  realInference: 'computes embeddings with a real inference engine',
  faultInjection: 'can inject faults (simulator only)',
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
  }
}

function coerced(version: string): string {
  return semver.coerce(version)?.version ?? version;
}

export function skipReason(checkId: CheckId, card: CardFacts | undefined, target: ProvidedTarget): string | undefined {
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
  return undefined;
}
