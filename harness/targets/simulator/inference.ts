/**
 * How the simulator computes embeddings: ONNX zips really run (onnxruntime-node, the same code that computes the
 * suites' references — so a simulator bug and a reference bug would have to coincide to hide), TorchScript
 * answers only the cards' golden vectors for their probe texts.
 */
import {
  buildGoldens,
  createGoldenBackend,
  createOnnxBackend,
  createRoutingBackend,
  type GoldenSource,
  type InferenceBackend,
  type OnnxEmbedArgs,
} from '../../../mocks/index.ts';
import type { ModelCard } from '../../models/model-card.ts';
import { POOLING_MODES, type PoolingMode } from '../../models/model-config-schema.ts';
import { createOnnxEmbedder } from '../../onnx/onnx-reference.ts';

function poolingMode(stored: string | undefined): PoolingMode | undefined {
  if (stored === undefined) {
    return undefined;
  }
  const mode = POOLING_MODES.find((m) => m === stored.toLowerCase());
  if (mode === undefined) {
    throw new Error(`stored pooling_mode "${stored}" is none of ${POOLING_MODES.join(', ')}`);
  }
  return mode;
}

async function embedOnnx(args: OnnxEmbedArgs): Promise<number[][]> {
  // The simulator already applied the prefix for the content type (per its version profile), so the embedder
  // gets the final model inputs and a config without prefixes.
  const embedder = createOnnxEmbedder({
    label: `artifact ${args.sha256.slice(0, 12)}`,
    sha256: args.sha256,
    zip: args.zip,
    modelConfig: {
      model_type: args.modelConfig.model_type,
      pooling_mode: poolingMode(args.modelConfig.pooling_mode),
      normalize_result: args.modelConfig.normalize_result,
    },
  });
  const vectors: number[][] = [];
  for (const text of args.texts) {
    vectors.push(Array.from(await embedder.embed(text)));
  }
  return vectors;
}

function goldenSource(card: ModelCard): GoldenSource[] {
  if (card.reference === undefined) {
    return [];
  }
  const { plain, query, passage } = card.reference;
  return [
    {
      sha256: card.artifact.sha256,
      label: card.id,
      probes: card.probes.map((p) => ({ id: p.id, text: p.text })),
      embeddings: {
        ...(plain === undefined ? {} : { plain }),
        ...(query === undefined ? {} : { query }),
        ...(passage === undefined ? {} : { passage }),
      },
      ...(card.modelConfig.query_prefix === undefined ? {} : { queryPrefix: card.modelConfig.query_prefix }),
      ...(card.modelConfig.passage_prefix === undefined ? {} : { passagePrefix: card.modelConfig.passage_prefix }),
    },
  ];
}

export function simulatorInference(cards: readonly ModelCard[]): InferenceBackend {
  return createRoutingBackend({
    ONNX: createOnnxBackend({ embedOnnx }),
    TORCH_SCRIPT: createGoldenBackend(buildGoldens(cards.flatMap(goldenSource))),
  });
}
