import { describe, expect, it } from 'vitest';
import { getProfile } from '../profiles/index.ts';
import { parseOutcome } from '../test-support/parse-outcome.ts';
import { parseRegisterCommonInput } from './register-common-input.ts';
import { parseRegisterInput } from './register-input.ts';
import { parseRegisterMetaInput } from './register-meta-input.ts';

const v3 = getProfile('3.x');
const config = { model_type: 'bert', embedding_dimension: 8, framework_type: 'sentence_transformers' };
const common = { name: 'm', model_format: 'onnx', model_config: config };

describe('parseRegisterCommonInput', () => {
  it('upper-cases the format, parses model_config, and keeps only the fields that are there', () => {
    const parsed = parseRegisterCommonInput(common, v3);
    expect(parsed.fields).toStrictEqual({ name: 'm', format: 'ONNX' });
    expect(parsed.modelConfig).toMatchObject({ framework_type: 'SENTENCE_TRANSFORMERS', embedding_dimension: 8 });
    expect(
      parseRegisterCommonInput({ ...common, description: 'd', model_group_id: 'g', model_format: 'TORCH_SCRIPT' }, v3)
        .fields,
    ).toEqual({ name: 'm', format: 'TORCH_SCRIPT', description: 'd', modelGroupId: 'g' });
  });

  it('takes a missing or null model_config as absent', () => {
    expect(parseRegisterCommonInput({ ...common, model_config: null }, v3).modelConfig).toBeUndefined();
    expect(parseRegisterCommonInput({ name: 'm', model_format: 'ONNX' }, v3).modelConfig).toBeUndefined();
  });

  it.for(['text_embedding', 'TEXT_EMBEDDING'])('accepts function_name %s', (functionName) => {
    expect(parseOutcome(() => parseRegisterCommonInput({ ...common, function_name: functionName }, v3))).toBe('ok');
  });

  it('refuses other model kinds as outside the simulator', () => {
    expect(parseOutcome(() => parseRegisterCommonInput({ ...common, function_name: 'remote' }, v3))).toBe(
      'unsupported: function_name remote (only TEXT_EMBEDDING models are simulated)',
    );
  });

  it('checks the format enum and model_config while parsing, then name, then format', () => {
    const bad = { model_format: 'tensorflow', model_config: { ...config, framework_type: 'x' } };
    expect(parseOutcome(() => parseRegisterCommonInput(bad, v3))).toBe('modelFormatInvalid');
    expect(parseOutcome(() => parseRegisterCommonInput({ model_config: bad.model_config }, v3))).toBe(
      'frameworkTypeInvalid',
    );
    expect(parseOutcome(() => parseRegisterCommonInput({}, v3))).toBe('modelNameMissing');
    expect(parseOutcome(() => parseRegisterCommonInput({ name: 'm' }, v3))).toBe('modelFormatMissing');
  });
});

describe('parseRegisterInput (_register by url)', () => {
  const url = 'http://127.0.0.1:1/m.zip';

  it('keeps the url, the config and a hash when there is one', () => {
    expect(parseRegisterInput({ ...common, url }, v3)).not.toHaveProperty('hash');
    expect(parseRegisterInput({ ...common, url, model_content_hash_value: 'abc' }, v3)).toMatchObject({
      name: 'm',
      format: 'ONNX',
      url,
      hash: 'abc',
      modelConfig: { model_type: 'bert' },
    });
  });

  it('refuses a url without model_config, and leaves registrations without a url to the other endpoints', () => {
    expect(parseOutcome(() => parseRegisterInput({ name: 'm', model_format: 'ONNX', url }, v3))).toBe(
      'modelConfigMissing',
    );
    const unsupported = 'unsupported: registration without a url (pre-trained models, chunk upload)';
    expect(parseOutcome(() => parseRegisterInput(common, v3))).toBe(unsupported);
    expect(parseOutcome(() => parseRegisterInput({ name: 'm', model_format: 'ONNX' }, v3))).toBe(unsupported);
  });

  it.for(['access_mode', 'backend_roles', 'add_all_backend_roles'])(
    'refuses %s: the simulated cluster has no security plugin',
    (field) => {
      expect(parseOutcome(() => parseRegisterInput({ ...common, url, [field]: 'x' }, v3))).toBe(
        'accessControlDisabled',
      );
    },
  );
});

describe('parseRegisterMetaInput (_register_meta)', () => {
  const meta = { ...common, model_content_hash_value: 'abc', total_chunks: 2 };

  it('keeps the hash, the chunk count and a size when there is one', () => {
    expect(parseRegisterMetaInput(meta, v3)).toMatchObject({ hash: 'abc', totalChunks: 2, format: 'ONNX' });
    expect(parseRegisterMetaInput(meta, v3)).not.toHaveProperty('sizeInBytes');
    expect(parseRegisterMetaInput({ ...meta, model_content_size_in_bytes: '300' }, v3).sizeInBytes).toBe(300);
  });

  it('checks hash, then config, then total_chunks', () => {
    expect(parseOutcome(() => parseRegisterMetaInput({ ...common, model_config: undefined }, v3))).toBe(
      'modelHashMissing',
    );
    expect(
      parseOutcome(() => parseRegisterMetaInput({ ...meta, model_config: undefined, total_chunks: undefined }, v3)),
    ).toBe('modelConfigMissing');
    expect(parseOutcome(() => parseRegisterMetaInput({ ...meta, total_chunks: undefined }, v3))).toBe(
      'totalChunksMissing',
    );
  });
});
