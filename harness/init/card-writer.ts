/**
 * Writes card.yaml text with a comment saying why each value is what it is, and `# TODO(<topic>): …` lines for
 * what `init` could not know. `validate` (and every run's card load) refuses a card that still has a TODO line.
 */
import { stringify } from 'yaml';

export const TODO_LINE = /^\s*#\s*TODO\b(?:\(([^)]*)\))?:?\s*(.*)$/;

export class CardWriter {
  private readonly lines: string[] = [];

  comment(indent: number, text: string): this {
    this.lines.push(...text.split('\n').map((line) => `${' '.repeat(indent)}# ${line}`.trimEnd()));
    return this;
  }

  todo(indent: number, topic: string, text: string): this {
    return this.comment(indent, `TODO(${topic}): ${text}`);
  }

  /** `key: value  # why` (the comment goes above when the line would get long). */
  field(indent: number, key: string, value: unknown, why?: string): this {
    const line = `${' '.repeat(indent)}${key}: ${scalar(value)}`;
    if (why === undefined) {
      this.lines.push(line);
    } else if (line.length + why.length + 3 <= 120) {
      this.lines.push(`${line} # ${why}`);
    } else {
      this.comment(indent, why);
      this.lines.push(line);
    }
    return this;
  }

  section(indent: number, key: string, why?: string): this {
    const line = `${' '.repeat(indent)}${key}:`;
    this.lines.push(why === undefined ? line : `${line} # ${why}`);
    return this;
  }

  listItem(indent: number, fields: readonly (readonly [string, unknown])[]): this {
    fields.forEach(([key, value], index) => {
      const prefix = index === 0 ? `${' '.repeat(indent)}- ` : `${' '.repeat(indent + 2)}`;
      this.lines.push(`${prefix}${key}: ${scalar(value)}`);
    });
    return this;
  }

  text(): string {
    return `${this.lines.join('\n')}\n`;
  }
}

function scalar(value: unknown): string {
  return stringify(value, { singleQuote: true, lineWidth: 0 }).trimEnd();
}

/** The TODO lines of a card text, with their 1-based line numbers. */
export function todoLines(text: string): { line: number; topic: string; text: string }[] {
  return text.split('\n').flatMap((line, index) => {
    const match = TODO_LINE.exec(line);
    return match === null ? [] : [{ line: index + 1, topic: match[1] ?? '', text: match[2] ?? '' }];
  });
}
