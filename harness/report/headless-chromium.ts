/**
 * Opens a page in the machine's own Chromium (Debian's `chromium`, or `OMLC_CHROMIUM`) through playwright-core —
 * never a downloaded browser — headless, offline, with a fresh profile that is removed on close. Used by the HTML
 * report's browser test and `scripts/screenshot-report.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright-core';
import { runConfig } from '../config/run-config.ts';
import { findOnPath } from '../targets/native/exec.ts';

/** No sandbox (root in CI containers), no GPU, nothing that calls home. */
const FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CANDIDATES = ['chromium', 'chromium-browser'];

/** The Chromium to drive, or why there is none. */
export async function findChromium(): Promise<{ path: string } | { missing: string }> {
  const configured = runConfig().OMLC_CHROMIUM;
  if (configured !== undefined) {
    return { path: configured };
  }
  for (const name of CANDIDATES) {
    const found = await findOnPath(name);
    if (found !== undefined) {
      return { path: found };
    }
  }
  return {
    missing: `no Chromium: none of ${CANDIDATES.join(', ')} on PATH (apt-get install -y chromium, or set OMLC_CHROMIUM)`,
  };
}

export interface HeadlessPage {
  readonly page: Page;
  /** Every URL the page requested (the report must need nothing but its own file). */
  readonly requests: readonly string[];
  close(): Promise<void>;
}

export async function openHeadless(
  executablePath: string,
  viewport = { width: 1400, height: 900 },
): Promise<HeadlessPage> {
  const profile = mkdtempSync(path.join(tmpdir(), 'omlc-chromium-'));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: FLAGS,
      offline: true,
      viewport,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    return {
      page,
      requests,
      close: async () => {
        try {
          await context.close();
        } finally {
          rmSync(profile, { recursive: true, force: true });
        }
      },
    };
  } catch (error) {
    rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}
