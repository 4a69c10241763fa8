/**
 * The live target's view of the run's resources. At the start: other runs' `omlc-*` leftovers on the cluster, as a
 * warning (a shared cluster where a killed run left a DEPLOYED model is worth knowing about). At the end: the audit of
 * this run's id — after a normal run anything left is a leak (swept, and the run fails); after an interrupt it is
 * what was still being created when the signal came (a register or deploy in flight), swept and listed with what the
 * workers released, and the run ends with the signal's exit status anyway.
 */
import { withoutStack } from '../../errors/without-stack.ts';
import { errorMessage } from '../../errors/error-message.ts';
import { findLeftovers, summarizeLeftovers } from '../../lifecycle/leftovers.ts';
import type { SweepEntry } from '../../lifecycle/leak-audit.ts';
import { findScopeLeaks, LeakError, sweepLeaks } from '../../lifecycle/scope-audit.ts';
import { createMlClient } from '../../ml/client.ts';
import { syncUpIntervalSeconds } from '../../suite/watch-deployment.ts';
import { readReleased } from '../../run/run-flags.ts';
import { hurrySignal, recordReleased } from '../../run/run-state.ts';
import type { StartedLiveTarget } from './started-target.ts';

type Log = (line: string) => void;

export async function warnAboutLeftovers(started: StartedLiveTarget, runId: string, log: Log): Promise<void> {
  const client = createMlClient(started.connection);
  try {
    const leftovers = await findLeftovers(client, Date.now(), runId);
    if (leftovers.length === 0) {
      return;
    }
    const runs = summarizeLeftovers(leftovers);
    const url = started.kind === 'external' ? ` --url ${started.connection.baseUrl}` : '';
    log(
      `WARNING: ${leftovers.length} omlc-* resource(s) of ${runs.length} other run(s) on this cluster ` +
        `(remove them with \`npx ml-conformance sweep${url}\`, e.g. --older-than 1h):\n  ${runs.join('\n  ')}`,
    );
  } catch (error) {
    log(`could not look for other runs' leftovers: ${errorMessage(error)}`);
  } finally {
    await client.close();
  }
}

/** The cluster's sync-up interval (0 when unreadable: the stays-deployed check is then skipped, said in the log). */
export async function readSyncUpInterval(started: StartedLiveTarget, log: Log): Promise<number> {
  const client = createMlClient(started.connection);
  try {
    return await syncUpIntervalSeconds(client);
  } catch (error) {
    log(`could not read the sync-up interval: ${errorMessage(error)}`);
    return 0;
  } finally {
    await client.close();
  }
}

export interface AuditOptions {
  readonly runId: string;
  readonly project: string;
  readonly interrupted: boolean;
  readonly log: Log;
}

export async function endOfRunAudit(started: StartedLiveTarget, options: AuditOptions): Promise<void> {
  const { runId, log } = options;
  const client = createMlClient(started.connection);
  try {
    if (!options.interrupted) {
      const leaks = await findScopeLeaks(client, runId);
      if (leaks.length === 0) {
        log(`leak audit: nothing with run id ${runId} remains`);
        return;
      }
      const sweep = await sweepLeaks(client, leaks);
      log(
        `leak audit: swept ${sweep.entries.length} resource(s) (${sweep.ok ? 'all removed' : 'some could not be removed'})`,
      );
      throw withoutStack(new LeakError(leaks, `end of run on ${started.label}`));
    }
    const released = readReleased(runId, options.project);
    for (const line of released) {
      log(line);
    }
    const leftovers = await findScopeLeaks(client, runId);
    const sweep = await sweepLeaks(client, leftovers, { hurry: hurrySignal() });
    const swept = sweep.entries.map(sweepLine);
    for (const line of swept) {
      log(`run-id sweep (created while the signal came): ${line}`);
    }
    recordReleased([...released, ...swept].map((line) => `${options.project}: ${line}`));
    const remaining = await findScopeLeaks(client, runId);
    log(
      remaining.length === 0
        ? `leak audit: nothing with run id ${runId} remains (${released.length + sweep.entries.length} released)`
        : `leak audit: ${remaining.length} resource(s) with run id ${runId} remain: ` +
            `${remaining.map((r) => `${r.kind} ${r.name}`).join(', ')}; remove them with \`npx ml-conformance sweep\``,
    );
  } finally {
    await client.close();
  }
}

function sweepLine(entry: SweepEntry): string {
  const what = `${entry.kind} ${entry.name} (${entry.id})`;
  switch (entry.outcome) {
    case 'deleted':
      return `released ${what}`;
    case 'already-gone':
      return `already gone: ${what}`;
    case 'failed':
      return `could not release ${what}: ${entry.error ?? ''}`;
  }
}
