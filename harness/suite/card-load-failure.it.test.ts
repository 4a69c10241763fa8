/**
 * A card that fails to load (here: a static check at card load) must fail the run through Vitest — a thrown error in
 * the test file, which every reporter sees — never a process exit that skips the reporters. Runs one suite file of one
 * offline project in a child Vitest, with the broken card in a folder given by OMLC_CARDS_DIR.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inheritedEnv } from '../config/inherited-env.ts';
import { resolveFromRepo } from '../models/repo-paths.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'omlc-card-load-'));
afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('a card that fails to load', () => {
  it('fails the test file with the card error, and the run exits non-zero', () => {
    const cards = path.join(scratch, 'cards');
    cpSync(resolveFromRepo('fixtures/models/tiny-onnx-sym'), path.join(cards, 'broken'), { recursive: true });
    const file = path.join(cards, 'broken', 'card.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace('model_max_length: 64', 'model_max_length: 48'));
    const child = spawnSync(
      process.execPath,
      [resolveFromRepo('node_modules/vitest/vitest.mjs'), 'run', '--project', 'offline:3.x', 'suites/cleanup.spec.ts'],
      {
        cwd: resolveFromRepo('.'),
        encoding: 'utf8',
        timeout: 120_000,
        env: inheritedEnv({
          ML_TARGET: 'none',
          OMLC_CARDS_DIR: cards,
          ML_CARDS: 'broken',
          OMLC_REPORTS_DIR: path.join(scratch, 'reports'),
        }),
      },
    );
    const output = `${child.stdout}\n${child.stderr}`;
    expect(child.status, output).toBe(1);
    expect(output).toContain(`${file}: model_config.model_max_length: is 48 but tokenizer.json truncates at 64 tokens`);
    expect(output).toMatch(/Test Files\s+.*1 failed/);
  });
});
