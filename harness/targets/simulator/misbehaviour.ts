/**
 * Deliberately wrong simulator behaviour, switched on for a whole run by `OMLC_SIMULATOR_MISBEHAVE` (JSON of
 * the simulator's WrongBehaviour switches). Only the self-test that proves the suites can fail sets it.
 */
import { z } from 'zod';
import type { HttpErrorKey, Simulator, WrongBehaviour } from '../../../mocks/index.ts';
import { PROFILES } from '../../../mocks/profiles/index.ts';

const ERROR_KEYS = Object.keys(PROFILES['3.x'].errors) as [HttpErrorKey, ...HttpErrorKey[]];
const errorKey = z.enum(ERROR_KEYS);

const wrongBehaviourSchema = z.strictObject({
  embeddingDimensionDelta: z.number().int().optional(),
  perturbEmbedding: z.number().optional(),
  rotateEmbedding: z.number().optional(),
  skipHashCheck: z.boolean().optional(),
  skipZipLint: z.boolean().optional(),
  ignoreUndeploy: z.boolean().optional(),
  ignoreContentType: z.boolean().optional(),
  keepModelAfterFailedRegister: z.boolean().optional(),
  failDeploys: z.boolean().optional(),
  embeddingDataType: z.string().optional(),
  nanInEmbedding: z.boolean().optional(),
  ignoreNormalize: z.boolean().optional(),
  errorStatus: z.partialRecord(errorKey, z.number().int().min(200).max(599)).optional(),
  rewordErrors: z.array(errorKey).optional(),
  rewordTaskErrors: z.boolean().optional(),
  perturbStoredVector: z.number().optional(),
  reverseSearchHits: z.boolean().optional(),
  skipVectorDimensionCheck: z.boolean().optional(),
  neuralQueryAsPassage: z.boolean().optional(),
  neuralContentTypeBefore35: z.boolean().optional(),
  skipUploadHashCheck: z.boolean().optional(),
  ignoreTotalChunks: z.boolean().optional(),
  keepChunksAfterDelete: z.boolean().optional(),
});

export type Misbehaviour = z.infer<typeof wrongBehaviourSchema>;

/** Every switch OMLC_SIMULATOR_MISBEHAVE can set. */
export const MISBEHAVIOUR_SWITCHES = Object.keys(wrongBehaviourSchema.shape) as readonly (keyof Misbehaviour)[];

// Every switch of the simulator can be set from the environment: a new one does not compile until it is listed here.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : never) : never;
const everySwitch: Same<keyof Misbehaviour, keyof WrongBehaviour> = true;
void everySwitch;

export function applyMisbehaviour(sim: Simulator, raw: string | undefined): void {
  if (raw === undefined || raw.trim() === '') {
    return;
  }
  const parsed = wrongBehaviourSchema.safeParse(JSON.parse(raw));
  if (!parsed.success) {
    throw new Error(`OMLC_SIMULATOR_MISBEHAVE is not a set of simulator switches: ${parsed.error.message}`);
  }
  sim.faults.misbehave(parsed.data);
}
