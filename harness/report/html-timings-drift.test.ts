import { describe, expect, it } from 'vitest';
import { driftSection, timingsSection } from './html-timings-drift.ts';

const flat = (fragment: { html: string }): string =>
  fragment.html.replace(/\s+/g, ' ').replace(/> </g, '><').replace(/ >/g, '>').trim();

describe('timingsSection', () => {
  it('is nothing without timings', () => {
    expect(timingsSection([])).toEqual({ html: '' });
  });

  it('draws the server bar and its column only for phases with a server time', () => {
    const page = flat(
      timingsSection([
        {
          project: 'p',
          phases: [
            { phase: 'deploy', count: 2, medianWallMs: 50, medianServerMs: 25, maxWallMs: 100, failed: 0 },
            { phase: 'predict', count: 1, medianWallMs: 10, maxWallMs: 10, failed: 1 },
          ],
        },
      ]),
    );
    expect(page).toContain('title="median 50 ms wall, 25 ms on the server, max 100 ms"');
    expect(page).toContain('<div class="server" style="width:25.0%"></div>');
    expect(page).toContain('title="median 10 ms wall, max 10 ms"');
    expect(page.match(/class="server"/g)).toHaveLength(1);
    expect(page).toMatch(
      /<td class="num">10 ms<\/td><td class="num">–<\/td><td class="num">10 ms<\/td><td class="num">1<\/td>/,
    );
  });
});

describe('driftSection', () => {
  it('is nothing without tables', () => {
    expect(driftSection([])).toEqual({ html: '' });
  });

  it('lists notes only when a table has some', () => {
    const row = { cells: ['c'], ok: true };
    expect(flat(driftSection([{ title: 't', columns: ['card'], rows: [row] }]))).not.toContain('<ul>');
    expect(flat(driftSection([{ title: 't', columns: ['card'], rows: [row], notes: ['n'] }]))).toContain(
      '<ul><li>n</li></ul>',
    );
  });
});
