/** The simulator's version profiles; each becomes one `offline:<profile>` Vitest project. */
import { PROFILE_IDS } from '../../../mocks/profiles/index.ts';

export const SIMULATOR_PROFILE_IDS: readonly string[] = PROFILE_IDS;
