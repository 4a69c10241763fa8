/** The CLI's verbs. A new verb is one file exporting a `Verb` and one line here; the first is the default. */
import { runVerb } from './run-verb.ts';
import type { Verb } from './verb.ts';

export const VERBS: readonly Verb[] = [runVerb];
