import { unzipSync } from 'fflate';
import { fillTemplate } from '../http/errors.ts';
import type { Profile } from '../profiles/index.ts';
import type { ModelFormat } from '../state/types.ts';

const EXTENSIONS: Readonly<Record<ModelFormat, string>> = { TORCH_SCRIPT: '.pt', ONNX: '.onnx' };
const EXECUTABLE = /\.(jar|class|so|dylib|dll)$/i;

/** Entry names in central-directory order, without decompressing anything. Throws on bytes that are not a zip. */
export function listZipEntries(bytes: Uint8Array): string[] {
  const names: string[] = [];
  unzipSync(bytes, {
    filter: (file) => {
      names.push(file.name);
      return false;
    },
  });
  return names;
}

/**
 * `ModelHelper.verifyModelZipFile`, entry by entry: for each name ending `.pt`/`.onnx`, a format mismatch is
 * reported before a duplicate; after the loop, no model file, then no root-level `tokenizer.json`. Returns the
 * task error text, or `undefined` when ML Commons would accept the zip.
 */
export function verifyModelZip(bytes: Uint8Array, format: ModelFormat, profile: Profile): string | undefined {
  const texts = profile.taskErrors;
  let names: string[];
  try {
    names = listZipEntries(bytes);
  } catch {
    return texts.invalidZip;
  }
  const found: Record<ModelFormat, boolean> = { TORCH_SCRIPT: false, ONNX: false };
  let hasTokenizer = false;
  for (const name of names) {
    if (profile.features.rejectsExecutables && EXECUTABLE.test(name)) {
      return fillTemplate(texts.disallowedExecutable, { name });
    }
    for (const target of ['TORCH_SCRIPT', 'ONNX'] as const) {
      const ext = EXTENSIONS[target];
      if (!name.endsWith(ext)) {
        continue;
      }
      if (format !== target) {
        return fillTemplate(texts.formatMismatch, { format, ext });
      }
      if (found[target]) {
        return texts.multipleModelFiles;
      }
      found[target] = true;
    }
    // Exact match only: `model/tokenizer.json` does not count, as in ML Commons.
    if (name === 'tokenizer.json') {
      hasTokenizer = true;
    }
  }
  if (!found.TORCH_SCRIPT && !found.ONNX) {
    return texts.noModelFile;
  }
  if (!hasTokenizer) {
    return texts.noTokenizer;
  }
  return undefined;
}
