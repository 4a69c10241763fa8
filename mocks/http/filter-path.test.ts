import { describe, expect, it } from 'vitest';
import { applyFilterPath } from './filter-path.ts';

const body = {
  _nodes: { total: 1 },
  nodes: { n1: { name: 'a', roles: ['data'], version: '3.6.0', ip: '127.0.0.1' } },
  hits: {
    hits: [
      { _id: 'x', _source: { name: 'm' } },
      { _id: 'y', _source: { name: 'n' } },
    ],
  },
};

describe('applyFilterPath', () => {
  it('keeps only matching paths, with * and arrays', () => {
    expect(applyFilterPath(body, 'nodes.*.name,nodes.*.roles')).toEqual({
      nodes: { n1: { name: 'a', roles: ['data'] } },
    });
    expect(applyFilterPath(body, 'hits.hits._id')).toEqual({ hits: { hits: [{ _id: 'x' }, { _id: 'y' }] } });
    expect(applyFilterPath(body, '**.name')).toEqual({
      nodes: { n1: { name: 'a' } },
      hits: { hits: [{ _source: { name: 'm' } }, { _source: { name: 'n' } }] },
    });
  });

  it('supports exclusions and yields {} when nothing matches', () => {
    expect(applyFilterPath(body, '-hits,-nodes.*.ip')).toEqual({
      _nodes: { total: 1 },
      nodes: { n1: { name: 'a', roles: ['data'], version: '3.6.0' } },
    });
    expect(applyFilterPath(body, 'nothing')).toEqual({});
  });
});
