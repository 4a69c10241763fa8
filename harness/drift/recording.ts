/**
 * What one run observed of one card, in the form both the baseline file and the cross-version comparison use:
 * every probe × content type's vector with dtype and shape, plus the lifecycle timings that a later run compares.
 */

/** `plain` for symmetric cards; asymmetric cards are predicted as `query` and as `passage`. */
export type ContentTypeKey = 'plain' | 'query' | 'passage';

export const CONTENT_TYPE_KEYS: readonly ContentTypeKey[] = ['plain', 'query', 'passage'];

export interface RecordedEmbedding {
  readonly probe: string;
  readonly contentType: ContentTypeKey;
  readonly dtype: string;
  readonly shape: readonly number[];
  readonly vector: readonly number[];
}

export interface RecordedTimings {
  readonly registerMs?: number;
  readonly deployMs?: number;
  /** Mean wall time of one single-text predict. */
  readonly predictMs?: number;
}

export interface RecordedCard {
  readonly id: string;
  readonly format: string;
  readonly sha256: string;
  readonly modelConfig: Readonly<Record<string, unknown>>;
  readonly embeddings: readonly RecordedEmbedding[];
  readonly timings: RecordedTimings;
}

/** Where a recording comes from: shown on both sides of every drift message. */
export interface RecordingSource {
  /** Human label, e.g. `native 2.19.6` or `baseline prod-2.19.json (2.19.6)`. */
  readonly label: string;
  /** OpenSearch version reported by the cluster. */
  readonly version: string;
}

export function embeddingKey(embedding: Pick<RecordedEmbedding, 'probe' | 'contentType'>): string {
  return `${embedding.probe}/${embedding.contentType}`;
}
