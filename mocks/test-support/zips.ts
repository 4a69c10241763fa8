import { strToU8, zipSync } from 'fflate';

/** In-memory zips for tests: entry name → text or bytes, in the given order. */
export function buildZip(entries: Readonly<Record<string, string | Uint8Array>>): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  for (const [name, content] of Object.entries(entries)) {
    files[name] = typeof content === 'string' ? strToU8(content) : content;
  }
  return zipSync(files);
}

/** A zip ML Commons accepts for `format`: one model file and a root-level tokenizer.json. */
export function modelZip(format: 'ONNX' | 'TORCH_SCRIPT', marker = 'model'): Uint8Array {
  return buildZip({
    [format === 'ONNX' ? `${marker}.onnx` : `${marker}.pt`]: new Uint8Array([1, 2, 3, marker.length]),
    'tokenizer.json': '{"version":"1.0"}',
  });
}
