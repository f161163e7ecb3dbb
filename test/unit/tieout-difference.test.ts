// The tie-out's difference in units of the last printed digit is computed in whole numbers
// (BigInt) instead of dividing Decimals: it equals decimal.js's (n / d - printed) * 10^digits
// rounded half away from zero to six decimals, on generated cases and at exact midpoints.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/compute/decimal.js';
import { differenceInUnits } from '../../src/compute/tieout.js';

function byDecimal(n: bigint, d: bigint, units: bigint, unitDigits: number): string {
  const printed = new Decimal(units.toString()).times(new Decimal(10).pow(-unitDigits));
  return new Decimal(n.toString()).div(d.toString()).minus(printed).times(new Decimal(10).pow(unitDigits)).toDecimalPlaces(6, Decimal.ROUND_HALF_UP).toString();
}

describe('differenceInUnits', () => {
  it('equals the Decimal computation on generated quotients and printed figures', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }),
        fc.bigInt({ min: 1n, max: 10n ** 9n }),
        fc.bigInt({ min: -(10n ** 9n), max: 10n ** 9n }),
        fc.integer({ min: 0, max: 5 }),
        (n, d, units, unitDigits) => {
          expect(differenceInUnits(n, d, { units, unitDigits }).toString()).toBe(byDecimal(n, d, units, unitDigits));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it.each([
    // 12.5% printed 13%: exactly half a unit below
    [1n, 8n, 13n, 2, '-0.5'],
    [3n, 8n, 37n, 2, '0.5'],
    // a seventh decimal of exactly 5 rounds away from zero, either sign
    [1n, 2_000_000n, 0n, 0, '0.000001'],
    [-1n, 2_000_000n, 0n, 0, '-0.000001'],
    [1n, 3n, 0n, 0, '0.333333'],
    [2n, 3n, 0n, 0, '0.666667'],
    [-2n, 3n, 0n, 0, '-0.666667'],
    [0n, 1n, 0n, 0, '0'],
  ])('%s / %s printed %s (10^-%i) is %s units away', (n, d, units, digits, expected) => {
    expect(differenceInUnits(n, d, { units, unitDigits: digits }).toString()).toBe(expected);
  });
});
