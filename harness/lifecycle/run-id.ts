/**
 * Run ids: sortable by start time (so a leak audit can tell old runs from the current one) plus a random suffix so
 * two CI jobs started in the same second never share resource names.
 */
import { randomBytes } from 'node:crypto';

/** e.g. `r20261123t040512-3fa9` (UTC). */
export function newRunId(date: Date, random: () => string = () => randomBytes(2).toString('hex')): string {
  const iso = date.toISOString(); // 2026-11-23T04:05:12.345Z
  const stamp = `${iso.slice(0, 10).replaceAll('-', '')}t${iso.slice(11, 19).replaceAll(':', '')}`;
  const suffix = random()
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 8);
  return `r${stamp}-${suffix === '' ? '0000' : suffix}`;
}

const RUN_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Run ids come from the environment too (`OMLC_RUN_ID`); anything that is not name-safe is rejected early. */
export function assertRunId(runId: string): string {
  if (!RUN_ID.test(runId)) {
    throw new Error(
      `invalid run id ${JSON.stringify(runId)}: expected 1–40 characters of [a-z0-9-], e.g. r20261123t040512-3fa9`,
    );
  }
  return runId;
}
