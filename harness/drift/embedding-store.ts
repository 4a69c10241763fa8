/**
 * Hand-over of recordings inside one run: each project's drift suite writes what it recorded, one file per card, and
 * later readers (the cross-version project, the baseline writer in the reporter) read them back. Keyed by the run
 * id, so a previous run's files are never mixed in; files are written whole (temp + rename).
 */
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { RecordedCard } from './recording.ts';
import type { ClusterIdentity, RunRecording } from './run-recording.ts';

interface StoredCard {
  readonly project: string;
  readonly cluster: ClusterIdentity;
  readonly card: RecordedCard;
}

/** Default place: `<tmp>/opensearch-ml-conformance/drift/<runId>`. */
export function embeddingStoreDir(runId: string, root: string = tmpdir()): string {
  return join(root, 'opensearch-ml-conformance', 'drift', runId.replace(/[^\w.-]/g, '_'));
}

export class EmbeddingStore {
  readonly dir: string;

  constructor(dir: string) {
    this.dir = dir;
  }

  async write(project: string, cluster: ClusterIdentity, card: RecordedCard): Promise<void> {
    const projectDir = join(this.dir, encodeURIComponent(project));
    await mkdir(projectDir, { recursive: true });
    const file = join(projectDir, `${encodeURIComponent(card.id)}.json`);
    const temp = `${file}.tmp-${process.pid}`;
    const stored: StoredCard = { project, cluster, card };
    await writeFile(temp, JSON.stringify(stored));
    await rename(temp, file);
  }

  /** Every project's recording, projects and cards sorted by name. */
  async readAll(): Promise<RunRecording[]> {
    if (!existsSync(this.dir)) {
      return [];
    }
    const recordings: RunRecording[] = [];
    for (const projectDir of (await readdir(this.dir)).sort()) {
      const files = (await readdir(join(this.dir, projectDir))).filter((f) => f.endsWith('.json')).sort();
      const stored = await Promise.all(
        files.map(async (f) => JSON.parse(await readFile(join(this.dir, projectDir, f), 'utf8')) as StoredCard),
      );
      const [first] = stored;
      if (first !== undefined) {
        recordings.push({ project: first.project, cluster: first.cluster, cards: stored.map((s) => s.card) });
      }
    }
    return recordings;
  }

  async remove(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}
