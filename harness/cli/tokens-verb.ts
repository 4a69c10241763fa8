/**
 * `ml-conformance tokens <card> "<text>"`: the token count of a text with the card's tokenizer and what truncation
 * keeps of it — to decide whether a probe needs `exceeds_max_length: true`.
 */
import { countTokens } from '../validate/count-tokens.ts';
import { formatCardIssue } from '../models/card-error.ts';
import { lastValue, optionHelp, UsageError, type OptionSpec } from './cli-args.ts';
import { loadOperands } from './card-operands.ts';
import { CARDS_DIR_FLAG, extraCardDirs } from './cards-dir-flag.ts';
import { parseWithOperands } from './positionals.ts';
import type { CliContext, Verb } from './verb.ts';

const OPTIONS: readonly OptionSpec[] = [
  CARDS_DIR_FLAG,
  {
    name: 'content-type',
    valueName: 'query|passage',
    takesValue: true,
    help: "prepend the card's query or passage prefix, as ML Commons does",
  },
];

function run(args: readonly string[], cli: CliContext): Promise<number> {
  const parsed = parseWithOperands(args, OPTIONS);
  const [name, text, ...extra] = parsed.operands;
  if (name === undefined || text === undefined || extra.length > 0) {
    throw new UsageError('give a card (id or folder) and one text (quote it)');
  }
  const contentType = lastValue(parsed, 'content-type');
  if (contentType !== undefined && contentType !== 'query' && contentType !== 'passage') {
    throw new UsageError(`--content-type must be query or passage, not ${JSON.stringify(contentType)}`);
  }
  const [loaded] = loadOperands([name], extraCardDirs(parsed));
  const card = loaded?.card;
  if (card === undefined) {
    cli.err((loaded?.issues ?? []).map((issue) => `${formatCardIssue(issue)}\n`).join(''));
    return Promise.resolve(1);
  }
  if (card.unavailable !== undefined || card.artifact.kind !== 'file') {
    cli.err(`${card.file}: no local zip: ${card.unavailable ?? 'the artifact is a URL'}\n`);
    return Promise.resolve(1);
  }
  const result = countTokens(card.artifact.path, card.modelConfig, text, contentType);
  cli.out(
    `${result.count} tokens (special tokens included); the tokenizer keeps ${result.maxLength}` +
      `${result.truncated ? `: truncated, the model sees ${result.maxLength} tokens` : ''}\n` +
      `${result.truncated ? 'kept' : 'text'}: ${result.keptText}\n`,
  );
  return Promise.resolve(0);
}

export const tokensVerb: Verb = {
  name: 'tokens',
  summary: "count a text's tokens with a card's tokenizer and show what truncation keeps",
  usage:
    'Usage: ml-conformance tokens <card id or folder> "<text>" [options]\n\n' + `Options:\n${optionHelp(OPTIONS)}\n`,
  run,
};
