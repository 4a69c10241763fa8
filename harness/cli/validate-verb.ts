/**
 * `ml-conformance validate [card…]`: every static check of the cards, without a cluster — the card loader's schema and
 * cross-field rules, then the artifact, tokenizer and (ONNX) model checks. One `<file>: <path>: <reason>` line per
 * problem; exit code 1 when any is an error.
 */
import { formatCardIssue } from '../models/card-error.ts';
import { formatFinding } from '../validate/finding.ts';
import { validateCard } from '../validate/validate-card.ts';
import { optionHelp, type OptionSpec } from './cli-args.ts';
import { loadOperands } from './card-operands.ts';
import { CARDS_DIR_FLAG, extraCardDirs } from './cards-dir-flag.ts';
import { parseWithOperands } from './positionals.ts';
import type { CliContext, Verb } from './verb.ts';

const OPTIONS: readonly OptionSpec[] = [CARDS_DIR_FLAG];

async function run(args: readonly string[], cli: CliContext): Promise<number> {
  const parsed = parseWithOperands(args, OPTIONS);
  let errors = 0;
  let warnings = 0;
  const loaded = loadOperands(parsed.operands, extraCardDirs(parsed));
  for (const { name, card, issues } of loaded) {
    for (const issue of issues) {
      cli.out(`${formatCardIssue(issue)}\n`);
      errors += 1;
    }
    if (card === undefined) {
      continue;
    }
    if (card.unavailable !== undefined || card.artifact.kind !== 'file') {
      const why = card.unavailable ?? `artifact is a URL; download it first (a run does) or give a local zip`;
      cli.out(`${card.file}: skipped: ${why}\n`);
      continue;
    }
    const findings = await validateCard(card, card.artifact.path);
    for (const finding of findings) {
      cli.out(`${formatFinding(finding)}\n`);
      if (finding.severity === 'error') {
        errors += 1;
      } else {
        warnings += 1;
      }
    }
    if (findings.length === 0) {
      cli.out(`${card.file}: ok (${name})\n`);
    }
  }
  cli.out(`${loaded.length} card(s): ${errors} error(s), ${warnings} warning(s)\n`);
  return errors > 0 ? 1 : 0;
}

export const validateVerb: Verb = {
  name: 'validate',
  summary: 'check cards without a cluster: schema, zip rules, tokenizer, ONNX inputs and dimension, goldens',
  usage:
    'Usage: ml-conformance validate [<card id or folder>…] [options]\n\n' +
    'Runs every static check of the cards (all of them when none is named) and prints one line per problem.\n' +
    'Exit code 1 when there is an error.\n\n' +
    `Options:\n${optionHelp(OPTIONS)}\n`,
  run,
};
