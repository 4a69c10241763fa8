import type {
  BurstFault,
  DeployOutcomeFault,
  DeployRaceFault,
  DropFault,
  EndpointKind,
  FaultEndpoint,
  FaultSnapshot,
  SlowFault,
  StuckTaskFault,
  TruncateFault,
  WrongBehaviour,
} from './types.ts';

interface Counted<T> {
  readonly plan: T;
  remaining: number;
}

function counted<T extends { readonly times?: number }>(plan: T): Counted<T> {
  const times = plan.times ?? Number.POSITIVE_INFINITY;
  if (!(times > 0)) {
    throw new RangeError(`fault plan needs times > 0, got ${String(plan.times)}`);
  }
  return { plan, remaining: times };
}

function matches(selector: FaultEndpoint, endpoint: EndpointKind): boolean {
  return endpoint !== 'sentinel' && (selector === 'any' || selector === endpoint);
}

/** Takes one use of the first plan that applies, dropping it once used up. */
function take<T>(list: Counted<T>[], applies: (plan: T) => boolean): T | undefined {
  const index = list.findIndex((entry) => applies(entry.plan));
  const entry = list[index];
  if (entry === undefined) {
    return undefined;
  }
  entry.remaining -= 1;
  if (entry.remaining <= 0) {
    list.splice(index, 1);
  }
  return entry.plan;
}

/**
 * Runtime switchboard for faults. Handlers and workflows ask it (`take*`) at the moment a real cluster would
 * misbehave; tests configure it through the public methods and `clear()` between tests.
 */
export class FaultController {
  readonly #bursts: Counted<BurstFault>[] = [];
  readonly #slow: Counted<SlowFault>[] = [];
  readonly #drops: Counted<DropFault>[] = [];
  readonly #truncates: Counted<TruncateFault>[] = [];
  readonly #races: Counted<DeployRaceFault>[] = [];
  readonly #stuck: Counted<StuckTaskFault>[] = [];
  readonly #deployOutcomes: Counted<DeployOutcomeFault>[] = [];
  #wrong: WrongBehaviour = {};

  /** The next `times` requests to `endpoint` answer `status` (OpenSearch error envelope) instead of being handled. */
  burst(plan: BurstFault): this {
    this.#bursts.push(counted(plan));
    return this;
  }

  /** Requests to `endpoint` are answered `delayMs` later (then handled normally). */
  slow(plan: SlowFault): this {
    this.#slow.push(counted(plan));
    return this;
  }

  /** The next `times` requests to `endpoint` fail at the network level (`HttpResponse.error()`). */
  drop(plan: DropFault): this {
    this.#drops.push(counted(plan));
    return this;
  }

  /** The next `times` answers of `endpoint` carry only the first half of their JSON body. */
  truncate(plan: TruncateFault): this {
    this.#truncates.push(counted(plan));
    return this;
  }

  /** Deployed models read `state` and refuse predict with "Model not ready yet" (the sync-up race). */
  deployRace(plan: DeployRaceFault): this {
    this.#races.push(counted(plan));
    return this;
  }

  /** Matching tasks reach RUNNING and stay there. */
  stickTasks(plan: StuckTaskFault): this {
    this.#stuck.push(counted(plan));
    return this;
  }

  /** Matching deploys end FAILED or COMPLETED_WITH_ERROR instead of COMPLETED. */
  deployOutcome(plan: DeployOutcomeFault): this {
    this.#deployOutcomes.push(counted(plan));
    return this;
  }

  /** Merges switches into the wrong-behaviour set (pass `{ key: undefined }` or `clear()` to turn one off). */
  misbehave(wrong: WrongBehaviour): this {
    this.#wrong = { ...this.#wrong, ...wrong };
    return this;
  }

  get wrong(): WrongBehaviour {
    return this.#wrong;
  }

  clear(): void {
    this.#bursts.length = 0;
    this.#slow.length = 0;
    this.#drops.length = 0;
    this.#truncates.length = 0;
    this.#races.length = 0;
    this.#stuck.length = 0;
    this.#deployOutcomes.length = 0;
    this.#wrong = {};
  }

  snapshot(): FaultSnapshot {
    const expand = <T>(list: Counted<T>[]): (T & { remaining: number })[] =>
      list.map((entry) => ({ ...entry.plan, remaining: entry.remaining }));
    return {
      bursts: expand(this.#bursts),
      slow: expand(this.#slow),
      drops: expand(this.#drops),
      truncates: expand(this.#truncates),
      races: expand(this.#races),
      stuck: expand(this.#stuck),
      deployOutcomes: expand(this.#deployOutcomes),
      wrong: { ...this.#wrong },
    };
  }

  // ---- used by the simulator -------------------------------------------------------------------------------

  takeDelay(endpoint: EndpointKind): number {
    return take(this.#slow, (plan) => matches(plan.endpoint, endpoint))?.delayMs ?? 0;
  }

  takeDrop(endpoint: EndpointKind): boolean {
    return take(this.#drops, (plan) => matches(plan.endpoint, endpoint)) !== undefined;
  }

  takeBurst(endpoint: EndpointKind): BurstFault | undefined {
    return take(this.#bursts, (plan) => matches(plan.endpoint, endpoint));
  }

  takeTruncate(endpoint: EndpointKind): boolean {
    return take(this.#truncates, (plan) => matches(plan.endpoint, endpoint)) !== undefined;
  }

  takeDeployRace(): DeployRaceFault | undefined {
    return take(this.#races, () => true);
  }

  /** Whether an answer may still be rewritten (truncated, or changed by a race): lets callers skip reading bodies. */
  get rewritesAnswers(): boolean {
    return this.#truncates.length > 0 || this.#races.length > 0;
  }

  takeStuck(taskType: 'REGISTER_MODEL' | 'DEPLOY_MODEL'): boolean {
    return take(this.#stuck, (plan) => plan.taskType === 'any' || plan.taskType === taskType) !== undefined;
  }

  takeDeployOutcome(): DeployOutcomeFault | undefined {
    return take(this.#deployOutcomes, () => true);
  }
}
