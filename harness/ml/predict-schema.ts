/**
 * Predict response: one `inference_results` entry per input text, each with the tensors the model returned
 * (ml-commons-behavior.md §3.4). `data` is absent only when the request set `return_number: false`.
 */
import { z } from 'zod';

const modelTensorSchema = z.looseObject({
  name: z.string(),
  data_type: z.string(),
  shape: z.array(z.number().int().nonnegative()),
  data: z.array(z.number()).optional(),
  byte_buffer: z.looseObject({ array: z.string(), order: z.string() }).optional(),
});
export type ModelTensor = z.infer<typeof modelTensorSchema>;

export const predictResponseSchema = z.looseObject({
  inference_results: z.array(
    // A target_response name the model does not produce yields `{}` (no `output` at all), recorded on 2.19.6/3.6.0.
    z.looseObject({
      output: z.array(modelTensorSchema).optional(),
      status_code: z.number().int().optional(),
    }),
  ),
});
export type PredictResponse = z.infer<typeof predictResponseSchema>;
