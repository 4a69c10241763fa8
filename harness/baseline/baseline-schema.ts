/**
 * The baseline file (`npx ml-conformance baseline record --out …`): one run of one cluster, per card its sha256,
 * model_config, every probe × content type's vector with dtype and shape, and its timings, plus every check's
 * verdict with its phase timings. Versioned by `format`; unknown fields are errors, so a typo never passes silently.
 */
import { z } from 'zod';
import { sha256Schema } from '../models/card-schema.ts';

export const BASELINE_FORMAT = 'opensearch-ml-conformance/baseline@1';

const finite = z.number().refine(Number.isFinite, { error: 'must be a finite number' });

const embeddingSchema = z.strictObject({
  probe: z.string().min(1),
  contentType: z.enum(['plain', 'query', 'passage']),
  dtype: z.string().min(1),
  shape: z.array(z.number().int().nonnegative()).min(1),
  vector: z.array(finite).min(1),
});

const timingsSchema = z.strictObject({
  registerMs: z.number().nonnegative().optional(),
  deployMs: z.number().nonnegative().optional(),
  predictMs: z.number().nonnegative().optional(),
});

const cardSchema = z.strictObject({
  id: z.string().min(1),
  format: z.string().min(1),
  sha256: sha256Schema,
  modelConfig: z.record(z.string(), z.unknown()),
  timings: timingsSchema,
  embeddings: z.array(embeddingSchema).min(1),
});

const phaseTimingSchema = z.strictObject({
  phase: z.string().min(1),
  wallMs: z.number().nonnegative(),
  serverMs: z.number().nonnegative().optional(),
  ok: z.boolean(),
});

const checkSchema = z.strictObject({
  suite: z.string().min(1),
  card: z.string().min(1),
  check: z.string().min(1),
  variant: z.string().min(1).optional(),
  status: z.enum(['passed', 'failed', 'skipped', 'pending']),
  message: z.string().optional(),
  timings: z.array(phaseTimingSchema).optional(),
});

export const baselineFileSchema = z.strictObject({
  format: z.literal(BASELINE_FORMAT),
  recordedAt: z.iso.datetime(),
  runId: z.string().min(1),
  project: z.string().min(1),
  cluster: z.strictObject({
    version: z.string().min(1),
    distribution: z.string().min(1),
    target: z.string().min(1),
  }),
  cards: z.array(cardSchema),
  checks: z.array(checkSchema),
});

export type BaselineFile = z.infer<typeof baselineFileSchema>;
export type BaselineCard = BaselineFile['cards'][number];
export type BaselineCheck = BaselineFile['checks'][number];
