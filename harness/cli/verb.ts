/** What a CLI verb is: a name, one line for the verb list, its help text, and what it does. */
export interface CliContext {
  /** The package root (where package.json, suites/ and fixtures/ are). */
  readonly root: string;
  out(text: string): void;
  err(text: string): void;
  /** Asks on the terminal and resolves with the answer; absent when there is no terminal to ask on. */
  readonly ask?: (question: string) => Promise<string>;
}

export interface Verb {
  readonly name: string;
  /** One line for `ml-conformance --help`. */
  readonly summary: string;
  /** The verb's own help (`ml-conformance <verb> --help`). */
  readonly usage: string;
  /** Exit code: 0 success, 2 usage error, anything else the verb's own failure. */
  run(args: readonly string[], cli: CliContext): Promise<number>;
}
