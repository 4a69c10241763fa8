#!/usr/bin/env node
// Entry of `npx ml-conformance [verb] [options]`: runs the CLI in harness/cli/ (TypeScript, which Node ≥ 22.18 runs
// directly). Under an older Node it re-runs itself with the project's own Node 24 (the `node` devDependency).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

if (!process.features.typescript) {
  const node = path.join(root, 'node_modules', '.bin', 'node');
  if (!existsSync(node)) {
    console.error(
      `ml-conformance: Node ${process.version} cannot run TypeScript and ${root} has no node_modules; run \`npm ci\` there first.`,
    );
    process.exit(2);
  }
  const result = spawnSync(node, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}

const { main } = await import('../harness/cli/main.ts');
const { createInterface } = await import('node:readline/promises');
process.exitCode = await main(process.argv.slice(2), {
  root,
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  // Only a person at a terminal can confirm (sweep); piped input never answers for them.
  ...(process.stdin.isTTY
    ? {
        ask: async (question) => {
          const rl = createInterface({ input: process.stdin, output: process.stdout });
          try {
            return await rl.question(question);
          } finally {
            rl.close();
          }
        },
      }
    : {}),
});
