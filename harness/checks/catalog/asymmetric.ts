/** `suites/asymmetric.spec.ts`: query/passage models, their prefixes, and misuse of `content_type`. */
import type { SuiteCatalog } from './check-requirement.ts';

const ASYM_WHY = 'predict `parameters.content_type` is parsed from 2.14 (ml-commons PR #2318)';

export const ASYMMETRIC_CHECKS = {
  file: 'asymmetric.spec.ts',
  checks: {
    'asymmetric.divergence': {
      title: 'query and passage embeddings diverge',
      detail: "cosine(query, passage) below the card's threshold",
      opensearch: { range: '>=2.14.0', why: ASYM_WHY },
      cards: 'asymmetric',
    },
    'asymmetric.prefix-equivalence': {
      title: 'asymmetric(query, T) equals the unprefixed model on "query: " + T',
      detail: 'passage likewise',
      opensearch: { range: '>=2.14.0', why: ASYM_WHY },
      cards: 'asymmetric',
      arbitraryText: true,
    },
    'asymmetric.content-type-required': {
      title: 'predict without content_type on an asymmetric model fails',
      opensearch: {
        range: '>=2.13.0',
        why: 'query_prefix/passage_prefix exist from 2.13 (ml-commons PR #2123); older versions ignore them',
      },
      cards: 'asymmetric',
    },
    'asymmetric.unusable-before-2.14': {
      title: 'on 2.13 an asymmetric model refuses every predict (parameters are ignored)',
      opensearch: {
        range: '>=2.13.0 <2.14.0',
        why: 'documented 2.13 behaviour: TextDocsMLInput ignores `parameters` (ml-commons issue #2317)',
      },
      cards: 'asymmetric',
    },
    'asymmetric.content-type-on-symmetric': {
      title: 'content_type on a symmetric model fails',
      opensearch: { range: '>=2.14.0', why: ASYM_WHY },
      cards: 'symmetric',
    },
  },
} as const satisfies SuiteCatalog;
