/**
 * A full-page screenshot of a run's index.html in the machine's headless Chromium (what the README and closing notes
 * show of a run):
 *
 *   npx node scripts/screenshot-report.ts                          # reports/index.html → reports/index.png
 *   npx node scripts/screenshot-report.ts some/index.html out.png
 *   npx node scripts/screenshot-report.ts reports/index.html top.png --viewport   # the first screen only
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { findChromium, openHeadless } from '../harness/report/headless-chromium.ts';

const args = process.argv.slice(2);
const viewportOnly = args.includes('--viewport');
const [input = 'reports/index.html', output = path.join(path.dirname(input), 'index.png')] = args.filter(
  (arg) => arg !== '--viewport',
);
const chromium = await findChromium();
if ('missing' in chromium) {
  console.error(chromium.missing);
  process.exit(1);
}
const browser = await openHeadless(chromium.path);
try {
  await browser.page.goto(pathToFileURL(path.resolve(input)).href);
  await browser.page.screenshot({ path: output, fullPage: !viewportOnly });
  console.log(`${output} (${path.resolve(input)})`);
} finally {
  await browser.close();
}
