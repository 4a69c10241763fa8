import { HttpError } from '../http/errors.ts';
import { SimulatorUnsupportedError } from '../inference/backend.ts';

/**
 * What a simulator parser makes of an input, as one string a test compares: `ok`, the profile error key it throws
 * (`key: detail` when the error has a detail), or `unsupported: …` for what the simulator does not model.
 */
export function parseOutcome(parse: () => unknown): string {
  try {
    parse();
    return 'ok';
  } catch (error) {
    if (error instanceof HttpError) {
      return error.vars.detail === undefined ? error.key : `${error.key}: ${String(error.vars.detail)}`;
    }
    if (error instanceof SimulatorUnsupportedError) {
      return `unsupported: ${error.detail}`;
    }
    throw error;
  }
}
