/**
 * Everything Vitest provides to this run's global setups, test files and reporter — declared in this one place.
 *
 * - `runId`: created once in `vitest.config.ts` (`OMLC_RUN_ID` or a new id) and provided to every project.
 * - `livePlan` (live projects) / `simulatorProfile` (offline projects) / `upgradePlan` (the upgrade rehearsal): set
 *   per project in `vitest.config.ts`.
 * - `target`, `artifactUrls`: provided by each project's globalSetup once its target is resolved.
 *
 * Reading it: `inject('runId')` in a test file or setup file, `project.getProvidedContext()` in a globalSetup,
 * `vitest.getProvidedContext()` in a reporter. Values must survive structured cloning (no functions or classes).
 */
import type { LivePlanEntry } from '../targets/live/live-plan.ts';
import type { ProvidedTarget } from '../targets/target-info.ts';
import type { UpgradePlan } from '../upgrade/upgrade-plan.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Unique id of this run; every resource the harness creates carries it in its name. */
    runId: string;
    /** Live projects only: which target and version this project asks for. */
    livePlan?: LivePlanEntry;
    /** Offline projects only: the simulator's version profile. */
    simulatorProfile?: string;
    /** The `upgrade:<from>→<to>` project only: the versions it rehearses. */
    upgradePlan?: UpgradePlan;
    /** The cluster the test files run against (available or not, with the reason). */
    target: ProvidedTarget;
    /** sha256 → URL under which the cluster downloads that zip (every card's and negative case's). */
    artifactUrls: Record<string, string>;
  }
}
