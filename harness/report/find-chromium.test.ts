/** Which Chromium the report's browser checks would drive, decided without starting one. */
import { chmodSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { findChromium, openHeadless } from './headless-chromium.ts';

let bin = '';

beforeEach(() => {
  bin = mkdtempSync(path.join(tmpdir(), 'omlc-find-chromium-'));
  vi.stubEnv('OMLC_CHROMIUM', '');
  vi.stubEnv('PATH', bin);
});

afterEach(() => {
  vi.unstubAllEnvs();
  rmSync(bin, { recursive: true, force: true });
});

function executable(name: string): string {
  const file = path.join(bin, name);
  writeFileSync(file, '#!/bin/sh\nexit 1\n');
  chmodSync(file, 0o755);
  return file;
}

describe('findChromium', () => {
  it('takes OMLC_CHROMIUM as given', async () => {
    vi.stubEnv('OMLC_CHROMIUM', '/opt/chrome/chrome');
    expect(await findChromium()).toEqual({ path: '/opt/chrome/chrome' });
  });

  it('looks for chromium, then chromium-browser, on PATH', async () => {
    const browser = executable('chromium-browser');
    expect(await findChromium()).toEqual({ path: browser });
    const chromium = executable('chromium');
    expect(await findChromium()).toEqual({ path: chromium });
  });

  it('says what to install when there is none', async () => {
    expect(await findChromium()).toEqual({
      missing:
        'no Chromium: none of chromium, chromium-browser on PATH (apt-get install -y chromium, or set OMLC_CHROMIUM)',
    });
  });
});

describe('openHeadless', () => {
  it('removes its fresh profile when the browser cannot start', async () => {
    const profiles = (): string[] => readdirSync(tmpdir()).filter((name) => name.startsWith('omlc-chromium-'));
    const before = profiles();
    await expect(openHeadless(path.join(bin, 'no-such-chromium'))).rejects.toThrow();
    expect(profiles()).toEqual(before);
  });
});
