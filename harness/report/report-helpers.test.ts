/** The small pure helpers of the reports: drift-table shape check, request text, HTML escaping, phase statistics. */
import { describe, expect, it } from 'vitest';
import { isDriftTable } from './drift-slot.ts';
import { formatRequest, requestOf } from './error-request.ts';
import { esc, html, raw } from './html.ts';
import { phaseTimings } from './phase-timings.ts';
import { buildReport, type CaseResult } from './report-model.ts';

describe('isDriftTable', () => {
  const row = { cells: ['a'], ok: true };
  it('accepts a title, string columns, optional string notes and rows of string cells with ok', () => {
    expect(isDriftTable({ title: 't', columns: ['a'], rows: [row] })).toBe(true);
    expect(isDriftTable({ title: 't', columns: [], rows: [], notes: ['n'] })).toBe(true);
  });

  it.each([
    ['null', null],
    ['a string', 'table'],
    ['no title', { columns: [], rows: [] }],
    ['a numeric column', { title: 't', columns: [1], rows: [] }],
    ['columns not a list', { title: 't', columns: 'a', rows: [] }],
    ['a numeric note', { title: 't', columns: [], rows: [], notes: [2] }],
    ['rows not a list', { title: 't', columns: [], rows: {} }],
    ['a null row', { title: 't', columns: [], rows: [null] }],
    ['a string row', { title: 't', columns: [], rows: ['r'] }],
    ['a numeric cell', { title: 't', columns: [], rows: [{ cells: [1], ok: true }] }],
    ['ok not a boolean', { title: 't', columns: [], rows: [{ cells: [], ok: 'yes' }] }],
  ])('refuses %s', (_, value) => {
    expect(isDriftTable(value)).toBe(false);
  });
});

describe('requestOf and formatRequest', () => {
  it('read method, path and a numeric status from an error-like value', () => {
    expect(requestOf({ request: { method: 'GET', path: '/x', status: 404 } })).toEqual({
      method: 'GET',
      path: '/x',
      status: 404,
    });
    expect(requestOf({ request: { method: 'GET', path: '/x', status: '404' } })).toEqual({ method: 'GET', path: '/x' });
    for (const value of [
      null,
      undefined,
      'text',
      {},
      { request: null },
      { request: 'GET /' },
      { request: { method: 'GET' } },
      { request: { path: '/' } },
    ]) {
      expect(requestOf(value)).toBeUndefined();
    }
  });

  it('show the status, or that no answer came', () => {
    expect(formatRequest({ method: 'POST', path: '/a', status: 400 })).toBe('POST /a → 400');
    expect(formatRequest({ method: 'POST', path: '/a' })).toBe('POST /a → no answer');
  });
});

describe('html', () => {
  it('escapes every interpolated text, and inserts fragments and lists of them as they are', () => {
    expect(esc(`<a href="x">Tom & Jerry's</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;');
    const value = html`<p>${'<b>'}${raw('<i>ok</i>')}${[raw('<br>'), '&']}${3}${true}${false}${undefined}${null}</p>`;
    expect(value).toEqual({ html: '<p>&lt;b&gt;<i>ok</i><br>&amp;3true</p>' });
    expect(html``).toEqual({ html: '' });
  });

  it('refuses values it cannot render safely', () => {
    expect(() => html`${{ other: 1 }}`).toThrow('cannot put object into HTML');
    expect(() => html`${{ html: 1 }}`).toThrow(TypeError);
    expect(() => html`${() => 1}`).toThrow('cannot put function into HTML');
    expect(() => html`${Symbol('s')}`).toThrow('cannot put symbol into HTML');
  });
});

describe('phaseTimings', () => {
  const at = (project: string, timings: CaseResult['meta']['timings'], card = 'c'): CaseResult => ({
    caseId: `${project}:s:${card}:x`,
    project,
    target: 't',
    meta: { suite: 's', check: 'x', card, ...(timings === undefined ? {} : { timings }) },
    title: 'x',
    status: 'passed',
    durationMs: 1,
  });

  it('gives per project and phase the count, median and max wall time, server median and failures, in lifecycle order', () => {
    const report = buildReport(
      {
        runId: 'r',
        cases: [
          at('b', [{ phase: 'deploy', wallMs: 10, ok: true }]),
          at('a', [
            { phase: 'zeta', wallMs: 1, ok: true },
            { phase: 'alpha', wallMs: 1, ok: true },
            { phase: 'predict', wallMs: 5.4, ok: true },
            { phase: 'register-model', wallMs: 100, serverMs: 80, ok: true },
          ]),
          at(
            'a',
            [
              { phase: 'register-model', wallMs: 300, serverMs: 90, ok: false },
              { phase: 'register-group', wallMs: 2, ok: true },
            ],
            'd',
          ),
          at('a', [{ phase: 'register-model', wallMs: 200.6, ok: true }], 'e'),
          at('a', undefined, 'f'),
        ],
        run: {
          targets: [
            { project: 'b', target: 't' },
            { project: 'a', target: 't' },
          ],
        },
      },
      new Date(0),
    );
    expect(phaseTimings(report)).toEqual([
      { project: 'b', phases: [{ phase: 'deploy', count: 1, medianWallMs: 10, maxWallMs: 10, failed: 0 }] },
      {
        project: 'a',
        phases: [
          { phase: 'register-group', count: 1, medianWallMs: 2, maxWallMs: 2, failed: 0 },
          { phase: 'register-model', count: 3, medianWallMs: 201, maxWallMs: 300, medianServerMs: 85, failed: 1 },
          { phase: 'predict', count: 1, medianWallMs: 5, maxWallMs: 5, failed: 0 },
          { phase: 'alpha', count: 1, medianWallMs: 1, maxWallMs: 1, failed: 0 },
          { phase: 'zeta', count: 1, medianWallMs: 1, maxWallMs: 1, failed: 0 },
        ],
      },
    ]);
  });

  it('takes the mean of the middle two for an even count', () => {
    const times = [40, 10, 30, 20].map((wallMs) => ({ phase: 'deploy', wallMs, ok: true }));
    const report = buildReport({ runId: 'r', cases: [at('a', times)] }, new Date(0));
    expect(phaseTimings(report)[0]?.phases[0]).toMatchObject({ medianWallMs: 25, maxWallMs: 40 });
  });
});
