/**
 * Reads a YAML or JSON fixture file and reports syntax problems as card issues (one line, with the position),
 * instead of letting a parser stack trace escape while Vitest collects tests.
 */
import { readFileSync } from 'node:fs';
import { parseDocument } from 'yaml';
import type { CardIssue } from './card-error.ts';

export type ReadResult = { ok: true; value: unknown } | { ok: false; issues: CardIssue[] };

export function readYamlFile(path: string, file: string): ReadResult {
  const text = readText(path, file);
  if (typeof text !== 'string') {
    return text;
  }
  // uniqueKeys (the default) makes a repeated key an error instead of a silent overwrite.
  const document = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  // Only the first error: the parser's later ones are usually consequences of it.
  const [error] = document.errors;
  if (error) {
    const position = error.linePos?.[0];
    const where = position ? ` at line ${position.line}, column ${position.col}` : '';
    return {
      ok: false,
      issues: [{ file, path: '(root)', reason: `invalid YAML${where}: ${firstLine(error.message)}` }],
    };
  }
  try {
    return { ok: true, value: document.toJS() as unknown };
  } catch (conversionError) {
    // e.g. an alias to an anchor that does not exist
    return {
      ok: false,
      issues: [{ file, path: '(root)', reason: `invalid YAML: ${firstLine((conversionError as Error).message)}` }],
    };
  }
}

export function readJsonFile(path: string, file: string): ReadResult {
  const text = readText(path, file);
  if (typeof text !== 'string') {
    return text;
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, issues: [{ file, path: '(root)', reason: `JSON syntax error: ${(error as Error).message}` }] };
  }
}

function readText(path: string, file: string): string | { ok: false; issues: CardIssue[] } {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? String(error)})`;
    return { ok: false, issues: [{ file, path: '(root)', reason }] };
  }
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}
