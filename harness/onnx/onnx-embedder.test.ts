/**
 * createOnnxEmbedder / createOnnxReference on a hand-built model whose "embedding" is the token ids themselves, so
 * each assertion shows which text was tokenized, which inputs were fed and which output was pooled.
 */
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { loadCards } from '../models/load-cards.ts';
import type { ModelCard } from '../models/model-card.ts';
import {
  createOnnxEmbedder,
  createOnnxReference,
  releaseOnnxReferences,
  type OnnxModelSpec,
} from './onnx-reference.ts';
import { zipOf, type ElemType, type Graph, type GraphNode } from './testing/onnx-graph.ts';
import { wordLevelTokenizerJson } from './testing/word-level-tokenizer.ts';

// Vocabulary ids: [UNK] 1, [CLS] 2, [SEP] 3, the 4, water 5, is 6, very 7, long 8.
const TOKENIZER = JSON.stringify(wordLevelTokenizerJson());
const ID_INPUTS = ['input_ids', 'attention_mask'] as const;

/** Output `tokens` is input_ids as float32 [1, seq, 1]; `ids` (optional) is input_ids as float32 [1, seq]. */
function idsGraph(options: { inputs?: readonly string[]; idsOutput?: boolean; float?: boolean } = {}): Graph {
  const { inputs = ID_INPUTS, idsOutput = false, float = true } = options;
  const nodes: GraphNode[] = [
    { op: 'Cast', inputs: ['input_ids'], outputs: ['ids'], attributes: { to: float ? 1 : 7 } },
    { op: 'Unsqueeze', inputs: ['ids', 'last_axis'], outputs: ['tokens'] },
  ];
  const elemType: ElemType = float ? 'float32' : 'int64';
  return {
    inputs: inputs.map((name) => ({ name, elemType: 'int64', dims: ['b', 's'] })),
    outputs: [
      { name: 'tokens', elemType, dims: ['b', 's', 1] },
      ...(idsOutput ? [{ name: 'ids', elemType, dims: ['b', 's'] }] : []),
    ],
    nodes,
    constants: { last_axis: [2] },
  };
}

// The runtime's session class; its typings only expose the factory.
const sessions = (ort.InferenceSession as unknown as { prototype: ort.InferenceSession }).prototype;

let specs = 0;
function embedder(modelConfig: OnnxModelSpec['modelConfig'] = {}, graph: Graph = idsGraph()) {
  specs += 1;
  const zip = zipOf({ 'model.onnx': graph, 'tokenizer.json': TOKENIZER });
  return createOnnxEmbedder({ label: 'ids-model', sha256: `spec-${specs}`, zip, modelConfig });
}

afterAll(releaseOnnxReferences);

describe('createOnnxEmbedder', () => {
  it('mean-pools output #0 over the tokenized text, without normalising by default', async () => {
    // [CLS] the water [SEP] = 2, 4, 5, 3.
    expect(await embedder().embedTensor('the water')).toEqual({
      name: 'sentence_embedding',
      data_type: 'FLOAT32',
      shape: [1],
      data: Float32Array.of(3.5),
    });
  });

  it('applies the configured pooling and normalisation', async () => {
    expect(await embedder({ pooling_mode: 'max' }).embed('the water')).toEqual(Float32Array.of(5));
    expect(await embedder({ normalize_result: true }).embed('the water')).toEqual(Float32Array.of(1));
  });

  it('feeds token_type_ids for bert, which the model then requires', async () => {
    const graph = idsGraph({ inputs: [...ID_INPUTS, 'token_type_ids'] });
    await expect(embedder({ model_type: 'bert' }, graph).embed('the')).resolves.toEqual(Float32Array.of(3));
    await expect(embedder({ model_type: 'distilbert' }, graph).embed('the')).rejects.toThrowError(/token_type_ids/);
  });

  it('pools output #1 for pooling none when the model has two outputs', async () => {
    const tensor = await embedder({ pooling_mode: 'none' }, idsGraph({ idsOutput: true })).embedTensor('the');
    expect(tensor.shape).toEqual([1, 3]);
    expect(tensor.data).toEqual(Float32Array.of(2, 4, 3));
  });

  it('refuses an output that is not float32', async () => {
    await expect(embedder({}, idsGraph({ float: false })).embed('the')).rejects.toThrowError(
      'ids-model: output #0 is not a float32 tensor',
    );
  });

  it('loads the zip once and shares it until the references are released', async () => {
    const model = embedder();
    expect(model.tokenizer()).toBe(model.tokenizer());
    const before = model.tokenizer();
    await releaseOnnxReferences();
    expect(model.tokenizer()).not.toBe(before);
    expect(await model.embed('the')).toEqual(Float32Array.of(3));
  });

  it('releases the cached sessions', async () => {
    await embedder().embed('the');
    const release = vi.spyOn(sessions, 'release');
    await releaseOnnxReferences();
    expect(release).toHaveBeenCalled();
    release.mockRestore();
  });
});

