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
});
