/**
 * One problem `validate` (and the card load of every run) finds in a card, in the card error format
 * `<file>: <field path>: <reason>`. Errors stop a run before any cluster call; warnings are printed and do not.
 */
import type { CardIssue } from '../models/card-error.ts';

export type FindingSeverity = 'error' | 'warning';

export interface Finding extends CardIssue {
  readonly severity: FindingSeverity;
}

export function formatFinding(finding: Finding): string {
  const prefix = finding.severity === 'warning' ? 'warning: ' : '';
  return `${prefix}${finding.file}: ${finding.path}: ${finding.reason}`;
}

export function findingCollector(file: string): {
  readonly findings: Finding[];
  error(path: string, reason: string): void;
  warning(path: string, reason: string): void;
} {
  const findings: Finding[] = [];
  return {
    findings,
    error: (path, reason) => findings.push({ file, path, reason, severity: 'error' }),
    warning: (path, reason) => findings.push({ file, path, reason, severity: 'warning' }),
  };
}
