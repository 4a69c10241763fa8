/**
 * Shape of `fixtures/negative/<id>/case.yaml`: a zip ML Commons must refuse at register time
 * (format: fixtures/negative/README.md).
 */
import { z } from 'zod';
import { ZIP_LINT_CODES } from '../artifacts/lint-codes.ts';
import { MODEL_FORMATS } from '../artifacts/model-format.ts';
import { sha256Schema } from './card-schema.ts';

export const negativeCaseSchema = z.strictObject({
  $schema: z.string().optional(),
  description: z.string().min(1),
  format: z.enum(MODEL_FORMATS),
  artifact: z.string().min(1),
  sha256: sha256Schema.optional(),
  base_card: z.string().min(1),
  expected_error: z.string().min(1),
  lint_error: z.enum(ZIP_LINT_CODES),
});

export type NegativeCaseDocument = z.infer<typeof negativeCaseSchema>;
