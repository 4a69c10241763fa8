/**
 * Where recordings live and how they are written: `fixtures/recordings/<version>/<scenario file>` — `responses.json`
 * for the lifecycle scenario, `upload.json` for the chunked-upload one (recording-scenarios.ts).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { resolveFromRepo } from '../models/repo-paths.ts';
import type { Exchange } from './exchange.ts';

export interface Recording {
  readonly format: 'opensearch-ml-conformance/recording@1';
  /** OpenSearch version the responses came from. */
  readonly version: string;
  readonly recordedAt: string;
  readonly exchanges: readonly Exchange[];
}

const RECORDINGS_DIR = 'fixtures/recordings';

export function writeRecording(recording: Recording, dir = RECORDINGS_DIR, fileName = 'responses.json'): string {
  const target = path.join(resolveFromRepo(dir), recording.version);
  mkdirSync(target, { recursive: true });
  const file = path.join(target, fileName);
  writeFileSync(file, `${JSON.stringify(recording, null, 2)}\n`);
  return file;
}

/** Every version's recording of one scenario file (versions without that file are left out). */
export function readRecordings(dir = RECORDINGS_DIR, fileName = 'responses.json'): Recording[] {
  const root = resolveFromRepo(dir);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(root, entry.name, fileName)))
    .map((entry) => JSON.parse(readFileSync(path.join(root, entry.name, fileName), 'utf8')) as Recording)
    .sort((a, b) => a.version.localeCompare(b.version));
}
