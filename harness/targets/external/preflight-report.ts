/** Wording of pre-flight results: log lines for warnings and notes, and the error that fails the start. */
import { ExternalTargetError } from './external-error.ts';
import type { Finding } from './preflight.ts';
import type { AppliedChange } from './settings-changes.ts';

export function formatFinding(finding: Finding): string {
  const subject = finding.setting === undefined ? '' : `${finding.setting} `;
  return `${finding.severity}: ${subject}${finding.problem}\n    fix: ${finding.fix}`;
}

function subjectOf(finding: Finding): string {
  return finding.setting ?? 'artifact server';
}

/**
 * Said when both registration paths are blocked: ML Commons' defaults turn off URL registration *and* chunked upload,
 * so a cluster left at its defaults cannot register a custom model until one setting changes (upload-facts, README).
 */
const NEITHER_PATH =
  'no registration path is allowed: URL registration and chunked upload are both off (ML Commons’ defaults), so no ' +
  'custom model can be registered without changing one setting — turn on ' +
  'plugins.ml_commons.allow_registering_model_via_local_file (upload; no network path to this machine needed) or ' +
  'allow_registering_model_via_url on the cluster, or set OPENSEARCH_ALLOW_SETTINGS_CHANGES=true to let the harness ' +
  'turn on local-file registration for the run (restored at the end)';

/**
 * The first line is what each live check fails with, so it names every problem; the rest carries problem + fix.
 * `neither`: both registration paths are blocked, which the first line then says in so many words.
 */
export function preflightError(
  url: string,
  blocking: readonly Finding[],
  allowChanges: boolean,
  neither = false,
): ExternalTargetError {
  const unfixable = blocking.filter((f) => f.change === undefined);
  let advice: string;
  if (neither && !allowChanges) {
    advice = NEITHER_PATH;
  } else if (unfixable.length > 0) {
    advice = `fix ${unfixable.map(subjectOf).join(', ')} first (no cluster setting can)`;
  } else if (allowChanges) {
    advice = 'they were still there after the harness changed the settings';
  } else {
    advice =
      'fix them on the cluster, or set OPENSEARCH_ALLOW_SETTINGS_CHANGES=true to let the harness set them for the run ' +
      '(restored at the end)';
  }
  const names = blocking.map(subjectOf).join(', ');
  const head = `pre-flight of ${url}: ${blocking.length} problem(s) would make the live checks fail (${names}); ${advice}`;
  return new ExternalTargetError('preflight', [head, ...blocking.map((f) => `  - ${formatFinding(f)}`)].join('\n'));
}

export function formatChanges(changes: readonly AppliedChange[]): string {
  return changes
    .map((c) => `${c.scope} ${c.setting}: ${JSON.stringify(c.previous)} → ${JSON.stringify(c.value)}`)
    .join('; ');
}
