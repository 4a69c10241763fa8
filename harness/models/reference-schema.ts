/**
 * Shape of a card's `reference.json` (golden embeddings, fixtures/models/README.md). Whether every probe is
 * present with the right length is checked against the card in `card-rules.ts`.
 */
import { z } from 'zod';

// zod 4 numbers reject NaN and ±Infinity, which JSON cannot carry anyway.
const vectorsById = z.record(z.string(), z.array(z.number()));

export const EMBEDDING_KINDS = ['plain', 'query', 'passage'] as const;
export type EmbeddingKind = (typeof EMBEDDING_KINDS)[number];

export const referenceSchema = z.looseObject({
  generator: z.string().optional(),
  generated_with: z.record(z.string(), z.string()).optional(),
  embeddings: z.strictObject({
    plain: vectorsById.optional(),
    query: vectorsById.optional(),
    passage: vectorsById.optional(),
  }),
});

export type ReferenceDocument = z.infer<typeof referenceSchema>;
