// Two routes to one figure through 40-digit quotients can differ in the 39th digit; their
// difference is rounding residue and must be 0, not 1e-38, or a cached value carries it.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/compute/decimal.js';
import { minus, plus, toDecimal, withoutRoundingResidue } from '../../src/compute/exact.js';

const d = (x: string | number): Decimal => new Decimal(x);

describe('a sum that cancels to rounding residue is 0', () => {
  it('net loss / shares / ratio minus net loss / (shares * ratio) is exactly 0', () => {
    const perShare = d(-2266039000).div(22480);
    const perAds = perShare.div(2000);
    const direct = d(-2266039000).div(d(22480).times(2000));
    expect(perAds.minus(direct).isZero()).toBe(false); // what decimal.js alone gives
    expect(toDecimal(minus(perAds, direct)).isZero()).toBe(true);
    expect(toDecimal(plus(perAds, direct.neg())).isZero()).toBe(true);
  });

  it.each([
    ['1e-38 left of two figures near 50', '50.4012233096085409262', '50.40122330960854092619999999999999999999', '0'],
    ['a difference more than 30 digits below the operands', '1', '0.9999999999999999999999999999999', '0'],
    ['a difference 30 digits below the operands is kept', '1', '0.999999999999999999999999999999', '1e-30'],
    ['an ordinary difference', '1200', '700', '500'],
    ['zero minus zero', '0', '0', '0'],
    ['a tiny figure on its own is kept', '1e-35', '0', '1e-35'],
  ])('%s', (_what, a, b, expected) => {
    expect(toDecimal(withoutRoundingResidue(d(a).minus(b), d(a), d(b))).toString()).toBe(d(expected).toString());
  });
});
