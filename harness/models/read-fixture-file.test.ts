/** Syntax problems of fixture files become one-line card issues instead of parser stack traces. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readJsonFile, readYamlFile } from './read-fixture-file.ts';

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'omlc-read-fixture-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const target = path.join(dir, name);
  writeFileSync(target, text);
  return target;
}

const failure = (reason: string) => ({ ok: false, issues: [{ file: 'shown.yaml', path: '(root)', reason }] });

describe('readYamlFile', () => {
  it('parses a document', () => {
    expect(readYamlFile(file('ok.yaml', 'a: 1\nb: [x]\n'), 'shown.yaml')).toEqual({
      ok: true,
      value: { a: 1, b: ['x'] },
    });
  });

  it('reports the first syntax error with its position, on one line', () => {
    const result = readYamlFile(file('dup.yaml', 'a: 1\na: 2\n'), 'shown.yaml');
    expect(result).toEqual(failure('invalid YAML at line 2, column 1: Map keys must be unique'));
  });

  it('reports an alias to an anchor that does not exist', () => {
    const result = readYamlFile(file('alias.yaml', 'a: *missing\n'), 'shown.yaml');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]?.reason).toMatch(
      /^invalid YAML( at line \d+, column \d+)?: [^\n]*missing[^\n]*$/,
    );
  });

  it('tells a missing file from one that cannot be read', () => {
    expect(readYamlFile(path.join(dir, 'nope.yaml'), 'shown.yaml')).toEqual(failure('file not found'));
    const folder = path.join(dir, 'folder.yaml');
    mkdirSync(folder);
    expect(readYamlFile(folder, 'shown.yaml')).toEqual(failure('cannot read file (EISDIR)'));
  });
});

describe('readJsonFile', () => {
  it('parses JSON and reports a syntax error with the parser message', () => {
    expect(readJsonFile(file('ok.json', '{"a": [1]}'), 'shown.yaml')).toEqual({ ok: true, value: { a: [1] } });
    const result = readJsonFile(file('bad.json', '{"a": '), 'shown.yaml');
    expect(!result.ok && result.issues[0]?.reason).toMatch(/^JSON syntax error: .+/);
    expect(readJsonFile(path.join(dir, 'nope.json'), 'shown.yaml')).toEqual(failure('file not found'));
  });
});
