// A cached quotient of whole numbers is the double a / b, which src/compute/exact.ts proves
// equal to the Decimal quotient (40 digits) converted to a double. Checked here against
// decimal.js itself: a table of edges and random safe integers of every size.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/compute/decimal.js';
import { dividedBy, quotientDouble, toDouble } from '../../src/compute/exact.js';

const viaDecimal = (a: number, b: number): number => new Decimal(a).div(new Decimal(b)).toNumber();
const MAX = Number.MAX_SAFE_INTEGER;

describe('quotientDouble', () => {
  it.each([
    [1, 3],
    [2, 3],
    [-2, 3],
    [10, -4],
    [0, 7],
    [0, -7],
    [MAX, 3],
    [MAX, MAX - 1],
    [MAX - 1, MAX],
    [1, MAX],
    [-MAX, 7],
    [257599, 3643141],
    [3341255 - 3643141, 3643141],
    [2 ** 52 + 1, 2],
    [2 ** 53 - 1, 2],
    [1, 2 ** 52],
    [123456789, 1000],
  ])('%d / %d is the Decimal quotient as a double', (a, b) => {
    expect(Object.is(quotientDouble(a, b), viaDecimal(a, b) === 0 ? 0 : viaDecimal(a, b))).toBe(true);
    expect(Object.is(quotientDouble(a, b), toDouble(dividedBy(a, b)))).toBe(true);
  });

  it('agrees with decimal.js on random safe integers of every magnitude', () => {
    const whole = fc.oneof(
      fc.integer({ min: -1000, max: 1000 }),
      fc.integer(),
      fc.maxSafeInteger(),
      fc.maxSafeInteger().map((n) => Math.trunc(n / 2 ** 20)),
    );
    fc.assert(
      fc.property(whole, whole, (a, b) => {
        fc.pre(b !== 0);
        return Object.is(quotientDouble(a, b), toDouble(dividedBy(a, b)));
      }),
      { numRuns: 20_000 },
    );
  });

  it('takes Decimals as dividedBy does', () => {
    const a = new Decimal('118.07');
    expect(quotientDouble(1000, a)).toBe(toDouble(dividedBy(1000, a)));
    expect(quotientDouble(a, 3)).toBe(toDouble(dividedBy(a, 3)));
    expect(quotientDouble(a, new Decimal('0.3'))).toBe(toDouble(dividedBy(a, new Decimal('0.3'))));
  });

  it.each([
    [3341255, '118.07'],
    [-360292, '118.07'],
    [0, '-118.07'],
    [-0, '118.07'],
    [1, '0.000000000000001'],
    [MAX, '1.5'],
    [Math.trunc(MAX / 100), '-118.07'],
    [7, '123456789012345'],
    [7, '1234567890123456'],
    [7, '1e30'],
    [7, '1.23456789012345678'],
  ])('%d over the decimal %s is the Decimal quotient as a double (signed zero too)', (a, b) => {
    expect(Object.is(quotientDouble(a, new Decimal(b)), toDouble(dividedBy(a, new Decimal(b))))).toBe(true);
  });

  it('agrees with decimal.js for whole numbers over random short decimals (rates)', () => {
    const rate = fc.tuple(fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).filter((n) => n !== 0), fc.integer({ min: 0, max: 9 })).map(([digits, scale]) => new Decimal(digits).div(10 ** scale));
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.integer({ min: -1000, max: 1000 })), rate, (a, b) => Object.is(quotientDouble(a, b), toDouble(dividedBy(a, b)))),
      { numRuns: 20_000 },
    );
  });
});
