/**
 * Response schemas of the cluster-level APIs the harness uses: `GET /`, cluster settings, node roles, and the ML
 * profile/stats endpoints (only their outer structure is typed; the numbers are reported, not asserted).
 */
import { z } from 'zod';

export const rootInfoSchema = z.looseObject({
  name: z.string().optional(),
  cluster_name: z.string().optional(),
  version: z.looseObject({
    number: z.string().min(1),
    // Absent on Elasticsearch and on very old OpenSearch builds; the client reports it as `unknown`.
    distribution: z.string().optional(),
    build_type: z.string().optional(),
    lucene_version: z.string().optional(),
  }),
});

/** With `flat_settings=true` keys are dotted paths; values are strings or string arrays. */
const flatSettingsSchema = z.record(z.string(), z.unknown());

export const clusterSettingsSchema = z.looseObject({
  persistent: flatSettingsSchema,
  transient: flatSettingsSchema,
  defaults: flatSettingsSchema.optional(),
});
export type ClusterSettings = z.infer<typeof clusterSettingsSchema>;

export const putClusterSettingsResponseSchema = z.looseObject({
  acknowledged: z.boolean(),
  persistent: flatSettingsSchema.optional(),
  transient: flatSettingsSchema.optional(),
});
export type PutClusterSettingsResponse = z.infer<typeof putClusterSettingsResponseSchema>;

export const nodesResponseSchema = z.looseObject({
  nodes: z.record(z.string(), z.looseObject({ name: z.string(), roles: z.array(z.string()), version: z.string() })),
});

const inferenceStatsSchema = z.looseObject({
  count: z.number().optional(),
  max: z.number().optional(),
  min: z.number().optional(),
  average: z.number().optional(),
  p50: z.number().optional(),
  p90: z.number().optional(),
  p99: z.number().optional(),
});

/** `GET /_plugins/_ml/profile/models/{id}`: `{}` when no node holds the model. */
export const modelProfileResponseSchema = z.looseObject({
  nodes: z
    .record(
      z.string(),
      z.looseObject({
        models: z
          .record(
            z.string(),
            z.looseObject({
              model_state: z.string().optional(),
              predictor: z.string().optional(),
              worker_nodes: z.array(z.string()).optional(),
              target_worker_nodes: z.array(z.string()).optional(),
              model_inference_stats: inferenceStatsSchema.optional(),
              predict_request_stats: inferenceStatsSchema.optional(),
            }),
          )
          .optional(),
      }),
    )
    .optional(),
});
export type ModelProfileResponse = z.infer<typeof modelProfileResponseSchema>;

export const mlStatsResponseSchema = z.looseObject({
  nodes: z.record(z.string(), z.looseObject({})).optional(),
});
export type MlStatsResponse = z.infer<typeof mlStatsResponseSchema>;
