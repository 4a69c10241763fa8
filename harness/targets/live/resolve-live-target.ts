/**
 * Which real cluster a live project uses, and why (printed at the start of the run). `auto` prefers an explicit
 * URL, then a working container runtime, then a native distribution (Java + Maven or a prepared cache); with none
 * of them the live checks are skipped with the reason, and the simulator projects still run.
 */
import type { LivePlanEntry } from './live-plan.ts';

export type LiveDecision =
  | { readonly kind: 'native' | 'container' | 'external'; readonly why: string }
  | {
      readonly kind: 'none';
      readonly reason: string;
      /** An explicitly requested target that cannot work is a failure, not a skip. */
      readonly failed?: true;
    };

export interface Probe {
  readonly ok: boolean;
  /** Why it works, or why not. */
  readonly detail: string;
}

export interface LiveProbes {
  container(): Promise<Probe>;
  native(version: string): Promise<Probe>;
}

export async function resolveLiveTarget(plan: LivePlanEntry, probes: LiveProbes): Promise<LiveDecision> {
  const version = plan.version ?? '';
  switch (plan.requested) {
    case 'none':
      return { kind: 'none', reason: 'live target disabled (ML_TARGET=none)' };
    case 'external':
      return { kind: 'external', why: 'OPENSEARCH_URL is set' };
    case 'container': {
      const container = await probes.container();
      return container.ok
        ? { kind: 'container', why: `ML_TARGET=container; ${container.detail}` }
        : { kind: 'none', reason: `ML_TARGET=container but ${container.detail}`, failed: true };
    }
    case 'native': {
      const native = await probes.native(version);
      return native.ok
        ? { kind: 'native', why: `ML_TARGET=native; ${native.detail}` }
        : { kind: 'none', reason: `ML_TARGET=native but ${native.detail}`, failed: true };
    }
    case 'auto': {
      const container = await probes.container();
      if (container.ok) {
        return { kind: 'container', why: `auto: no OPENSEARCH_URL; ${container.detail}` };
      }
      const native = await probes.native(version);
      if (native.ok) {
        return { kind: 'native', why: `auto: no OPENSEARCH_URL; ${container.detail}; ${native.detail}` };
      }
      return {
        kind: 'none',
        reason: `no live target: OPENSEARCH_URL is not set; ${container.detail}; ${native.detail}`,
      };
    }
  }
}
