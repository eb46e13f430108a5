import { describe, expect, it } from 'vitest';
import { ownCopy, readAcceptance, toEvidence } from '../../src/detect/evidence.js';

describe('readAcceptance', () => {
  it('reads rule and reason', () => {
    expect(readAcceptance(' architecture-review: accept async-in-erp5 -- legacy worker', 3)).toEqual({
      line: 3,
      rule: 'async-in-erp5',
      reason: 'legacy worker',
    });
    expect(readAcceptance('architecture-review: accept measure-first', 1)).toEqual({ line: 1, rule: 'measure-first', reason: '' });
    expect(readAcceptance('noqa; architecture-review : accept x-y -- z', 1)).toEqual({ line: 1, rule: 'x-y', reason: 'z' });
    expect(readAcceptance('# architecture-review: accept threads-io-only --   tools only  ', 7)).toEqual({
      line: 7,
      rule: 'threads-io-only',
      reason: 'tools only',
    });
    expect(readAcceptance('architecture-review: accepts', 1)).toBeNull();
    expect(readAcceptance('nothing here', 1)).toBeNull();
  });
});

describe('toEvidence', () => {
  it('trims and cuts a line to 200 characters, never inside a surrogate pair', () => {
    expect(toEvidence('   import threading  \r')).toBe('import threading');
    expect(toEvidence('x'.repeat(250))).toBe('x'.repeat(200));
    expect(toEvidence('x'.repeat(199) + '😀' + 'y')).toBe('x'.repeat(199));
    expect(toEvidence('x'.repeat(198) + '😀' + 'y')).toBe('x'.repeat(198) + '😀');
  });
});

describe('ownCopy', () => {
  it('gives an equal string, short or long', () => {
    const text = 'a'.repeat(1000) + 'import threading as t  # a comment long enough' + 'b'.repeat(1000);
    for (const s of ['', 'x', 'import threading as t  # a comment long enough', text.slice(1000, 1046)]) expect(ownCopy(s)).toBe(s);
  });
});
