/**
 * The checks one `describe` registers and how they depend on each other. Pure (no Vitest), so ordering rules are
 * unit-tested directly:
 * - a check that declares `after: [key]` is skipped unless that check passed first ("needs X, which failed");
 * - a setup step is needed by the checks that declare `after` on it, transitively: when the catalog skips every one of
 *   them on this target, the step is skipped too (nothing is registered for nothing);
 * - a wiring mistake — waiting for a key nothing registers, a key registered twice, a setup step nothing waits for —
 *   fails the check with the reason, instead of skipping it forever.
 */
import { catalogOrder, isSetupStep, type CheckId, type CheckKey } from '../checks/catalog/index.ts';
import { OmlcError } from '../errors/omlc-error.ts';

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface RegisteredCheck {
  readonly id: CheckId;
  readonly key: CheckKey;
  /** Keys of checks that must have passed first. */
  readonly after: readonly CheckKey[];
}

/** The catalog's verdict for a check on this card and target: the skip reason, or undefined when it can run. */
export type CatalogSkip = (id: CheckId) => string | undefined;

export class CheckWiringError extends OmlcError<'check-wiring'> {
  override name = 'CheckWiringError';

  constructor(message: string) {
    super('check-wiring', message);
  }
}

export function checkKey(id: CheckId, variant?: string): CheckKey {
  return variant === undefined ? id : `${id}[${variant}]`;
}

export class CheckRegistry {
  readonly #scope: string;
  readonly #checks: RegisteredCheck[] = [];
  readonly #outcomes = new Map<CheckKey, Outcome>();

  /** `scope` names the describe in messages, e.g. `lifecycle-tiny-onnx-sym`. */
  constructor(scope: string) {
    this.#scope = scope;
  }

  register(check: RegisteredCheck): void {
    this.#checks.push(check);
  }

  record(key: CheckKey, outcome: Outcome): void {
    this.#outcomes.set(key, outcome);
  }

  outcome(key: CheckKey): Outcome | undefined {
    return this.#outcomes.get(key);
  }

  /** Throws a CheckWiringError when the describe's checks are wired wrongly around `check`. */
  assertWired(check: RegisteredCheck): void {
    const where = `${this.#scope}: ${check.key}`;
    if (this.#checks.filter((c) => c.key === check.key).length > 1) {
      throw new CheckWiringError(`${where} is registered more than once in this describe; give each a variant`);
    }
    for (const key of check.after) {
      if (!this.#checks.some((c) => c.key === key)) {
        throw new CheckWiringError(
          `${where} waits for "${key}", which no check of this describe registers (a misspelt variant, or a check ` +
            'of another describe)',
        );
      }
    }
    if (isSetupStep(check.id) && this.#dependents(check.key).length === 0) {
      throw new CheckWiringError(
        `${where} is a setup step no check of this describe waits for: declare after: ['${check.key}'] on the ` +
          'checks that use it, or remove the step',
      );
    }
  }

  /**
   * Why `check` does not run: the catalog's reason, "not needed" for a setup step whose dependents are all skipped,
   * or the first prerequisite that did not pass. Undefined when it runs.
   */
  skipReason(check: RegisteredCheck, catalogSkip: CatalogSkip): string | undefined {
    return catalogSkip(check.id) ?? this.#unneeded(check, catalogSkip, new Set()) ?? this.#unmetPrerequisite(check);
  }

  #dependents(key: CheckKey): RegisteredCheck[] {
    return this.#checks.filter((c) => c.after.includes(key));
  }

  #needed(check: RegisteredCheck, catalogSkip: CatalogSkip, seen: Set<CheckKey>): boolean {
    return catalogSkip(check.id) === undefined && this.#unneeded(check, catalogSkip, seen) === undefined;
  }

  /** `seen`: setup steps already on the path, so steps waiting for each other cannot recurse forever. */
  #unneeded(check: RegisteredCheck, catalogSkip: CatalogSkip, seen: Set<CheckKey>): string | undefined {
    if (!isSetupStep(check.id) || seen.has(check.key)) {
      return undefined;
    }
    const path = new Set(seen).add(check.key);
    const dependents = this.#dependents(check.key);
    if (dependents.some((d) => this.#needed(d, catalogSkip, path))) {
      return undefined;
    }
    const ids = [...new Set(dependents.map((d) => d.id))].sort((a, b) => catalogOrder(a) - catalogOrder(b));
    return `not needed here: every check that uses it is skipped (${ids.join(', ')})`;
  }

  #unmetPrerequisite(check: RegisteredCheck): string | undefined {
    for (const key of check.after) {
      const outcome = this.#outcomes.get(key);
      if (outcome !== 'passed') {
        const what = outcome === undefined ? 'did not run' : outcome === 'failed' ? 'failed' : 'was skipped';
        return `needs "${key}", which ${what}`;
      }
    }
    return undefined;
  }
}
