import { describe, expect, it } from 'vitest';
import { closestMatches, editDistance } from '../../src/config/index.js';

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and swaps', () => {
    expect(editDistance('context', 'context')).toBe(0);
    expect(editDistance('contxt', 'context')).toBe(1);
    expect(editDistance('contexts', 'context')).toBe(1);
    expect(editDistance('cantext', 'context')).toBe(1);
    expect(editDistance('lwo-latency', 'low-latency')).toBe(1);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });
});

describe('closestMatches', () => {
  const needs = ['low-latency', 'high-concurrency', 'multi-core', 'shared-memory', 'cython-parallel', 'parallel-request'];

  it('suggests the close key', () => {
    expect(closestMatches('low-latncy', needs)).toEqual(['low-latency']);
    expect(closestMatches('servics', ['version', 'services', 'accept', 'ignore'])).toEqual(['services']);
    expect(closestMatches('contxt', ['name', 'paths', 'context', 'workload'])).toEqual(['context']);
  });

  it('folds case, underscores and camelCase', () => {
    expect(closestMatches('low_latency', needs)).toEqual(['low-latency']);
    expect(closestMatches('highConcurrency', needs)).toEqual(['high-concurrency']);
    expect(closestMatches('Multi Core', needs)).toEqual(['multi-core']);
  });

  it('suggests nothing when nothing is close', () => {
    expect(closestMatches('speed', needs)).toEqual([]);
    expect(closestMatches('id', ['if', 'name'])).toEqual(['if']);
    expect(closestMatches('xy', ['name', 'paths'])).toEqual([]);
  });

  it('returns every candidate at the best distance', () => {
    expect(closestMatches('nam', ['name', 'nap', 'paths'])).toEqual(['name', 'nap']);
  });
});
