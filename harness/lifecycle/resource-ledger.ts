/**
 * Everything the harness creates on a cluster is tracked here before the request that creates it returns, and
 * released in reverse order (deployment → model → group → setting), so a failed assertion, a thrown setup error or
 * Ctrl-C never leaves models loaded on a shared cluster. A resource whose id the cluster has not told us yet (a
 * register request in flight) is tracked by name and `replace`d once the id is known. Releases are idempotent: a 404
 * counts as already gone.
 */
import { errorMessage } from '../errors/error-message.ts';
import { OmlcError } from '../errors/omlc-error.ts';
import { isMlHttpError } from '../ml/errors.ts';

export type ResourceKind = 'model-group' | 'model' | 'deployment' | 'cluster-setting' | 'ingest-pipeline' | 'index';

/** What a release may be told: a second Ctrl-C shortens its waits (it never skips a delete). */
export interface ReleaseContext {
  readonly hurry?: AbortSignal;
}

export interface TrackedResource {
  readonly kind: ResourceKind;
  readonly id: string;
  /** Shown in failure reports, e.g. the resource name. */
  readonly label: string;
  release(context?: ReleaseContext): Promise<void>;
}

export interface ReleaseFailure {
  readonly resource: TrackedResource;
  readonly error: unknown;
}

export interface ReleaseReport {
  readonly released: readonly TrackedResource[];
  /** Releases that answered 404: someone (often the test itself) removed the resource first. */
  readonly alreadyGone: readonly TrackedResource[];
  readonly failed: readonly ReleaseFailure[];
}

/** Thrown by a release that found nothing to remove (like a 404): the entry counts as already gone. */
export class AlreadyGone extends OmlcError<'already-gone'> {
  override name = 'AlreadyGone';

  constructor(message: string) {
    super('already-gone', message);
  }
}

export class LedgerReleaseError extends AggregateError {
  override name = 'LedgerReleaseError';
  readonly report: ReleaseReport;

  constructor(report: ReleaseReport) {
    const lines = report.failed.map(({ resource, error }) => `${describe(resource)}: ${errorMessage(error)}`);
    super(
      report.failed.map((f) => f.error),
      `could not release ${report.failed.length} resource(s), remove them by hand or run the leak sweep:\n  ${lines.join('\n  ')}`,
    );
    this.report = report;
  }
}

export class ResourceLedger {
  readonly #entries: TrackedResource[] = [];
  #releasing: Promise<ReleaseReport> | undefined;

  /** Records a resource; returns it so creation and tracking read as one step. */
  track<R extends TrackedResource>(resource: R): R {
    this.#entries.push(resource);
    return resource;
  }

  /**
   * Puts `next` where `previous` was (same release order): a registration tracked by name before its request was
   * sent becomes the model once the cluster names it. Tracks `next` at the end when `previous` is gone.
   */
  replace<R extends TrackedResource>(previous: TrackedResource, next: R): R {
    const index = this.#entries.lastIndexOf(previous);
    if (index < 0) {
      this.#entries.push(next);
    } else {
      this.#entries[index] = next;
    }
    return next;
  }

  /** Forgets a resource the test removed itself; with `kind`, only entries of that kind. Returns whether any matched. */
  untrack(id: string, kind?: ResourceKind): boolean {
    let removed = false;
    for (let i = this.#entries.length - 1; i >= 0; i -= 1) {
      const entry = this.#entries[i];
      if (entry !== undefined && entry.id === id && (kind === undefined || entry.kind === kind)) {
        this.#entries.splice(i, 1);
        removed = true;
      }
    }
    return removed;
  }

  /** Outstanding resources, oldest first. */
  get pending(): readonly TrackedResource[] {
    return [...this.#entries];
  }

  /**
   * Releases everything, newest first, continuing past failures. Resolves with a report when all are gone; rejects
   * with LedgerReleaseError otherwise. Failed entries stay tracked, so a second call retries exactly those.
   * Concurrent calls (an abort during afterAll cleanup) share one run.
   */
  releaseAll(context: ReleaseContext = {}): Promise<ReleaseReport> {
    this.#releasing ??= this.#releaseAllOnce(context).finally(() => {
      this.#releasing = undefined;
    });
    return this.#releasing;
  }

  async #releaseAllOnce(context: ReleaseContext): Promise<ReleaseReport> {
    const released: TrackedResource[] = [];
    const alreadyGone: TrackedResource[] = [];
    const failed: ReleaseFailure[] = [];
    for (let entry = this.#nextPending(failed); entry !== undefined; entry = this.#nextPending(failed)) {
      try {
        await entry.release(context);
        released.push(entry);
      } catch (error) {
        if (isMlHttpError(error, 404) || error instanceof AlreadyGone) {
          alreadyGone.push(entry);
        } else {
          failed.push({ resource: entry, error });
          continue;
        }
      }
      this.#remove(entry);
    }
    const report = { released, alreadyGone, failed };
    if (failed.length > 0) {
      throw new LedgerReleaseError(report);
    }
    return report;
  }

  /** Next entry to release: the newest one not yet attempted in this run (releases may track or untrack others). */
  #nextPending(failed: readonly ReleaseFailure[]): TrackedResource | undefined {
    const attempted = new Set(failed.map((f) => f.resource));
    for (let i = this.#entries.length - 1; i >= 0; i -= 1) {
      const entry = this.#entries[i];
      if (entry !== undefined && !attempted.has(entry)) {
        return entry;
      }
    }
    return undefined;
  }

  #remove(entry: TrackedResource): void {
    const index = this.#entries.lastIndexOf(entry);
    if (index >= 0) {
      this.#entries.splice(index, 1);
    }
  }
}

function describe(resource: TrackedResource): string {
  return `${resource.kind} ${resource.id} (${resource.label})`;
}
