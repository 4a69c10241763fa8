import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LogTail } from './log-tail.ts';

describe('LogTail', () => {
  it('keeps the last lines of stdout and stderr, joining lines split across chunks', () => {
    const tail = new LogTail(3);
    const stream = new PassThrough();
    tail.consume(stream);
    stream.emit('data', 'one\ntw');
    stream.emit('data', 'o\nthree\n');
    stream.emit('err', 'four: error\nfive (no newline yet)');
    expect(tail.text()).toBe('three\nfour: error\nfive (no newline yet)');
  });

  it('survives the stream breaking when the container is removed', () => {
    const tail = new LogTail();
    const stream = new PassThrough();
    tail.consume(stream);
    stream.emit('data', 'started\n');
    stream.emit('error', new Error('socket hang up'));
    tail.close();
    expect(tail.text()).toBe('started');
  });
});
