/**
 * What a ready-made model zip says about the model when `init` is given the zip instead of a folder: the model file
 * and tokenizer.json (ML Commons' layout), plus config.json, modules.json and the pooling config when the zip happens
 * to carry them. Everything else is left unknown and becomes a TODO in the card.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { extractZipEntries, listZipEntries } from '../artifacts/zip-entries.ts';
import { readStFolder, StFolderError, type StFolder } from './st-folder.ts';

const SMALL_FILES = new Set([
  'tokenizer.json',
  'config.json',
  'modules.json',
  '1_Pooling/config.json',
  '2_Dense/config.json',
  'sentence_bert_config.json',
  'config_sentence_transformers.json',
]);

/** Reads the zip's small files through the folder reader (in a temporary folder, with an empty model placeholder). */
export function readModelZip(zipPath: string): StFolder {
  let entries;
  try {
    entries = listZipEntries(zipPath);
  } catch (error) {
    throw new StFolderError(`${zipPath}: not a readable zip archive (${(error as Error).message})`);
  }
  const roots = entries.filter((e) => !e.name.includes('/') && /\.(onnx|pt)$/.test(e.name));
  if (roots.length !== 1 || roots[0] === undefined) {
    throw new StFolderError(
      `${zipPath}: expected exactly one .onnx or .pt file at the zip root, found ${roots.length === 0 ? 'none' : roots.map((e) => e.name).join(', ')}`,
    );
  }
  const modelFile = roots[0].name;
  const files = extractZipEntries(zipPath, (name) => SMALL_FILES.has(name));
  const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-init-zip-'));
  try {
    writeFileSync(path.join(scratch, modelFile), '');
    for (const [name, bytes] of files) {
      mkdirSync(path.dirname(path.join(scratch, name)), { recursive: true });
      writeFileSync(path.join(scratch, name), bytes);
    }
    return { ...readStFolder(scratch), dir: zipPath };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}
