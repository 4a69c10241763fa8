/**
 * Checks that passed in the baseline and do not pass now. They already fail (or are skipped) in this run; the drift
 * report lists them separately so a reader sees what the upgrade broke, not what was broken before.
 */
import type { BaselineCheck } from './baseline-schema.ts';

export interface CheckVerdict {
  readonly suite: string;
  readonly card: string;
  readonly check: string;
  readonly variant?: string;
  readonly status: 'passed' | 'failed' | 'skipped' | 'pending';
  readonly message?: string;
}

export interface VerdictRegression {
  readonly key: string;
  readonly was: 'passed';
  readonly now: CheckVerdict['status'];
  readonly message?: string;
}

export function verdictKey(verdict: Pick<CheckVerdict, 'suite' | 'card' | 'check' | 'variant'>): string {
  const parts = [verdict.suite, verdict.card, verdict.check];
  if (verdict.variant !== undefined) {
    parts.push(verdict.variant);
  }
  return parts.join(':');
}

/** Only failures count: a check skipped now (e.g. filtered, or a target without TorchScript) is not a regression. */
export function verdictRegressions(
  baseline: readonly BaselineCheck[],
  now: readonly CheckVerdict[],
): VerdictRegression[] {
  const current = new Map(now.map((verdict) => [verdictKey(verdict), verdict]));
  return baseline
    .filter((check) => check.status === 'passed')
    .flatMap((check): VerdictRegression[] => {
      const key = verdictKey(check);
      const verdict = current.get(key);
      if (verdict === undefined || (verdict.status !== 'failed' && verdict.status !== 'pending')) {
        return [];
      }
      const base = { key, was: 'passed' as const, now: verdict.status };
      return [verdict.message === undefined ? base : { ...base, message: verdict.message }];
    })
    .sort((a, b) => a.key.localeCompare(b.key));
}
