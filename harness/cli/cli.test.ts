import { describe, expect, it } from 'vitest';
import { usageError } from './testing/usage-error.ts';
import { hasFlag, lastValue, parseArgs, UsageError, type OptionSpec } from './cli-args.ts';
import { main, mainHelp } from './main.ts';
import { planRun, runVerb } from './run-verb.ts';
import type { CliContext, Verb } from './verb.ts';

const SPECS: readonly OptionSpec[] = [
  { name: 'target', takesValue: true, help: 't' },
  { name: 'live', aliases: ['-l'], takesValue: false, help: 'l' },
];

describe('parseArgs', () => {
  it('reads value options, flags, aliases and everything after -- untouched', () => {
    const parsed = parseArgs(['--target', 'native', '-l', '--target', 'none', '--', '--target', 'x'], SPECS);
    expect(lastValue(parsed, 'target')).toBe('none');
    expect(parsed.options.get('target')).toEqual(['native', 'none']);
    expect(hasFlag(parsed, 'live')).toBe(true);
    expect(parsed.passthrough).toEqual(['--target', 'x']);
    expect(lastValue(parseArgs([], SPECS), 'target')).toBeUndefined();
    expect(hasFlag(parseArgs([], SPECS), 'live')).toBe(false);
  });

  it('refuses unknown options and value options without a value', () => {
    expect(usageError(() => parseArgs(['--bogus'], SPECS))).toBe('unknown option --bogus');
    expect(usageError(() => parseArgs(['stray'], SPECS))).toBe('unknown option stray');
    expect(usageError(() => parseArgs(['--target'], SPECS))).toBe('--target needs a value');
    expect(usageError(() => parseArgs(['--target', '--live'], SPECS))).toBe('--target needs a value');
  });
});

describe('planRun', () => {
  it('is `vitest run` with nothing set by default', () => {
    expect(planRun([])).toEqual({ vitestArgs: ['run'], env: {} });
  });

  it('maps the target options to their variables and --offline/--live to projects', () => {
    expect(
      planRun([
        '--target',
        'native',
        '--versions',
        '2.19.6,3.6.0',
        '--cards',
        'tiny-onnx-sym',
        '--url',
        'https://h:9200',
        '--offline',
        '--live',
        '--',
        'suites/lifecycle.spec.ts',
        '--reporter=dot',
      ]),
    ).toEqual({
      vitestArgs: ['run', '--project', 'offline:*', '--project', 'live*', 'suites/lifecycle.spec.ts', '--reporter=dot'],
      env: {
        ML_TARGET: 'native',
        OPENSEARCH_URL: 'https://h:9200',
        OPENSEARCH_VERSIONS: '2.19.6,3.6.0',
        ML_CARDS: 'tiny-onnx-sym',
      },
    });
  });

  it('checks a target option by the rule of its variable, naming the option', () => {
    expect(usageError(() => planRun(['--target', 'docker']))).toBe(
      '--target: "docker" is not a target; use one of: auto, native, container, external, none',
    );
    expect(usageError(() => planRun(['--versions', '2.19']))).toBe(
      '--versions: has "2.19"; give full versions such as 2.19.6,3.6.0',
    );
  });
});

function recorder(): CliContext & { output: string; errors: string } {
  const cli = {
    root: '/nonexistent',
    output: '',
    errors: '',
    out: (text: string) => {
      cli.output += text;
    },
    err: (text: string) => {
      cli.errors += text;
    },
  };
  return cli;
}

describe('main', () => {
  const calls: string[][] = [];
  const echo: Verb = {
    name: 'echo',
    summary: 'prints its arguments',
    usage: 'Usage: ml-conformance echo [args]\n',
    run: (args) => {
      calls.push(['echo', ...args]);
      return Promise.resolve(0);
    },
  };
  const strict: Verb = {
    name: 'strict',
    summary: 'refuses everything',
    usage: 'Usage: ml-conformance strict\n',
    run: () => Promise.reject(new UsageError('unknown option --x')),
  };
  const verbs = [echo, strict];

  it('runs the named verb with the rest, else the default verb with everything', async () => {
    calls.length = 0;
    expect(await main(['strict'], recorder(), [echo, { ...strict, run: () => Promise.resolve(3) }])).toBe(3);
    expect(await main(['--a', 'b'], recorder(), verbs)).toBe(0);
    expect(await main(['echo', 'c'], recorder(), verbs)).toBe(0);
    expect(calls).toEqual([
      ['echo', '--a', 'b'],
      ['echo', 'c'],
    ]);
  });

  it('lists the verbs for --help, and a verb prints its own help', async () => {
    const top = recorder();
    expect(await main(['--help'], top, verbs)).toBe(0);
    expect(top.output).toBe(mainHelp(verbs));
    expect(top.output).toContain(
      'Verbs (default: echo):\n  echo     prints its arguments\n  strict   refuses everything\n',
    );
    const own = recorder();
    expect(await main(['strict', '-h'], own, verbs)).toBe(0);
    expect(own.output).toBe('Usage: ml-conformance strict\n');
  });

  it('passes --help after -- through to the verb', async () => {
    calls.length = 0;
    expect(await main(['echo', '--', '--help'], recorder(), verbs)).toBe(0);
    expect(calls).toEqual([['echo', '--', '--help']]);
  });

  it('turns a usage error into the message, the verb help and exit code 2', async () => {
    const cli = recorder();
    expect(await main(['strict'], cli, verbs)).toBe(2);
    expect(cli.errors).toBe('ml-conformance strict: unknown option --x\n\nUsage: ml-conformance strict\n');
  });

  it('has run as its default verb, with the shared target options in its help', () => {
    expect(mainHelp()).toContain('Verbs (default: run):');
    for (const option of ['--target', '--url', '--versions', '--cards', '--offline', '--live']) {
      expect(runVerb.usage).toContain(option);
    }
  });

  it('run without an installed Vitest says how to install it', async () => {
    const cli = recorder();
    expect(await runVerb.run([], cli)).toBe(2);
    expect(cli.errors).toBe('ml-conformance: Vitest is not installed in /nonexistent; run `npm ci` there first.\n');
  });
});
