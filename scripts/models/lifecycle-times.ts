/**
 * Register / deploy / predict times per card and live project, read from a run's conformance.json — the table the
 * README keeps for the real-model cards. Run it after a lifecycle run on a quiet machine (other work on 2 cores
 * doubles these numbers):
 *
 *   flock /tmp/omlc-live.lock env ML_TARGET=native OPENSEARCH_VERSIONS=2.19.6,3.6.0 \
 *     ML_CARDS=minilm-l6-onnx,minilm-l6-torchscript npx vitest run --project 'live:*' suites/lifecycle.spec.ts
 *   npx node scripts/models/lifecycle-times.ts reports/conformance.json
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const timing = z.object({ phase: z.string(), wallMs: z.number(), serverMs: z.number().optional() });
const report = z.object({
  cases: z.array(
    z.object({
      project: z.string(),
      meta: z.object({ suite: z.string(), check: z.string(), card: z.string(), timings: z.array(timing).optional() }),
    }),
  ),
});

type Timing = z.infer<typeof timing>;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const seconds = (t: Timing | undefined): string =>
  t === undefined
    ? '—'
    : `${(t.wallMs / 1000).toFixed(1)} s${t.serverMs === undefined ? '' : ` (${(t.serverMs / 1000).toFixed(1)} s)`}`;

const file = process.argv[2] ?? 'reports/conformance.json';
const { cases } = report.parse(JSON.parse(readFileSync(file, 'utf8')));
const rows = new Map<string, { register?: Timing; deploy?: Timing; predicts: number[] }>();
for (const { project, meta } of cases) {
  if (!project.startsWith('live') || meta.suite !== 'lifecycle') {
    continue;
  }
  const key = `${meta.card}\t${project}`;
  const row = rows.get(key) ?? { predicts: [] };
  for (const t of meta.timings ?? []) {
    if (t.phase === 'register-model') {
      row.register = t;
    } else if (t.phase === 'deploy') {
      row.deploy = t;
    } else if (t.phase === 'predict' && ['lifecycle.embedding', 'lifecycle.reference'].includes(meta.check)) {
      row.predicts.push(t.wallMs);
    }
  }
  rows.set(key, row);
}
console.log('| card | project | register | deploy | predict (one text, median / max) |');
console.log('| --- | --- | --- | --- | --- |');
for (const [key, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
  const [card, project] = key.split('\t');
  const predict =
    row.predicts.length === 0
      ? '—'
      : `${Math.round(median(row.predicts))} ms / ${Math.max(...row.predicts)} ms (n=${row.predicts.length})`;
  console.log(`| \`${card}\` | ${project} | ${seconds(row.register)} | ${seconds(row.deploy)} | ${predict} |`);
}
