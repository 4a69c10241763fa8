/**
 * Small process helpers. Output is collected in memory, so these are only for short-lived tools (mvn, unzip, java
 * -version, g++, opensearch-plugin); the long-running node is spawned in process.ts.
 */
import { runConfig } from '../../config/run-config.ts';
import { inheritedEnv } from '../../config/inherited-env.ts';
import { spawn } from 'node:child_process';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { delimiter, join } from 'node:path';

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CommandOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly signal?: AbortSignal;
}

export function runCommand(
  command: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? inheritedEnv(),
      stdio: ['ignore', 'pipe', 'pipe'],
      signal: options.signal,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      resolve({ code, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') }),
    );
  });
}

/** Like runCommand but throws with the tail of the output when the exit code is not 0. */
export async function runChecked(
  what: string,
  command: string,
  args: readonly string[],
  options: CommandOptions = {},
): Promise<CommandResult> {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const output = tailLines(stripAnsi(`${result.stdout}\n${result.stderr}`), 30);
    throw new Error(`${what} failed (exit ${String(result.code)}): ${command} ${args.join(' ')}\n${output}`);
  }
  return result;
}

/** Finds an executable on `searchPath` (PATH) without spawning a shell (`which` is not guaranteed to exist). */
export async function findOnPath(name: string, searchPath: string = runConfig().PATH): Promise<string | undefined> {
  for (const dir of searchPath.split(delimiter)) {
    if (dir === '') {
      continue;
    }
    const candidate = join(dir, name);
    if (await isExecutable(candidate)) {
      return candidate;
    }
  }
  return undefined;
}

export async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex -- the escape character is exactly what we remove
  return text.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
}

export function tailLines(text: string, lines: number): string {
  const all = text.split('\n');
  while (all.length > 0 && all[all.length - 1]?.trim() === '') {
    all.pop();
  }
  return all.slice(-lines).join('\n');
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) {
    return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  }
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function formatSeconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
