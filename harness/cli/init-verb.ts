/**
 * `ml-conformance init <path>`: writes `<cards-dir>/<id>/card.yaml` (and model.zip, reference.json) for a
 * sentence-transformers folder or a model zip, then says what is left to do.
 */
import path from 'node:path';
import { initCard } from '../init/init-card.ts';
import { StFolderError } from '../init/st-folder.ts';
import { hasFlag, lastValue, optionHelp, UsageError, type OptionSpec } from './cli-args.ts';
import { CARDS_DIR_FLAG, extraCardDirs } from './cards-dir-flag.ts';
import { parseWithOperands } from './positionals.ts';
import type { CliContext, Verb } from './verb.ts';

const OPTIONS: readonly OptionSpec[] = [
  { ...CARDS_DIR_FLAG, help: 'where the card folder is written (default: the first OMLC_CARDS_DIR, else ./cards)' },
  { name: 'id', valueName: 'id', takesValue: true, help: 'card id and folder name (default: from the path)' },
  { name: 'force', takesValue: false, help: 'overwrite an existing card.yaml' },
];

async function run(args: readonly string[], cli: CliContext): Promise<number> {
  const parsed = parseWithOperands(args, OPTIONS);
  const [source, ...extra] = parsed.operands;
  if (source === undefined || extra.length > 0) {
    throw new UsageError('give exactly one model zip or sentence-transformers folder');
  }
  const cardsDir = extraCardDirs(parsed)[0] ?? path.resolve('cards');
  const id = lastValue(parsed, 'id');
  try {
    const result = await initCard(source, {
      cardsDir,
      ...(id === undefined ? {} : { id }),
      overwrite: hasFlag(parsed, 'force'),
    });
    cli.out(`wrote ${result.files.map((file) => path.relative(process.cwd(), file)).join(', ')}\n`);
    if (result.todos.length > 0) {
      cli.out(`TODO in card.yaml (validate refuses the card until each is resolved and the line deleted):\n`);
      cli.out(result.todos.map((todo) => `  ${todo}\n`).join(''));
    }
    const dir = path.relative(process.cwd(), cardsDir) || '.';
    cli.out(`next: npx ml-conformance validate --cards-dir ${dir} ${path.basename(result.cardDir)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof StFolderError) {
      cli.err(`ml-conformance init: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

export const initVerb: Verb = {
  name: 'init',
  summary: 'write a card for a model zip or a sentence-transformers folder',
  usage:
    'Usage: ml-conformance init <model.zip | sentence-transformers folder> [options]\n\n' +
    'Writes <cards-dir>/<id>/card.yaml with everything that can be known and why (a folder is zipped the way\n' +
    'ML Commons wants it; ONNX references are computed), and a TODO line for what cannot.\n\n' +
    `Options:\n${optionHelp(OPTIONS)}\n`,
  run,
};
