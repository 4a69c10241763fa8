/**
 * Rewrites the README's "What is checked" table from the check catalog (harness/checks/catalog/), formatted with
 * the project's Prettier settings:
 *
 *   npm run docs:checks
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as prettier from 'prettier';
import { withChecksTable } from '../harness/checks/catalog/checks-table.ts';

const readme = path.resolve(import.meta.dirname, '..', 'README.md');
const options = (await prettier.resolveConfig(readme)) ?? {};
const updated = await prettier.format(withChecksTable(await readFile(readme, 'utf8')), {
  ...options,
  filepath: readme,
});
await writeFile(readme, updated);
console.log(`${path.relative(process.cwd(), readme)}: "What is checked" table written from the catalog`);
