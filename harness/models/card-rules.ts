/**
 * Rules that relate fields of one card to each other. Each issue carries the path of the field to fix.
 */
import type { CardIssue } from './card-error.ts';
import type { CardDocument } from './card-schema.ts';

export function checkCardRules(card: CardDocument, file: string): CardIssue[] {
  const issues: CardIssue[] = [];
  const issue = (path: string, reason: string): void => {
    issues.push({ file, path, reason });
  };
  const { model_config: config, expectations } = card;
  const hasPrefix = config.query_prefix !== undefined || config.passage_prefix !== undefined;

  if (expectations.dimension !== config.embedding_dimension) {
    issue(
      'expectations.dimension',
      `is ${expectations.dimension} but model_config.embedding_dimension is ${config.embedding_dimension}`,
    );
  }
  if (expectations.asymmetric && !hasPrefix) {
    issue('expectations.asymmetric', 'is true but model_config has neither query_prefix nor passage_prefix');
  }
  if (!expectations.asymmetric) {
    for (const key of ['query_prefix', 'passage_prefix'] as const) {
      if (config[key] !== undefined) {
        issue(`model_config.${key}`, 'is set but expectations.asymmetric is false');
      }
    }
  }
  if (expectations.asymmetric && expectations.divergence_max_cosine === undefined) {
    issue('expectations.divergence_max_cosine', 'required when expectations.asymmetric is true');
  }
  if (!expectations.asymmetric && expectations.divergence_max_cosine !== undefined) {
    issue('expectations.divergence_max_cosine', 'only allowed when expectations.asymmetric is true');
  }
  if (card.format === 'TORCH_SCRIPT' && card.reference === undefined) {
    issue('reference', 'required for TORCH_SCRIPT cards (the harness cannot compute TorchScript embeddings)');
  }
  issues.push(...checkProbes(card, file));
  return issues;
}

function checkProbes(card: CardDocument, file: string): CardIssue[] {
  const issues: CardIssue[] = [];
  const firstIndex = new Map<string, number>();
  card.probes.forEach((probe, index) => {
    const first = firstIndex.get(probe.id);
    if (first === undefined) {
      firstIndex.set(probe.id, index);
    } else {
      issues.push({
        file,
        path: `probes[${index}].id`,
        reason: `duplicate probe id ${JSON.stringify(probe.id)} (first used by probes[${first}])`,
      });
    }
  });
  if (!card.probes.some((probe) => probe.exceeds_max_length === true)) {
    issues.push({ file, path: 'probes', reason: 'needs at least one probe with exceeds_max_length: true' });
  }
  return issues;
}
