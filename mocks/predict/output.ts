import type { WrongBehaviour } from '../faults/types.ts';

export interface ModelTensor {
  name: string;
  /** FLOAT32 unless a misbehaving simulator says otherwise. */
  data_type: string;
  shape: number[];
  /** `"NaN"` only from a misbehaving simulator (Jackson's rendering of a non-finite float). */
  data?: (number | 'NaN')[];
}

export interface PredictResponseBody {
  /** `output` is absent (not `[]`) when `target_response` filtered every tensor away. */
  inference_results: { output?: ModelTensor[] }[];
}

/**
 * `ModelTensorOutput.toXContent`: one `inference_results` entry per input, each with the `sentence_embedding`
 * tensor unless `target_response` names only other tensors: then the entry is `{}` — `ModelTensors` writes no
 * `output` key for an empty list (recorded on 2.19.6 and 3.6.0, step onnx-sym:predict-unknown-target). Values are
 * rounded to float32, the precision a real node computes and prints in.
 */
export function predictResponse(
  vectors: readonly (readonly number[])[],
  options: { targetResponse?: readonly string[]; returnNumber: boolean; wrong: WrongBehaviour },
): PredictResponseBody {
  const wanted = options.targetResponse === undefined || options.targetResponse.includes('sentence_embedding');
  return {
    inference_results: vectors.map((vector) => {
      if (!wanted) {
        return {};
      }
      const data = misbehave(vector, options.wrong).map((value) => Math.fround(value));
      const tensor: ModelTensor = {
        name: 'sentence_embedding',
        data_type: options.wrong.embeddingDataType ?? 'FLOAT32',
        shape: [data.length],
      };
      if (options.returnNumber) {
        tensor.data = data.map((value) => (Number.isNaN(value) ? 'NaN' : value));
      }
      return { output: [tensor] };
    }),
  };
}

function misbehave(vector: readonly number[], wrong: WrongBehaviour): number[] {
  let out = [...vector];
  const delta = wrong.embeddingDimensionDelta ?? 0;
  if (delta > 0) {
    out = [...out, ...new Array<number>(delta).fill(0)];
  } else if (delta < 0) {
    out = out.slice(0, Math.max(0, out.length + delta));
  }
  const perturb = wrong.perturbEmbedding ?? 0;
  if (perturb !== 0) {
    out = out.map((value, index) => value + (index % 2 === 0 ? perturb : -perturb));
  }
  if (wrong.nanInEmbedding === true) {
    out = out.map((value, index) => (index === 0 ? Number.NaN : value));
  }
  const angle = wrong.rotateEmbedding ?? 0;
  if (angle !== 0) {
    out = rotatePairs(out, angle);
  }
  return out;
}

/** Rotation by `radians` in every plane (2i, 2i+1); an odd last element stays. */
function rotatePairs(vector: readonly number[], radians: number): number[] {
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  return vector.map((value, index) => {
    const partner = index % 2 === 0 ? vector[index + 1] : vector[index - 1];
    if (partner === undefined) {
      return value;
    }
    return index % 2 === 0 ? value * cos - partner * sin : partner * sin + value * cos;
  });
}
