/**
 * What the neural checks ingest for a card: its probes (their `_predict` vectors are what stored vectors are compared
 * with) plus a few short, mutually distinct sentences that make "the exact document comes first" a real ranking.
 */
import type { ModelCard } from '../models/model-card.ts';

export interface CorpusDocument {
  /** Document id: the probe id, or `extra-<n>`. */
  readonly id: string;
  readonly text: string;
  readonly probe: boolean;
}

/** Different topics and lengths, so no two embeddings coincide on a reasonable model. */
export const EXTRA_SENTENCES: readonly string[] = [
  'A cat sleeps on the warm windowsill all afternoon.',
  'Quarterly revenue grew by eight percent despite higher costs.',
  'Mix the flour and butter, then bake for twenty minutes.',
];

/**
 * `withExtras: false` when the target can only embed the card's probe texts (TorchScript on the simulator answers
 * golden vectors): the probes alone are then the corpus and still distinct documents.
 */
export function corpusFor(card: ModelCard, withExtras: boolean): CorpusDocument[] {
  const probes = card.probes.map((p) => ({ id: p.id, text: p.text, probe: true }));
  const extras = withExtras ? EXTRA_SENTENCES.map((text, i) => ({ id: `extra-${i + 1}`, text, probe: false })) : [];
  return [...probes, ...extras];
}
