/**
 * `--cards-dir <dir>` (repeatable): folders of cards besides fixtures/models, the flag form of `OMLC_CARDS_DIR`.
 * Given on the command line it replaces the variable; each folder is resolved against the working directory.
 */
import path from 'node:path';
import { runConfig } from '../config/run-config.ts';
import type { OptionSpec, ParsedArgs } from './cli-args.ts';

export const CARDS_DIR_FLAG: OptionSpec = {
  name: 'cards-dir',
  valueName: 'dir',
  takesValue: true,
  help: 'more folders of model cards, repeatable (env OMLC_CARDS_DIR)',
};

/** The extra card folders: the flag's values, else OMLC_CARDS_DIR. */
export function extraCardDirs(parsed: ParsedArgs): readonly string[] {
  const given = parsed.options.get(CARDS_DIR_FLAG.name);
  return given === undefined ? (runConfig().OMLC_CARDS_DIR ?? []) : given.map((dir) => path.resolve(dir));
}

/** The variable a child process (Vitest) gets for the flag, when it was given. */
export function cardsDirEnv(parsed: ParsedArgs): Record<string, string> {
  const given = parsed.options.get(CARDS_DIR_FLAG.name);
  return given === undefined ? {} : { OMLC_CARDS_DIR: given.map((dir) => path.resolve(dir)).join(':') };
}
