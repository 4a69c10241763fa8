import { describe, expect, it } from 'vitest';
import { formatJsonPath, preview, redactUrl, truncate, valueAt } from './text.ts';

describe('truncate', () => {
  it('keeps text of the limit and cuts longer text to the limit, ellipsis included', () => {
    expect(truncate('abcde', 5)).toBe('abcde');
    expect(truncate('abcdef', 5)).toBe('abcd…');
    expect(truncate('x'.repeat(200))).toHaveLength(200);
    expect(truncate('x'.repeat(201))).toBe(`${'x'.repeat(199)}…`);
  });
});

describe('preview', () => {
  it('quotes strings, encodes values as JSON and cuts both at the limit', () => {
    expect(preview('a')).toBe('"a"');
    expect(preview({ a: [1, null] })).toBe('{"a":[1,null]}');
    expect(preview('x'.repeat(200), 10)).toBe(`"${'x'.repeat(8)}…`);
    expect(preview(Array.from({ length: 100 }, () => 1))).toHaveLength(120);
  });

  it('falls back to the value itself for what JSON cannot encode', () => {
    expect(preview(Symbol('s'))).toBe('Symbol(s)');
    expect(preview(() => 1)).toBe('() => 1');
    expect(preview({ big: 1n })).toBe('[object Object]');
    expect(preview([1n])).toBe('[object Array]');
    expect(preview(10n ** 200n, 12)).toBe(`${'1'}${'0'.repeat(10)}…`);
  });
});

describe('formatJsonPath', () => {
  it('brackets symbols and keys that are not identifiers', () => {
    expect(formatJsonPath([Symbol('k')])).toBe('[Symbol(k)]');
    expect(formatJsonPath(['a', 'b c', '1x', '$ok', '_y'])).toBe('a["b c"]["1x"].$ok._y');
    expect(formatJsonPath(['x-'])).toBe('["x-"]');
    expect(formatJsonPath([0, 'a'])).toBe('[0].a');
  });
});

describe('valueAt', () => {
  it('reads along the path and stops at anything that is not an object', () => {
    const root = { a: [{ b: 'x' }], n: null, s: 'str' };
    expect(valueAt(root, ['a', 0, 'b'])).toBe('x');
    expect(valueAt(root, [])).toBe(root);
    expect(valueAt(root, ['n', 'c'])).toBeUndefined();
    expect(valueAt(root, ['s', 'length'])).toBeUndefined();
    expect(valueAt(root, ['missing', 'c'])).toBeUndefined();
  });
});

describe('redactUrl', () => {
  it('drops user info and only a trailing slash', () => {
    expect(redactUrl('https://admin:pw@host:9200/path/')).toBe('https://host:9200/path');
    expect(redactUrl('http://host/a')).toBe('http://host/a');
    expect(redactUrl('not a url://a:b@c/d')).toBe('not a url://c/d');
    expect(redactUrl('no url at all')).toBe('no url at all');
  });
});
