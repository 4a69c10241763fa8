/**
 * Deliberately wrong simulator behaviour, switched on for a whole run by `OMLC_SIMULATOR_MISBEHAVE` (JSON of
 * the simulator's WrongBehaviour switches). Only the self-test that proves the suites can fail sets it.
 */
import { z } from 'zod';
import type { Simulator } from '../../../mocks/index.ts';

const wrongBehaviourSchema = z.strictObject({
  embeddingDimensionDelta: z.number().int().optional(),
  perturbEmbedding: z.number().optional(),
  skipHashCheck: z.boolean().optional(),
  skipZipLint: z.boolean().optional(),
  ignoreUndeploy: z.boolean().optional(),
  ignoreContentType: z.boolean().optional(),
  skipUploadHashCheck: z.boolean().optional(),
  ignoreTotalChunks: z.boolean().optional(),
  keepChunksAfterDelete: z.boolean().optional(),
});

export type Misbehaviour = z.infer<typeof wrongBehaviourSchema>;

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
