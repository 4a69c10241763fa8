/** Where recordings live and how they are written: `fixtures/recordings/<version>/responses.json`. */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

export function writeRecording(recording: Recording, dir = RECORDINGS_DIR): string {
  const target = path.join(resolveFromRepo(dir), recording.version);
  mkdirSync(target, { recursive: true });
  const file = path.join(target, 'responses.json');
  writeFileSync(file, `${JSON.stringify(recording, null, 2)}\n`);
  return file;
}

export function readRecordings(dir = RECORDINGS_DIR): Recording[] {
  const root = resolveFromRepo(dir);
  return readdirSync(root, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => JSON.parse(readFileSync(path.join(root, entry.name, 'responses.json'), 'utf8')) as Recording)
    .sort((a, b) => a.version.localeCompare(b.version));
}
