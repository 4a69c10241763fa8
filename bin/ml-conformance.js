#!/usr/bin/env node
// Thin launcher: `ml-conformance [options] [-- vitest args]` sets the environment the harness reads and runs
// Vitest from the package root, so the suites, fixtures and reports stay where the README says.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const HELP = `Usage: ml-conformance [options] [-- <vitest args>]

Runs the OpenSearch ML Commons conformance suites (Vitest) and writes reports/.

Options:
  --target <auto|native|container|external|none>   live target (env ML_TARGET, default auto)
  --url <url>              an existing cluster (env OPENSEARCH_URL; implies --target external)
  --versions <v1,v2>       OpenSearch versions for native/container (env OPENSEARCH_VERSIONS)
  --cards <id1,id2>        only these model cards (env ML_CARDS)
  --offline                only the simulator projects (no live cluster)
  --live                   only the live projects
  -h, --help               this help
`;

// eslint-disable-next-line no-restricted-properties -- the environment handed to Vitest
const env = { ...process.env };
const vitestArgs = ['run'];
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const arg = args[i];
  const value = () => {
    const next = args[i + 1];
    if (next === undefined || next.startsWith('--')) {
      console.error(`ml-conformance: ${arg} needs a value\n\n${HELP}`);
      process.exit(2);
    }
    i += 1;
    return next;
  };
  switch (arg) {
    case '-h':
    case '--help':
      process.stdout.write(HELP);
      process.exit(0);
      break;
    case '--target':
      env.ML_TARGET = value();
      break;
    case '--url':
      env.OPENSEARCH_URL = value();
      break;
    case '--versions':
      env.OPENSEARCH_VERSIONS = value();
      break;
    case '--cards':
      env.ML_CARDS = value();
      break;
    case '--offline':
      vitestArgs.push('--project', 'offline:*');
      break;
    case '--live':
      vitestArgs.push('--project', 'live*');
      break;
    case '--':
      vitestArgs.push(...args.slice(i + 1));
      i = args.length;
      break;
    default:
      console.error(`ml-conformance: unknown option ${arg}\n\n${HELP}`);
      process.exit(2);
  }
}

const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
if (!existsSync(vitest)) {
  console.error(`ml-conformance: Vitest is not installed in ${root}; run \`npm ci\` there first.`);
  process.exit(2);
}
const child = spawn(process.execPath, [vitest, ...vitestArgs], { cwd: root, env, stdio: 'inherit' });
child.on('exit', (code, signal) => {
  process.exit(code ?? (signal === null ? 1 : 128));
});
