/**
 * Static checks of a card against the tokenizer.json in its zip, counted the way ML Commons' DJL tokenizer counts:
 * truncation really at model_max_length, position embeddings that cover it, probes that claim to be too long really
 * are, and prefixes that survive tokenization. ML Commons checks none of this before a predict fails or silently
 * embeds something else.
 */
import { createDjlTokenizer, type DjlTokenizer } from '../onnx/djl-tokenizer.ts';
import type { ModelCard } from '../models/model-card.ts';
import { findingCollector, type Finding } from './finding.ts';

const DJL_CAP = 512;

export interface TokenizerCheckResult {
  readonly findings: Finding[];
  /** Undefined when tokenizer.json does not load (that is one of the findings). */
  readonly tokenizer?: DjlTokenizer;
}

export function checkTokenizer(card: ModelCard, tokenizerJson: Record<string, unknown>): TokenizerCheckResult {
  const report = findingCollector(card.file);
  let tokenizer: DjlTokenizer;
  try {
    tokenizer = createDjlTokenizer(tokenizerJson);
    tokenizer.countTokens('tokenizer check');
  } catch (error) {
    report.error('artifact', `tokenizer.json does not load: ${(error as Error).message}`);
    return { findings: report.findings };
  }
  const declared = card.modelConfig.model_max_length;
  const truncation = tokenizerJson.truncation as Record<string, unknown> | null | undefined;
  if (truncation === null || truncation === undefined) {
    report.error(
      'artifact',
      `tokenizer.json has no truncation: ML Commons ≤ 2.14 (DJL 0.21) then embeds every token and ≥ 2.15 cuts at ${DJL_CAP}, so a long input overruns the model's positions; set "truncation": {"max_length": ${declared ?? '<model_max_length>'}, "strategy": "LongestFirst", "direction": "Right", "stride": 0}`,
    );
    // Where inputs are cut is undefined, so position and probe-length checks would only repeat this.
    checkPrefixes(card, tokenizer, tokenizerJson, report);
    return { findings: report.findings, tokenizer };
  } else if (declared !== undefined && tokenizer.maxLength !== declared) {
    report.error(
      'model_config.model_max_length',
      `is ${declared} but tokenizer.json truncates at ${tokenizer.maxLength} tokens (ML Commons truncates with tokenizer.json; model_max_length only sizes the deploy warm-up text "sentence " × ${declared})`,
    );
  }
  if (declared === undefined) {
    report.warning(
      'model_config.model_max_length',
      `not set: ML Commons then warms the model up with a short text only, and nothing documents where inputs are cut (tokenizer.json truncates at ${tokenizer.maxLength})`,
    );
  }
  checkPositions(card, tokenizer, report);
  checkProbes(card, tokenizer, report);
  checkPrefixes(card, tokenizer, tokenizerJson, report);
  return { findings: report.findings, tokenizer };
}

function checkPositions(card: ModelCard, tokenizer: DjlTokenizer, report: ReturnType<typeof findingCollector>): void {
  const positions = maxPositionEmbeddings(card.modelConfig.all_config);
  if (positions === undefined) {
    return;
  }
  const declared = card.modelConfig.model_max_length;
  if (declared !== undefined && declared > positions) {
    report.error(
      'model_config.model_max_length',
      `is ${declared} but all_config.max_position_embeddings is ${positions}: longer inputs index past the model's position table`,
    );
  } else if (tokenizer.maxLength > positions) {
    report.error(
      'artifact',
      `tokenizer.json lets ${tokenizer.maxLength} tokens through but all_config.max_position_embeddings is ${positions}`,
    );
  }
}

function maxPositionEmbeddings(allConfig: string | undefined): number | undefined {
  if (allConfig === undefined) {
    return undefined;
  }
  const value = (JSON.parse(allConfig) as Record<string, unknown>).max_position_embeddings;
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

function checkProbes(card: ModelCard, tokenizer: DjlTokenizer, report: ReturnType<typeof findingCollector>): void {
  card.probes.forEach((probe, index) => {
    const count = tokenizer.countTokens(probe.text);
    const over = count > tokenizer.maxLength;
    if (probe.exceedsMaxLength && !over) {
      report.error(
        `probes[${index}].exceeds_max_length`,
        `is true but "${probe.id}" has only ${count} tokens and the tokenizer keeps ${tokenizer.maxLength} (counted with the zip's tokenizer.json, special tokens included)`,
      );
    } else if (!probe.exceedsMaxLength && over) {
      report.warning(
        `probes[${index}]`,
        `"${probe.id}" has ${count} tokens, more than the ${tokenizer.maxLength} kept: mark it exceeds_max_length: true`,
      );
    }
  });
}

function checkPrefixes(
  card: ModelCard,
  tokenizer: DjlTokenizer,
  tokenizerJson: Record<string, unknown>,
  report: ReturnType<typeof findingCollector>,
): void {
  const model = tokenizerJson.model as Record<string, unknown> | undefined;
  const unknown = typeof model?.unk_token === 'string' ? model.unk_token : undefined;
  const vocab = model?.vocab as Record<string, unknown> | undefined;
  const unknownId = unknown === undefined ? undefined : vocab?.[unknown];
  if (unknown === undefined || typeof unknownId !== 'number') {
    return;
  }
  for (const key of ['query_prefix', 'passage_prefix'] as const) {
    const prefix = card.modelConfig[key];
    if (prefix === undefined) {
      continue;
    }
    const { tokens: pieces, ids } = tokenizer.tokenize(prefix);
    // The JS library keeps the original word as the token text; the id says whether it is known.
    const tokens: string[] = pieces.map((token: string, index: number): string =>
      ids[index] === unknownId ? unknown : token,
    );
    if (tokens.includes(unknown)) {
      report.warning(
        `model_config.${key}`,
        `${JSON.stringify(prefix)} tokenizes to [${tokens.join(', ')}]: the tokenizer does not know it, so query and passage inputs differ only by ${unknown}`,
      );
    }
  }
}
