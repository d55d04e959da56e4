import { describe, expect, it } from 'vitest';
import { AppError } from '../errors';
import { roundDiv } from '../money';
import { mulDivRound } from './exact-math';

function bigRef(a: number, b: number, d: number): number {
  const n = BigInt(a) * BigInt(b);
  const den = BigInt(d);
  const negative = n < 0n !== den < 0n;
  const absN = n < 0n ? -n : n;
  const absD = den < 0n ? -den : den;
  const q = (2n * absN + absD) / (2n * absD);
  return Number(negative ? -q : q);
}

describe('mulDivRound', () => {
  it('agrees with roundDiv on small products', () => {
    expect(mulDivRound(10550, 1800, 20000)).toBe(950);
    expect(mulDivRound(1010, 500, 20000)).toBe(25);
    expect(mulDivRound(5, 1, 2)).toBe(roundDiv(5, 2));
  });

  it('rounds halves away from zero on both paths', () => {
    expect(mulDivRound(-5, 1, 2)).toBe(-3);
    expect(mulDivRound(5, -1, 2)).toBe(-3);
    // An odd product above 2^52 (BigInt path) whose half is still a safe integer: it ends in .5.
    const a = 2 ** 26 + 1;
    const b = 3 * 2 ** 26 + 1;
    expect(a * b).toBeGreaterThan(2 ** 52);
    expect(mulDivRound(a, b, 2)).toBe(bigRef(a, b, 2));
    expect(mulDivRound(-a, b, 2)).toBe(bigRef(-a, b, 2));
    expect(mulDivRound(-a, b, 2)).toBe(-mulDivRound(a, b, 2));
  });

  it('stays exact when the product passes 2^53', () => {
    const cases: [number, number, number][] = [
      [123_456_789, 987_654_321, 1000],
      [9_007_199_254_740, 2800, 20000],
      [2 ** 52 + 3, 3, 7],
      [999_999_999_999, 999_999, 1_000_000],
    ];
    for (const [a, b, d] of cases) expect(mulDivRound(a, b, d), `${a}×${b}/${d}`).toBe(bigRef(a, b, d));
  });

  it('refuses results beyond a safe integer and non-integer inputs', () => {
    expect(() => mulDivRound(Number.MAX_SAFE_INTEGER, 10, 1)).toThrow(AppError);
    expect(() => mulDivRound(1.5, 2, 1)).toThrow(RangeError);
    expect(() => mulDivRound(1, 2, 0)).toThrow(RangeError);
    expect(() => mulDivRound(2 ** 60, 1.5, 3)).toThrow(RangeError);
  });
});
