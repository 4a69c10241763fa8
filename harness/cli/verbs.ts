/** The CLI's verbs. A new verb is one file exporting a `Verb` and one line here; the first is the default. */
import { imageVerb } from './image-verb.ts';
import { baselineVerb } from './baseline-verb.ts';
import { initVerb } from './init-verb.ts';
import { runVerb } from './run-verb.ts';
import { sweepVerb } from './sweep-verb.ts';
import { tokensVerb } from './tokens-verb.ts';
import { validateVerb } from './validate-verb.ts';
import type { Verb } from './verb.ts';

export const VERBS: readonly Verb[] = [runVerb, initVerb, validateVerb, tokensVerb, sweepVerb, imageVerb, baselineVerb];
