/** Vitest `setupFiles` entry: makes the embedding matchers available in every test file. */
import { registerMatchers } from './register-matchers.ts';

registerMatchers();
