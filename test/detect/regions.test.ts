import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lastAtOrBefore } from '../../src/detect/regions.js';

describe('lastAtOrBefore', () => {
  it('finds what a scan from the end finds, over the first `count` values only', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 50 })), fc.integer({ min: -5, max: 60 }), fc.nat(), (raw, offset, cut) => {
        const values = Int32Array.from(raw.sort((a, b) => a - b));
        const count = values.length === 0 ? 0 : cut % (values.length + 1);
        let want = -1;
        for (let i = count - 1; i >= 0; i--) {
          if (values[i]! <= offset) {
            want = i;
            break;
          }
        }
        expect(lastAtOrBefore(values, count, offset)).toBe(want);
      }),
    );
  });

  it('gives the last of equal values, and -1 before the first', () => {
    expect(lastAtOrBefore([0, 4, 4, 9], 4, 4)).toBe(2);
    expect(lastAtOrBefore([3, 4], 2, 2)).toBe(-1);
    expect(lastAtOrBefore([0, 4, 9], 2, 100)).toBe(1);
  });
});
