/**
 * A fake of the two MlClient calls the model waits poll (`getModel`, `getModelProfile`), answering from a script, so
 * waitForModelState and waitForServing are tested against the same fake.
 */
import { vi } from 'vitest';
import type { ModelProfileResponse } from '../cluster-schemas.ts';
import type { Model, ModelState } from '../schemas.ts';

/** One poll's answer: the document's state (absent: a document without `model_state`) and the ML profile. */
export interface ModelStep {
  readonly state?: ModelState;
  readonly profile?: ModelProfileResponse;
}

/**
 * Each `getModel` answers the next step (the last one repeats); `getModelProfile` answers the profile of the step
 * `getModel` answered last (empty before any, or when the step has none), as a poll asks for the document first.
 * A bare state (or undefined) is a step without a profile.
 */
export function scriptedModelClient(...script: (ModelStep | ModelState | undefined)[]) {
  const steps: ModelStep[] = script.map((step) => (typeof step === 'object' ? step : { state: step }));
  let current: ModelStep | undefined;
  const getModel = vi.fn((): Promise<Model> => {
    current = steps.length > 1 ? steps.shift() : steps[0];
    const state = current?.state;
    return Promise.resolve(state === undefined ? { name: 'm' } : { name: 'm', model_state: state });
  });
  const getModelProfile = vi.fn((): Promise<ModelProfileResponse> => Promise.resolve(current?.profile ?? {}));
  return { getModel, getModelProfile };
}
