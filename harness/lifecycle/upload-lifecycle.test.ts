import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../ml/clock.ts';
import { MlHttpError } from '../ml/errors.ts';
import type { RegistrationPath } from '../targets/target-info.ts';
import type { LifecycleRegisterRequest } from './lifecycle-types.ts';
import { ModelLifecycle } from './model-lifecycle.ts';
import { ResourceLedger } from './resource-ledger.ts';
import { FakeMl } from './testing/fake-ml.ts';
import { chunkCount, checkedChunkBytes, type UploadArtifact } from './upload-registration.ts';

const RUN = 'r20261202t030000-ab12';
const dir = mkdtempSync(path.join(tmpdir(), 'omlc-upload-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function artifactOf(bytes: number, name = 'model.zip'): UploadArtifact {
  const file = path.join(dir, name);
  writeFileSync(file, Buffer.alloc(bytes, 7));
  return { path: file, sha256: 'f'.repeat(64), size: bytes };
}

function clock(): Clock {
  let now = 0;
  return {
    now: () => (now += 5),
    sleep: (ms) => {
      now += ms;
      return Promise.resolve();
    },
  };
}

let ml: FakeMl;
let ledger: ResourceLedger;
let lines: string[];

function lifecycle(registration: RegistrationPath = 'upload', scope = 'card'): ModelLifecycle {
  return new ModelLifecycle({
    client: ml.client,
    ledger,
    runId: RUN,
    scope,
    timeouts: { registerMs: 5000, deployMs: 5000, undeployMs: 5000, chunkCleanupMs: 5000 },
    clock: clock(),
    registration,
    progress: (line) => lines.push(line),
  });
}

const request = (artifact: UploadArtifact): LifecycleRegisterRequest => ({
  version: '1.0.0',
  model_format: 'ONNX',
  model_content_hash_value: artifact.sha256,
  url: 'http://127.0.0.1:1/never-used.zip',
  artifact,
});

beforeEach(() => {
  ml = new FakeMl();
  ledger = new ResourceLedger();
  lines = [];
});

describe('chunked upload through the lifecycle driver', () => {
  it('sends the metadata, then every chunk in order, and the model ends REGISTERED', async () => {
    const driver = lifecycle();
    const { groupId } = await driver.registerGroup();
    const uploaded = await driver.upload.registerModel(request(artifactOf(25)), { chunkBytes: 10 });
    expect(uploaded).toMatchObject({ via: 'upload', totalChunks: 3, uploadedBytes: 25 });
    expect(ml.calls.filter((c) => !c.startsWith('registerModelGroup') && !c.startsWith('getModel'))).toEqual([
      `registerModelMeta omlc-${RUN}-card-model 3`,
      `uploadModelChunk ${uploaded.modelId} 0 10`,
      `uploadModelChunk ${uploaded.modelId} 1 10`,
      `uploadModelChunk ${uploaded.modelId} 2 5`,
    ]);
    expect(ml.models.get(uploaded.modelId)).toMatchObject({ state: 'REGISTERED', groupId });
    expect(lines).toEqual([
      expect.stringMatching(/^upload omlc-.*-card-model: chunk 1\/3 \(0\.0 of 0\.0 MB, \d+\.\d s\)$/),
      expect.stringContaining('chunk 2/3'),
      expect.stringContaining('chunk 3/3'),
    ]);
    expect(driver.timings().map((t) => [t.phase, t.ok])).toEqual([
      ['register-group', true],
      ['register-model', true],
    ]);
  });

  it('tracks the model from the metadata answer on, before any chunk goes up', async () => {
    ml.behaviour = { refuseChunk: 0 };
    const driver = lifecycle();
    await driver.registerGroup();
    const error = await driver.upload.registerModel(request(artifactOf(5))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MlHttpError);
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
    await ledger.releaseAll();
    expect(ml.models.size).toBe(0);
    expect(ml.groups.size).toBe(0);
  });

  it('finds the model by name when the metadata answer is lost', async () => {
    ml.behaviour = { metaAnswerLost: true };
    const driver = lifecycle();
    await driver.registerGroup();
    await expect(driver.upload.registerModel(request(artifactOf(5)))).rejects.toThrow('socket hang up');
    expect(ledger.pending.map((r) => r.kind)).toEqual(['model-group', 'model']);
    await ledger.releaseAll();
    expect(ml.models.size).toBe(0);
  });

  it('register() follows the registration path the target was given', async () => {
    const viaUpload = lifecycle('upload');
    await viaUpload.registerGroup();
    await expect(viaUpload.register(request(artifactOf(5)))).resolves.toMatchObject({ via: 'upload' });
    const viaUrl = lifecycle('url', 'other');
    await viaUrl.registerGroup();
    await expect(viaUrl.register(request(artifactOf(5)))).resolves.toMatchObject({ via: 'url' });
    // The URL path never sends the local artifact.
    expect(ml.calls).toContain(`registerModel omlc-${RUN}-other-model`);
    expect(lines).toEqual([]);
  });

  it('refuses a request without a local artifact and a file that shrank since it was hashed', async () => {
    const driver = lifecycle();
    await driver.registerGroup();
    const { artifact: _none, ...withoutArtifact } = request(artifactOf(5));
    await expect(driver.upload.registerModel(withoutArtifact)).rejects.toThrow('no local artifact');
    const shrunk = { ...artifactOf(5, 'short.zip'), size: 9 };
    await expect(driver.upload.registerModel(request(shrunk))).rejects.toThrow('read 5 of 9 bytes of chunk 0');
  });

  it('counts an uploaded model as deleted only once its chunk documents are gone, also when released', async () => {
    const driver = lifecycle();
    await driver.registerGroup();
    const first = await driver.upload.registerModel(request(artifactOf(5)));
    ml.behaviour = { lingeringChunkSearches: 3 };
    await driver.deleteModel(first.modelId);
    expect(ml.calls.filter((c) => c === 'searchModels')).toHaveLength(4);
    expect(ml.behaviour.lingeringChunkSearches).toBe(0);

    await driver.upload.registerModel({ ...request(artifactOf(5)), name: 'second' });
    ml.behaviour = { lingeringChunkSearches: 2 };
    await ledger.releaseAll();
    expect(ml.behaviour.lingeringChunkSearches).toBe(0);
    expect(ml.models.size).toBe(0);
    expect(ml.groups.size).toBe(0);
  });

  it('gives up on lingering chunks at the deadline, naming them', async () => {
    const driver = lifecycle();
    await driver.registerGroup();
    const { modelId } = await driver.upload.registerModel(request(artifactOf(5)));
    ml.behaviour = { lingeringChunkSearches: 1_000_000 };
    await expect(driver.deleteModel(modelId)).rejects.toThrow(
      new RegExp(`chunk documents of model ${modelId} still in the model index 5 s after .*: ${modelId}_0`),
    );
  });

  it('counts chunks of at most 10,000,000 bytes and refuses other sizes', () => {
    expect(chunkCount(0)).toBe(1);
    expect(chunkCount(10_000_000)).toBe(1);
    expect(chunkCount(10_000_001)).toBe(2);
    expect(chunkCount(90_900_000)).toBe(10);
    expect(() => checkedChunkBytes(10_000_001)).toThrow('1 to 10000000 bytes');
    expect(() => checkedChunkBytes(0)).toThrow(RangeError);
  });

  it('runs afterMeta between the metadata and the first chunk, and times the chunks alone', async () => {
    const driver = lifecycle();
    const seen: string[] = [];
    const uploaded = await driver.upload.registerModel(request(artifactOf(25)), {
      chunkBytes: 10,
      afterMeta: (meta) => {
        seen.push(`${meta.name} ${meta.totalChunks} ${ml.models.get(meta.modelId)?.state ?? '-'} ${ml.calls.length}`);
        return Promise.resolve();
      },
    });
    expect(seen).toEqual([`omlc-${RUN}-card-model 3 REGISTERING 1`]);
    // The clock moves 5 ms a reading; the metadata request's readings come before the chunk timer starts, and the
    // wait for REGISTERED after the last chunk is not part of it (40 ms when it was).
    expect(uploaded.uploadMs).toBe(25);
  });

  it('sends no model_group_id without a group, and removes the group ML Commons made on release', async () => {
    const meta = vi.spyOn(ml.client, 'registerModelMeta');
    const driver = lifecycle();
    await driver.upload.registerModel(request(artifactOf(5)));
    expect(Object.keys(meta.mock.calls[0]?.[0] ?? {})).not.toContain('model_group_id');
    expect(ml.groups.size).toBe(1);
    await ledger.releaseAll();
    expect(ml.groups.size).toBe(0);
  });

  it('waits for the chunks of a deleted model once', async () => {
    const driver = lifecycle();
    const { modelId } = await driver.upload.registerModel(request(artifactOf(5)));
    await driver.deleteModel(modelId);
    const searches = ml.calls.filter((c) => c === 'searchModels').length;
    await driver.upload.whenDeleted(modelId);
    expect(ml.calls.filter((c) => c === 'searchModels')).toHaveLength(searches);
  });

  it("names a metadata-only registration after the run, and leaves the driver's group to its own entry", async () => {
    const driver = lifecycle();
    await driver.registerGroup();
    const meta = await driver.upload.registerMeta(request(artifactOf(5)));
    expect(meta.name).toBe(`omlc-${RUN}-card-model`);
    const report = await ledger.releaseAll();
    expect(report.alreadyGone).toEqual([]);
    expect(report.released.map((r) => r.kind)).toEqual(['model', 'model-group']);
  });
});
