import { SimulatorUnsupportedError, type EmbedRequest, type InferenceBackend } from './backend.ts';

/**
 * Answers predict from committed golden vectors (a card's reference.json) — the only honest way to "run" a
 * TorchScript model offline. It never invents numbers: a text that is not one of the card's probe inputs, or an
 * artifact without goldens, is refused with `SimulatorUnsupportedError`.
 */

export interface GoldenProbe {
  readonly id: string;
  readonly text: string;
}

/** The `embeddings` part of reference.json: vectors keyed by probe id. */
export interface GoldenEmbeddings {
  readonly plain?: Readonly<Record<string, readonly number[]>>;
  readonly query?: Readonly<Record<string, readonly number[]>>;
  readonly passage?: Readonly<Record<string, readonly number[]>>;
}

export interface GoldenSource {
  /** SHA-256 of the card's artifact (lowercase hex): the simulator looks goldens up by what was registered. */
  readonly sha256: string;
  /** Card id, for error messages. */
  readonly label: string;
  readonly probes: readonly GoldenProbe[];
  readonly embeddings: GoldenEmbeddings;
  /** The card's model_config prefixes; query/passage goldens were computed on prefix + text. */
  readonly queryPrefix?: string;
  readonly passagePrefix?: string;
}

/** Vectors keyed by the exact model input (prefix already applied), per content type. */
export interface GoldenSet {
  readonly label: string;
  readonly plain: ReadonlyMap<string, readonly number[]>;
  readonly query: ReadonlyMap<string, readonly number[]>;
  readonly passage: ReadonlyMap<string, readonly number[]>;
}

function goldenSet(source: GoldenSource): GoldenSet {
  const byInput = (
    vectors: GoldenEmbeddings[keyof GoldenEmbeddings],
    prefix: string,
  ): Map<string, readonly number[]> => {
    const out = new Map<string, readonly number[]>();
    for (const probe of source.probes) {
      const vector = vectors?.[probe.id];
      if (vector !== undefined) {
        out.set(prefix + probe.text, vector);
      }
    }
    return out;
  };
  return {
    label: source.label,
    plain: byInput(source.embeddings.plain, ''),
    query: byInput(source.embeddings.query, source.queryPrefix ?? ''),
    passage: byInput(source.embeddings.passage, source.passagePrefix ?? ''),
  };
}

export function buildGoldens(sources: readonly GoldenSource[]): Map<string, GoldenSet> {
  return new Map(sources.map((source) => [source.sha256.toLowerCase(), goldenSet(source)]));
}

export function createGoldenBackend(goldens: ReadonlyMap<string, GoldenSet>): InferenceBackend {
  return {
    name: 'golden',
    embed(request: EmbedRequest): Promise<number[][]> {
      const set = goldens.get(request.sha256);
      if (set === undefined) {
        return Promise.reject(
          new SimulatorUnsupportedError(
            `the golden backend has no reference vectors for artifact sha256 ${request.sha256} (${request.format})`,
          ),
        );
      }
      const variant =
        request.contentType === 'QUERY' ? 'query' : request.contentType === 'PASSAGE' ? 'passage' : 'plain';
      const table = set[variant];
      const out: number[][] = [];
      for (const text of request.texts) {
        const vector = table.get(text);
        if (vector === undefined) {
          return Promise.reject(
            new SimulatorUnsupportedError(
              `no golden ${variant} vector of card ${set.label} for input ${JSON.stringify(text.slice(0, 80))}; ` +
                'the golden backend only answers the card probe texts',
            ),
          );
        }
        out.push([...vector]);
      }
      return Promise.resolve(out);
    },
  };
}
