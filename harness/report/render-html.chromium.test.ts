/**
 * index.html in a real headless Chromium: it loads from the file system with the network off, the matrix shows the
 * right mark and colour in the right cell, a skipped cell's footnote link lands on its reason, a failed cell's link
 * on its details. The full-page screenshot goes to the reports directory (`index-html-test.png`).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runConfig } from '../config/run-config.ts';
import { findChromium, openHeadless, type HeadlessPage } from './headless-chromium.ts';
import { sampleReport } from './testing/sample-report.ts';
import { writeReports } from './write-reports.ts';

const chromium = await findChromium();
// Locally a missing browser is a skip with the reason; in CI (CI=true) the test must run, so it fails instead.
const skip = 'missing' in chromium && !runConfig().CI ? chromium.missing : undefined;

/** The little of the DOM these checks use (the project compiles without the DOM library). */
interface PageElement {
  matches(selector: string): boolean;
  getBoundingClientRect(): { readonly top: number };
  readonly ownerDocument: {
    readonly defaultView: { getComputedStyle(element: PageElement): { readonly backgroundColor: string } } | null;
  };
}

const background = (el: PageElement): string | undefined =>
  el.ownerDocument.defaultView?.getComputedStyle(el).backgroundColor;
const isTarget = (el: PageElement): boolean => el.matches(':target');
const top = (el: PageElement): number => el.getBoundingClientRect().top;

function inPage<T>(locator: Locator, fn: (el: PageElement) => T): Promise<T> {
  return locator.evaluate(fn);
}

/** A test that skips with the reason when there is no browser to drive. */
function browserIt(name: string, body: () => Promise<void>): void {
  it(name, async (ctx) => {
    if (skip !== undefined) {
      ctx.skip(skip);
    }
    await body();
  });
}

describe('index.html in headless Chromium', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'omlc-html-'));
  let browser: HeadlessPage;

  beforeAll(async () => {
    if (skip !== undefined) {
      return;
    }
    if ('missing' in chromium) {
      throw new Error(chromium.missing);
    }
    writeReports(dir, sampleReport());
    browser = await openHeadless(chromium.path);
    await browser.page.goto(pathToFileURL(path.join(dir, 'index.html')).href);
  }, 60_000);

  afterAll(async () => {
    if (skip === undefined) {
      await browser.close();
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const cell = (card: string, check: string, project: string): string =>
    `tr[data-card="${card}"][data-check="${check}"] td[data-project="${project}"]`;

  browserIt('loads from the file system without a single network request', async () => {
    expect(await browser.page.title()).toBe('Conformance r20261202t100000-abcd: FAILED');
    expect(browser.requests.filter((url) => !url.startsWith('file://'))).toEqual([]);
    expect(await browser.page.locator('#outcome').textContent()).toBe('FAILED');
  });

  browserIt('shows the matrix: one row per card × check, marks and colours in the right cells', async () => {
    const { page } = browser;
    expect(await page.locator('table.matrix tr.check-row').count()).toBe(4);
    expect(await page.locator('table.matrix tr.error-row').count()).toBe(1);
    const passed = page.locator(cell('tiny-onnx-sym', 'lifecycle.register', 'offline:2.11-2.13'));
    const failed = page.locator(cell('tiny-onnx-sym', 'lifecycle.register', 'live:3.6.0'));
    expect((await passed.textContent())?.trim()).toBe('✓');
    expect((await failed.textContent())?.trim()).toBe('✗5');
    expect(await inPage(passed, background)).toBe('rgb(218, 251, 225)');
    expect(await inPage(failed, background)).toBe('rgb(255, 235, 233)');
  });

  browserIt("follows a skipped cell's footnote link to its reason, written once", async () => {
    const { page } = browser;
    await page
      .locator(cell('tiny-onnx-asym', 'asymmetric.divergence', 'live:3.6.0'))
      .locator('a')
      .click();
    expect(new URL(page.url()).hash).toBe('#note-4');
    const note = page.locator('#note-4');
    expect(await inPage(note, isTarget)).toBe(true);
    expect(await note.textContent()).toContain('no live target: OPENSEARCH_URL is not set');
    expect(await page.getByText('no live target', { exact: false }).count()).toBe(1);
    await expect.poll(() => inPage(note, top)).toBeLessThan(900);
  });

  browserIt("follows a failed cell's link to the failure with its request, and writes the screenshot", async () => {
    const { page } = browser;
    await page
      .locator(cell('tiny-onnx-sym', 'lifecycle.register', 'live:3.6.0'))
      .locator('a')
      .click();
    const failure = page.locator(new URL(page.url()).hash);
    expect(await failure.locator('.request').textContent()).toMatch(
      /failed request: POST \/_plugins\/_ml\/models\/_register → 400/,
    );
    await page.evaluate('window.scrollTo(0, 0)');
    const reports = path.resolve(runConfig().OMLC_REPORTS_DIR);
    mkdirSync(reports, { recursive: true });
    await page.screenshot({ path: path.join(reports, 'index-html-test.png'), fullPage: true });
  });
});