describe('createOnnxEmbedder prefixes', () => {
  const asymmetric = { query_prefix: 'long ', passage_prefix: 'very ' };

  it('prefixes the text for its content type before tokenizing', async () => {
    const model = embedder(asymmetric);
    expect(model.prefixed('the', 'query')).toBe('long the');
    expect(model.prefixed('the', 'passage')).toBe('very the');
    expect(model.encode('the', 'passage').ids).toEqual([2, 7, 4, 3]);
    expect(await model.embed('the', 'query')).toEqual(Float32Array.of((2 + 8 + 4 + 3) / 4));
  });

  it('uses no prefix for a content type the model has none for', () => {
    expect(embedder({ passage_prefix: 'very ' }).prefixed('the', 'query')).toBe('the');
    expect(embedder({ query_prefix: 'long ' }).prefixed('the', 'passage')).toBe('the');
  });

  it('requires a content type from a model with any prefix', () => {
    for (const config of [{ query_prefix: 'long ' }, { passage_prefix: 'very ' }]) {
      expect(() => embedder(config).prefixed('the')).toThrowError(
        'The embedding model chosen is asymmetric. To use it, you must declare whether the input is of type `QUERY` or of type `PASSAGE`.',
      );
    }
  });

  it('refuses a content type for a model without prefixes', () => {
    expect(embedder().prefixed('the')).toBe('the');
    expect(() => embedder().prefixed('the', 'query')).toThrowError(
      'When passing AsymmetricTextEmbeddingParameters, the model requires to be registered with at least one of `query_prefix` or `passage_prefix`.',
    );
  });
});

describe('createOnnxReference', () => {
  const cards = loadCards();
  const byId = (id: string): ModelCard => {
    const card = cards.find((candidate) => candidate.id === id);
    if (!card) {
      throw new Error(`fixture card ${id} missing`);
    }
    return card;
  };

  it('refuses a card that is not ONNX', () => {
    expect(() => createOnnxReference(byId('tiny-torchscript'))).toThrowError(
      'tiny-torchscript: reference embeddings can only be computed for ONNX cards (format TORCH_SCRIPT)',
    );
  });

  it('embeds with the zip of a file artifact', async () => {
    expect(await createOnnxReference(byId('tiny-onnx-asym')).embed('the water', 'query')).toHaveLength(24);
  });

  it('needs the downloaded zip for a URL artifact, and uses it', async () => {
    const card = byId('tiny-onnx-sym');
    const remote: ModelCard = { ...card, artifact: { kind: 'url', url: 'https://example.org/m.zip', sha256: 'x' } };
    expect(() => createOnnxReference(remote)).toThrowError(
      'tiny-onnx-sym: artifact is a URL; pass options.zipPath with the downloaded zip',
    );
    const path = card.artifact.kind === 'file' ? card.artifact.path : '';
    const reference = createOnnxReference(remote, { zipPath: path });
    expect(reference.card).toBe(remote);
    expect(await reference.embed('the water')).toHaveLength(32);
  });
});
