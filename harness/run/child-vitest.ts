/**
 * Runs the conformance suites in a child Vitest, as a user would, for the tests of how a whole run behaves (fail
 * fast, interrupts, a dying node). The child gets its own process group, so a test can signal it the way a terminal
 * does (the whole group) or the way `kill`/`timeout` do (the main process only).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import path from 'node:path';
import { inheritedEnv } from '../config/inherited-env.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChildRun {
  readonly child: ChildProcess;
  /** Everything printed so far (stdout and stderr interleaved as they arrived). */
  output(): string;
  /** Resolves with the exit status (128 + n for a signal) and when it came (performance.now()). */
  readonly exited: Promise<{ readonly code: number; readonly at: number }>;
  /** Resolves once `pattern` appears in the output (or rejects when the child exits first). */
  waitFor(pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray>;
  /** SIGINT/SIGTERM to the main process, or to the whole process group (`group`: like a terminal's Ctrl-C). */
  signal(signal: NodeJS.Signals, group?: boolean): void;
}

/** Variables of the outer run that must not leak into the child's configuration. */
const OUTER = /^(VITEST|OPENSEARCH_|OMLC_RUN_ID$|OMLC_REPORTS_DIR$|ML_TARGET$|ML_CARDS$|OMLC_CARDS_DIR$)/;

export function startChildVitest(args: readonly string[], env: Readonly<Record<string, string>>): ChildRun {
  const base = inheritedEnv();
  for (const key of Object.keys(base)) {
    if (OUTER.test(key)) {
      delete base[key];
    }
  }
  const child = spawn(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', ...args], {
    cwd: ROOT,
    env: { ...base, ...env, NO_COLOR: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let text = '';
  const listeners = new Set<() => void>();
  const append = (chunk: Buffer): void => {
    text += chunk.toString('utf8');
    listeners.forEach((listener) => listener());
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  const exited = new Promise<{ code: number; at: number }>((resolve) => {
    child.once('close', (code, signal) => {
      const at = performance.now();
      listeners.forEach((listener) => listener());
      resolve({ code: code ?? (signal === null ? 1 : 128 + (constants.signals[signal] ?? 0)), at });
    });
  });
  return {
    child,
    output: () => text,
    exited,
    waitFor(pattern, timeoutMs) {
      return new Promise((resolve, reject) => {
        const check = (): void => {
          const match = pattern.exec(text);
          if (match !== null) {
            done();
            resolve(match);
          } else if (child.exitCode !== null || child.signalCode !== null) {
            done();
            reject(new Error(`the child exited before ${String(pattern)} appeared:\n${text.slice(-3000)}`));
          }
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`${String(pattern)} did not appear within ${timeoutMs} ms:\n${text.slice(-3000)}`));
        }, timeoutMs);
        const done = (): void => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
    signal(signal, group = false) {
      if (child.pid === undefined) {
        return;
      }
      try {
        process.kill(group ? -child.pid : child.pid, signal);
      } catch {
        // already gone
      }
    },
  };
}
