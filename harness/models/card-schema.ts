/**
 * Shape of `fixtures/models/<id>/card.yaml` (format: fixtures/models/README.md). Single-field rules live here;
 * rules that relate fields or files (prefixes vs `asymmetric`, dimensions, sha256 vs the file, reference
 * vectors) are in `card-rules.ts`, so each reports its own precise path.
 */
import semver from 'semver';
import { z } from 'zod';
import { SHA256_HEX } from '../artifacts/file-digest.ts';
import { MODEL_FORMATS } from '../artifacts/model-format.ts';
import { modelConfigSchema } from './model-config-schema.ts';

const RESULT_DTYPES = ['FLOAT32', 'FLOAT16', 'FLOAT64'] as const;

export const PROBE_ID = /^[a-z0-9][a-z0-9_-]*$/;

export const sha256Schema = z.string().regex(SHA256_HEX, { error: 'must be 64 lowercase hex characters' });

const semverRange = z.string().refine((value) => semver.validRange(value) !== null, {
  error: (issue) => `not a valid semver range: ${JSON.stringify(issue.input)}`,
});

const probeSchema = z.strictObject({
  id: z.string().regex(PROBE_ID, { error: 'must match [a-z0-9][a-z0-9_-]*' }),
  text: z.string().min(1),
  exceeds_max_length: z.boolean().optional(),
});

const toleranceSchema = z.strictObject({
  min_cosine: z.number().gt(0).lte(1),
  rtol: z.number().nonnegative(),
  atol: z.number().nonnegative(),
});

/** Cross-run drift allowance (baseline and cross-version); every field optional, defaults in harness/drift/tolerance.ts. */
const driftSchema = z.strictObject({
  min_cosine: z.number().gt(0).lte(1).optional(),
  max_abs_diff: z.number().nonnegative().optional(),
  max_time_factor: z.number().gte(1).optional(),
});

const expectationsSchema = z.strictObject({
  dimension: z.number().int().positive(),
  dtype: z.enum(RESULT_DTYPES),
  normalized: z.boolean(),
  asymmetric: z.boolean(),
  divergence_max_cosine: z.number().gt(-1).lte(1).optional(),
  opensearch: semverRange,
  tolerance: toleranceSchema,
  drift: driftSchema.optional(),
});

export const cardSchema = z.strictObject({
  $schema: z.string().optional(),
  name: z.string().min(1),
  version: z.string().min(1),
  description: z.string().min(1),
  format: z.enum(MODEL_FORMATS),
  artifact: z.string().min(1),
  sha256: sha256Schema.optional(),
  model_config: modelConfigSchema,
  expectations: expectationsSchema,
  probes: z.array(probeSchema).min(1),
  reference: z.string().min(1).optional(),
});

export type CardDocument = z.infer<typeof cardSchema>;
