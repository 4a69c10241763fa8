/**
 * The probe texts `init` writes: a short sentence, an ordinary one, one with accents, punctuation and digits (the
 * normalizer's work), and one that provably exceeds the model's max length — the committed tiny fixtures use the
 * same four, so `init` on their source folders reproduces their cards. The long probe is the base paragraph,
 * repeated until the zip's own tokenizer counts more tokens than it keeps.
 */
import type { DjlTokenizer } from '../onnx/djl-tokenizer.ts';

export interface DraftProbe {
  readonly id: string;
  readonly text: string;
  readonly exceedsMaxLength?: true;
  /** Untruncated token count with the zip's tokenizer (special tokens included). */
  readonly tokens: number;
}

const SHORT = 'the water is very long';
const MEDIUM =
  'People who search for a good book will often find that the first words tell them what the story is about.';
const MIXED = "Thé CAFÉ's naïve résumé — déjà vu? Zürich, 2024 & the WÁTER (über-long)!";
const LONG =
  'The first people who came to this land found water in many places, and they made their homes near the long river. Each day they would go out to find food, and when the sun went down they would come back to tell their children what they had seen. Over time the little village grew into a town, and the town grew into a city where many people now live and work.';

const MAX_REPEATS = 64;

export function defaultProbes(tokenizer: DjlTokenizer): DraftProbe[] {
  const probe = (id: string, text: string): DraftProbe => ({ id, text, tokens: tokenizer.countTokens(text) });
  let long = LONG;
  for (let repeat = 1; tokenizer.countTokens(long) <= tokenizer.maxLength; repeat++) {
    if (repeat >= MAX_REPEATS) {
      throw new Error(`no probe text reaches the tokenizer's max length ${tokenizer.maxLength}`);
    }
    long = Array.from({ length: repeat + 1 }, () => LONG).join(' ');
  }
  return [
    probe('short', SHORT),
    probe('medium', MEDIUM),
    probe('mixed', MIXED),
    { ...probe('long', long), exceedsMaxLength: true },
  ];
}
