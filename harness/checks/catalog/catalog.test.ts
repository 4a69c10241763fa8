import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckRequirement } from './check-requirement.ts';
import {
  checksTableRows,
  readmeTableRows,
  renderChecksTable,
  TABLE_END,
  TABLE_START,
  withChecksTable,
} from './checks-table.ts';
import { catalogOrder, CHECKS, isSetupStep, SUITE_CATALOGS } from './index.ts';

const README = path.resolve(import.meta.dirname, '../../../README.md');

describe('check catalog', () => {
  it('merges one file per suite without losing a check to a duplicate id', () => {
    const ids = SUITE_CATALOGS.flatMap((catalog) => Object.keys(catalog.checks));
    expect(new Set(ids).size).toBe(ids.length);
    expect(Object.keys(CHECKS)).toEqual(ids);
  });

  it("keeps each suite's checks under its prefix, each with a title", () => {
    for (const catalog of SUITE_CATALOGS) {
      const ids = Object.keys(catalog.checks);
      const prefixes = new Set(ids.map((id) => id.split('.')[0]));
      expect(prefixes.size, catalog.file).toBe(1);
      for (const check of Object.values(catalog.checks as Record<string, CheckRequirement>)) {
        expect(check.title).not.toBe('');
      }
    }
  });

  it('lists setup steps separately from checks, and orders ids as declared', () => {
    expect(isSetupStep('setup.deploy')).toBe(true);
    expect(isSetupStep('lifecycle.deploy')).toBe(false);
    expect(catalogOrder('asymmetric.divergence')).toBeLessThan(catalogOrder('asymmetric.content-type-required'));
  });
});

describe('README "What is checked" table', () => {
  it('is the table generated from the catalog (run `npm run docs:checks` after changing a catalog file)', () => {
    expect(readmeTableRows(readFileSync(README, 'utf8'))).toEqual(checksTableRows());
  });

  it('has a row per check, the suite file on the first row of each suite', () => {
    const rows = checksTableRows();
    expect(rows.map((row) => row[1])).toEqual(Object.keys(CHECKS).map((id) => `\`${id}\``));
    expect(rows.find((row) => row[1] === '`lifecycle.register`')?.[0]).toBe('`lifecycle.spec.ts`');
    expect(rows.find((row) => row[1] === '`asymmetric.divergence`')?.[3]).toBe(
      'OpenSearch `>=2.14.0`; asymmetric cards',
    );
  });

  it('replaces only what is between the markers, and reads back what it wrote', () => {
    const readme = `# x\n\nbefore\n\n${TABLE_START}\n| old |\n${TABLE_END}\n\nafter\n`;
    const written = withChecksTable(readme);
    expect(written.startsWith('# x\n\nbefore\n\n')).toBe(true);
    expect(written.endsWith(`${TABLE_END}\n\nafter\n`)).toBe(true);
    expect(written).toContain(renderChecksTable());
    expect(readmeTableRows(written)).toEqual(checksTableRows());
    expect(() => readmeTableRows('# no markers')).toThrow(/lacks the generated checks table markers/);
  });

  it('writes the header and escapes a pipe inside a cell, and reads both back', () => {
    const table = renderChecksTable([['`x.spec.ts`', '`x.a`', 'a | b', '']]);
    expect(table).toBe(
      [
        '| suite (`suites/`) | check (id as in reports) | asserts | needs |',
        '| --- | --- | --- | --- |',
        '| `x.spec.ts` | `x.a` | a \\| b |  |',
      ].join('\n'),
    );
    expect(readmeTableRows(`${TABLE_START}\n${table}\n${TABLE_END}`)).toEqual([['`x.spec.ts`', '`x.a`', 'a | b', '']]);
  });

  it('reads only table lines between the markers, also at the very start of the text', () => {
    const readme = `${TABLE_START}\nprose that ends with a pipe |\n| h |\n| --- |\n| x |\n${TABLE_END}`;
    expect(readmeTableRows(readme)).toEqual([['x']]);
    expect(withChecksTable(readme).startsWith(`${TABLE_START}\n\n| suite`)).toBe(true);
  });

  it('refuses markers that are missing or in the wrong order', () => {
    for (const readme of ['# none', `${TABLE_START} only`, `${TABLE_END}\n${TABLE_START}`]) {
      expect(() => readmeTableRows(readme)).toThrow(/lacks the generated checks table markers/);
      expect(() => withChecksTable(readme)).toThrow(/lacks the generated checks table markers/);
    }
  });

  it('lists each need once, with no empty part', () => {
    for (const [, id, , needs] of checksTableRows()) {
      const parts = needs === undefined || needs === '' ? [] : needs.split('; ');
      expect(parts, id).not.toContain('');
    }
  });
});
