/**
 * Response schemas of the core, k-NN and neural-search APIs the neural checks use (ingest pipelines, indices,
 * documents, `_bulk`, `_search`, `_cat`). Loose objects like the ML schemas: the fields the harness reads are typed,
 * so a changed answer surfaces as a `ResponseSchemaError` naming the path. Shapes as recorded
 * on 2.19.6 and 3.6.0 (fixtures/recordings/).
 */
import { z } from 'zod';

export const acknowledgedSchema = z.looseObject({ acknowledged: z.literal(true) });

export const createIndexResponseSchema = z.looseObject({
  acknowledged: z.literal(true),
  shards_acknowledged: z.boolean(),
  index: z.string(),
});

const textEmbeddingProcessorSchema = z.looseObject({
  text_embedding: z.looseObject({ model_id: z.string(), field_map: z.record(z.string(), z.unknown()) }),
});

/** `GET _ingest/pipeline/<id>`: `{<id>: {description?, processors: [...]}}`. */
export const pipelinesResponseSchema = z.record(
  z.string(),
  z.looseObject({
    description: z.string().optional(),
    processors: z.array(z.union([textEmbeddingProcessorSchema, z.looseObject({})])),
  }),
);
export type PipelinesResponse = z.infer<typeof pipelinesResponseSchema>;

const knnMethodSchema = z.looseObject({ name: z.string(), engine: z.string(), space_type: z.string() });

/** `GET /<index>/_mapping`: `{<index>: {mappings: {properties: {…}}}}`. */
export const mappingResponseSchema = z.record(
  z.string(),
  z.looseObject({
    mappings: z.looseObject({
      properties: z.record(
        z.string(),
        z.looseObject({ type: z.string(), dimension: z.number().int().optional(), method: knnMethodSchema.optional() }),
      ),
    }),
  }),
);

const errorObjectSchema = z.looseObject({
  type: z.string(),
  reason: z.string().nullable().optional(),
  caused_by: z.looseObject({ type: z.string(), reason: z.string().nullable().optional() }).optional(),
});
export type BulkItemError = z.infer<typeof errorObjectSchema>;

const bulkItemSchema = z.looseObject({
  _index: z.string(),
  _id: z.string(),
  status: z.number().int(),
  result: z.string().optional(),
  error: errorObjectSchema.optional(),
});
export type BulkItem = z.infer<typeof bulkItemSchema>;

export const bulkResponseSchema = z.looseObject({
  took: z.number(),
  errors: z.boolean(),
  items: z.array(z.record(z.string(), bulkItemSchema)),
});

export const writeResponseSchema = z.looseObject({
  _index: z.string(),
  _id: z.string(),
  result: z.string(),
  _version: z.number().int(),
});

export const documentSchema = z.looseObject({
  _index: z.string(),
  _id: z.string(),
  found: z.boolean(),
  _source: z.record(z.string(), z.unknown()).optional(),
});
export type StoredDocument = z.infer<typeof documentSchema>;

export const countSchema = z.looseObject({ count: z.number().int().nonnegative() });

const hitSchema = z.looseObject({
  _index: z.string(),
  _id: z.string(),
  _score: z.number().nullable(),
  _source: z.record(z.string(), z.unknown()).optional(),
});
export type SearchHit = z.infer<typeof hitSchema>;

export const searchResponseSchema = z.looseObject({
  hits: z.looseObject({
    total: z.looseObject({ value: z.number().int(), relation: z.string() }).optional(),
    max_score: z.number().nullable(),
    hits: z.array(hitSchema),
  }),
});
export type SearchResponse = z.infer<typeof searchResponseSchema>;

/** `_cat/indices/<pattern>?format=json&h=index`. */
export const catIndicesSchema = z.array(z.looseObject({ index: z.string() }));

/** `_cat/plugins?format=json`: one row per node and plugin. */
export const catPluginsSchema = z.array(
  z.looseObject({ name: z.string(), component: z.string(), version: z.string() }),
);
export type PluginRow = z.infer<typeof catPluginsSchema>[number];
