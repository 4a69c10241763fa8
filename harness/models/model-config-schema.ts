/**
 * `model_config` of a TEXT_EMBEDDING model as the register API takes it (ml-commons-behavior.md §3.2). ML Commons
 * silently skips unknown keys, so a typo such as `pooling_method` would register fine and change nothing; the card
 * schema is therefore strict. Enum values are the lowercase spellings ML Commons documents (it accepts any case).
 */
import { z } from 'zod';

const FRAMEWORK_TYPES = [
  'sentence_transformers',
  'huggingface_transformers',
  'huggingface_transformers_neuron',
] as const;

// `none` exists only from ml-commons 3.6.
export const POOLING_MODES = ['mean', 'mean_sqrt_len', 'max', 'weighted_mean', 'cls', 'last_token', 'none'] as const;
export type PoolingMode = (typeof POOLING_MODES)[number];

const jsonObjectString = z.string().superRefine((value, ctx) => {
  try {
    const parsed: unknown = JSON.parse(value);
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON object encoded as a string' });
    }
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not valid JSON (${(error as Error).message})` });
  }
});

export const modelConfigSchema = z.strictObject({
  model_type: z.string().min(1).optional(),
  embedding_dimension: z.number().int().positive(),
  framework_type: z.enum(FRAMEWORK_TYPES),
  pooling_mode: z.enum(POOLING_MODES).optional(),
  normalize_result: z.boolean().optional(),
  model_max_length: z.number().int().positive().optional(),
  query_prefix: z.string().min(1).optional(),
  passage_prefix: z.string().min(1).optional(),
  all_config: jsonObjectString.optional(),
  additional_config: z.record(z.string(), z.unknown()).optional(),
});

/** Sent to ML Commons as-is, hence snake_case. */
export type ModelConfig = z.infer<typeof modelConfigSchema>;
