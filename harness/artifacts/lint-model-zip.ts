/**
 * Offline replica of the zip checks ML Commons runs in the register task (`ModelHelper.verifyModelZipFile`,
 * ml-commons-behavior.md §3.1) plus the deploy-time layout rule (only top-level files are scanned, `DLModel`).
 * ML Commons stops at the first problem; the lint reports all of them, in the order ML Commons would meet them,
 * so `findings[0]` (among `stage: 'register'`) is the error text the register task would end with.
 */
import { errorMessage } from '../errors/error-message.ts';
import { MODEL_FILE_EXTENSION, MODEL_FORMATS, type ModelFormat } from './model-format.ts';
import type { ZipLintCode } from './lint-codes.ts';
import { isRootEntry, listZipEntries, type ZipEntryInfo, type ZipSource } from './zip-entries.ts';

export interface ZipLintFinding {
  readonly code: ZipLintCode;
  /** The zip entry at fault; absent when the problem is something missing. */
  readonly entry?: string;
  /** Which ML Commons step fails: the register task or the later deploy. */
  readonly stage: 'register' | 'deploy';
  /** The error text ML Commons reports for it. */
  readonly message: string;
}

const TOKENIZER_FILE_NAME = 'tokenizer.json';
// Rejected by ml-commons ≥ 3.x (`DISALLOWED_MODEL_FILE_EXTENSIONS`); older versions accept them silently.
const EXECUTABLE_EXTENSIONS = ['.jar', '.class', '.so', '.dylib', '.dll'];

export function lintModelZip(zip: ZipSource, format: ModelFormat): ZipLintFinding[] {
  let entries: ZipEntryInfo[];
  try {
    entries = listZipEntries(zip);
  } catch (error) {
    const reason = errorMessage(error);
    return [{ code: 'unreadable-zip', stage: 'register', message: `not a readable zip archive (${reason})` }];
  }
  return [...registerFindings(entries, format), ...deployFindings(entries, format)];
}

function registerFindings(entries: readonly ZipEntryInfo[], format: ModelFormat): ZipLintFinding[] {
  const findings: ZipLintFinding[] = [];
  let modelFiles = 0;
  let hasTokenizer = false;
  for (const { name } of entries) {
    const lower = name.toLowerCase();
    if (EXECUTABLE_EXTENSIONS.some((extension) => lower.endsWith(extension))) {
      findings.push({
        code: 'executable',
        entry: name,
        stage: 'register',
        message: `Model archive contains a disallowed executable file: ${name}`,
      });
    }
    for (const candidate of MODEL_FORMATS) {
      // Case-sensitive, and on the full entry name, exactly like `fileName.endsWith(fileExtension)`.
      const extension = MODEL_FILE_EXTENSION[candidate];
      if (!name.endsWith(extension)) {
        continue;
      }
      if (candidate !== format) {
        findings.push({
          code: 'wrong-format',
          entry: name,
          stage: 'register',
          message: `Model format is ${format}, but find ${extension} file`,
        });
      } else if (++modelFiles > 1) {
        findings.push({
          code: 'multiple-model-files',
          entry: name,
          stage: 'register',
          message: 'Find multiple model files, but expected only one',
        });
      }
    }
    // Exact match on the full name: `model/tokenizer.json` does not count.
    if (name === TOKENIZER_FILE_NAME) {
      hasTokenizer = true;
    }
  }
  if (modelFiles === 0 && !findings.some((finding) => finding.code === 'wrong-format')) {
    findings.push({ code: 'no-model-file', stage: 'register', message: "Can't find model file" });
  }
  if (!hasTokenizer) {
    findings.push({ code: 'no-tokenizer', stage: 'register', message: 'No tokenizer file' });
  }
  return findings;
}

function deployFindings(entries: readonly ZipEntryInfo[], format: ModelFormat): ZipLintFinding[] {
  const extension = MODEL_FILE_EXTENSION[format];
  return entries
    .filter(({ name }) => name.endsWith(extension) && !isRootEntry(name))
    .map(({ name }) => ({
      code: 'model-not-at-root' as const,
      entry: name,
      stage: 'deploy' as const,
      // The register task accepts it; deploy unzips and only looks at top-level files, so DJL finds no model.
      message: 'Failed to deploy model <model_id>',
    }));
}
