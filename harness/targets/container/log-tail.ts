/**
 * Keeps the last lines a container printed, from its start on, so a failed start can say why. testcontainers' own
 * wait shows logs only when the container exits; on a timeout it removes the container first, and its output is
 * gone. The buffer is bounded: a long run's output is not kept.
 */
import type { Readable } from 'node:stream';

export class LogTail {
  readonly maxLines: number;
  private readonly lines: string[] = [];
  private partial = '';
  private stream: Readable | undefined;

  constructor(maxLines = 60) {
    this.maxLines = maxLines;
  }

  /** For `withLogConsumer`: testcontainers emits stdout as `data` and stderr as `err`. */
  readonly consume = (stream: Readable): void => {
    this.stream = stream;
    stream.on('data', (chunk: Buffer | string) => this.push(String(chunk)));
    stream.on('err', (chunk: Buffer | string) => this.push(String(chunk)));
    // The stream breaks when the container is removed; that is not an error of the run.
    stream.on('error', () => undefined);
  };

  push(text: string): void {
    const parts = `${this.partial}${text}`.split('\n');
    this.partial = parts.pop() ?? '';
    for (const line of parts) {
      this.lines.push(line.trimEnd());
    }
    this.lines.splice(0, Math.max(0, this.lines.length - this.maxLines));
  }

  text(): string {
    return [...this.lines, ...(this.partial === '' ? [] : [this.partial])].slice(-this.maxLines).join('\n');
  }

  /** Stops following the container's output (the socket is unref'd already; this frees the buffer's listener). */
  close(): void {
    this.stream?.destroy();
  }
}
