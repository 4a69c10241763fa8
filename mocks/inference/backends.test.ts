import { describe, expect, it } from 'vitest';
import type { EmbedRequest } from './backend.ts';
import { SimulatorUnsupportedError } from './backend.ts';
import { buildGoldens, createGoldenBackend } from './golden-backend.ts';
import { createOnnxBackend, type OnnxEmbedArgs } from './onnx-backend.ts';
import { createRoutingBackend } from './routing-backend.ts';

const SHA = 'a'.repeat(64);
const config = { model_type: 'bert', embedding_dimension: 2, framework_type: 'SENTENCE_TRANSFORMERS' };
const request = (texts: string[], extra: Partial<EmbedRequest> = {}): EmbedRequest => ({
  artifact: new Uint8Array([1]),
  sha256: SHA,
  format: 'TORCH_SCRIPT',
  modelConfig: config,
  texts,
  sourceTexts: texts,
  ...extra,
});

describe('golden backend', () => {
  const goldens = buildGoldens([
    {
      sha256: SHA.toUpperCase(),
      label: 'e5-tiny',
      probes: [
        { id: 'p1', text: 'hello' },
        { id: 'p2', text: 'world' },
      ],
      embeddings: { query: { p1: [1, 0], p2: [0, 1] }, passage: { p1: [0.5, 0.5] } },
      queryPrefix: 'query: ',
      passagePrefix: 'passage: ',
    },
  ]);
  const backend = createGoldenBackend(goldens);

  it('answers prefixed probe inputs per content type, as copies', async () => {
    const out = await backend.embed(request(['query: hello', 'query: world'], { contentType: 'QUERY' }));
    expect(out).toEqual([
      [1, 0],
      [0, 1],
    ]);
    out[0]?.push(9);
    expect(await backend.embed(request(['passage: hello'], { contentType: 'PASSAGE' }))).toEqual([[0.5, 0.5]]);
    expect(await backend.embed(request(['query: hello'], { contentType: 'QUERY' }))).toEqual([[1, 0]]);
  });

  it('never invents numbers', async () => {
    await expect(backend.embed(request(['hello']))).rejects.toThrow(/no golden plain vector of card e5-tiny/);
    await expect(backend.embed(request(['passage: world'], { contentType: 'PASSAGE' }))).rejects.toBeInstanceOf(
      SimulatorUnsupportedError,
    );
    await expect(backend.embed(request(['x'], { sha256: 'b'.repeat(64) }))).rejects.toThrow(
      /^not supported by the simulator: the golden backend has no reference vectors/,
    );
  });
});

describe('ONNX adapter and routing', () => {
  it('passes both the model inputs and the client texts to the injected function; refuses TorchScript', async () => {
    const seen: OnnxEmbedArgs[] = [];
    const onnx = createOnnxBackend({
      embedOnnx: (args) => {
        seen.push(args);
        return Promise.resolve(args.texts.map(() => [0, 1]));
      },
    });
    await onnx.embed(request(['q: a'], { format: 'ONNX', sourceTexts: ['a'], contentType: 'QUERY' }));
    expect(seen[0]).toMatchObject({ texts: ['q: a'], sourceTexts: ['a'], contentType: 'QUERY', sha256: SHA });
    await expect(onnx.embed(request(['a']))).rejects.toThrow(/the ONNX backend cannot run TORCH_SCRIPT models/);
    expect('prepare' in onnx).toBe(false);
  });

  it('routes by format and refuses formats without a backend', async () => {
    const onnx = createOnnxBackend({ embedOnnx: () => Promise.resolve([[7, 7]]) });
    const routed = createRoutingBackend({ ONNX: onnx });
    expect(await routed.embed(request(['a'], { format: 'ONNX' }))).toEqual([[7, 7]]);
    await expect(routed.embed(request(['a']))).rejects.toThrow(/no inference backend is configured for TORCH_SCRIPT/);
    expect(routed.name).toBe('ONNX:onnx');
  });
});
