import { describe, expect, it } from 'vitest';
import { getProfile, type Profile } from '../profiles/index.ts';
import { parseOutcome } from '../test-support/parse-outcome.ts';
import { parseModelConfig, toInteger } from './model-config-input.ts';

const v3 = getProfile('3.x');
const minimal = { model_type: 'bert', embedding_dimension: 8, framework_type: 'sentence_transformers' };

/** The profile error key a parse throws, or 'ok'. */
const refusal = (raw: unknown, profile: Profile = v3): string => parseOutcome(() => parseModelConfig(raw, profile));

describe('parseModelConfig', () => {
  it.for([
    ['a string', 'bert'],
    ['null', null],
    ['an array', [minimal]],
  ] as const)('refuses %s as model_config with a parse error', ([, raw]) => {
    expect(refusal(raw)).toBe('badJson: model_config must be an object');
  });

  it('keeps the minimal config, upper-cases the framework and defaults normalize_result to false', () => {
    // Strict: an optional field the body did not have is absent, not present as undefined.
    expect(parseModelConfig(minimal, v3)).toStrictEqual({
      model_type: 'bert',
      embedding_dimension: 8,
      framework_type: 'SENTENCE_TRANSFORMERS',
      normalize_result: false,
    });
  });

  it.for([
    [true, true],
    ['true', true],
    [false, false],
    ['false', false],
    ['yes', false],
  ] as const)('reads normalize_result %j as %j', ([value, expected]) => {
    expect(parseModelConfig({ ...minimal, normalize_result: value }, v3).normalize_result).toBe(expected);
  });

  it('keeps every optional field it knows, and nothing else', () => {
    const config = parseModelConfig(
      {
        ...minimal,
        all_config: '{"a":1}',
        additional_config: { space_type: 'l2' },
        pooling_mode: 'cls',
        model_max_length: '128',
        query_prefix: 'q: ',
        passage_prefix: 'p: ',
        unknown_key: 1,
      },
      v3,
    );
    expect(config).toEqual({
      ...parseModelConfig(minimal, v3),
      all_config: '{"a":1}',
      additional_config: { space_type: 'l2' },
      pooling_mode: 'CLS',
      model_max_length: 128,
      query_prefix: 'q: ',
      passage_prefix: 'p: ',
    });
  });

  it('drops an additional_config that is not an object', () => {
    expect(parseModelConfig({ ...minimal, additional_config: 'x' }, v3)).not.toHaveProperty('additional_config');
  });

  it('skips the prefix fields on a profile that does not parse them', () => {
    const blind: Profile = { ...v3, features: { ...v3.features, parsesPrefixes: false } };
    const config = parseModelConfig({ ...minimal, query_prefix: 'q: ', passage_prefix: 'p: ' }, blind);
    expect(config).not.toHaveProperty('query_prefix');
    expect(config).not.toHaveProperty('passage_prefix');
  });

  it('checks the enums first, then model_type, embedding_dimension, framework_type', () => {
    expect(refusal({ framework_type: 'x', pooling_mode: 'sum' })).toBe('frameworkTypeInvalid');
    expect(refusal({ pooling_mode: 'sum' })).toBe('poolingModeInvalid');
    expect(refusal({})).toBe('modelTypeMissing');
    expect(refusal({ model_type: 'bert' })).toBe('embeddingDimensionMissing');
    expect(refusal({ model_type: 'bert', embedding_dimension: 'eight' })).toBe('embeddingDimensionMissing');
    expect(refusal({ model_type: 'bert', embedding_dimension: 8 })).toBe('frameworkTypeMissing');
  });

  it('accepts pooling mode NONE only where the profile has it', () => {
    expect(refusal({ ...minimal, pooling_mode: 'none' }, v3)).toBe('ok');
    expect(refusal({ ...minimal, pooling_mode: 'none' }, getProfile('2.19'))).toBe('poolingModeInvalid');
  });
});

describe('toInteger (XContent intValue)', () => {
  it.for([
    [8, 8],
    [7.9, 7],
    [-3.5, -3],
    ['12', 12],
    [' 12 ', 12],
    ['-4', -4],
    ['3.75', 3],
  ] as const)('reads %j as %j', ([value, expected]) => {
    expect(toInteger(value)).toBe(expected);
  });

  it.for([Number.NaN, Number.POSITIVE_INFINITY, '', '12a', 'a12', '1.', '.5', '--1', '1.2.3', null, true, [3]])(
    'refuses %j',
    (value) => {
      expect(toInteger(value)).toBeUndefined();
    },
  );
});
