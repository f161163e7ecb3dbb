// compute/exact.ts keeps whole numbers in doubles while that is exact and falls back to
// Decimal otherwise: every operation must give exactly what Decimal gives, especially at the
// edge of the doubles' exact integers (2^53).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/compute/decimal.js';
import type { Exact } from '../../src/compute/exact.js';
import { absolute, compare, dividedBy, exact, exactLiteral, largest, minus, negated, plus, smallest, times, toDecimal, toDouble } from '../../src/compute/exact.js';

const LIMIT = Number.MAX_SAFE_INTEGER; // 2^53 - 1
const wholes = fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.maxSafeInteger(), fc.constantFrom(LIMIT, -LIMIT, LIMIT - 1, 2 ** 52, 0));
const fractions = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 });
const values = fc.oneof(wholes.map((n) => exact(n)), fractions.map((n) => exact(n)));

/** Equal as exact values: the same Decimal, whichever form each side took. */
const same = (a: Exact, b: Decimal): boolean => toDecimal(a).eq(b);

describe('exact arithmetic gives what Decimal gives', () => {
  it.each([
    ['plus', plus, (a: Decimal, b: Decimal) => a.plus(b)],
    ['minus', minus, (a: Decimal, b: Decimal) => a.minus(b)],
    ['times', times, (a: Decimal, b: Decimal) => a.times(b)],
  ] as const)('%s, near 2^53 included', (_name, op, reference) => {
    fc.assert(
      fc.property(values, values, (a, b) => same(op(a, b), reference(toDecimal(a), toDecimal(b)))),
      { numRuns: 2000 },
    );
  });

  it('dividedBy, whole quotients of whole numbers included', () => {
    fc.assert(
      fc.property(values, values, (a, b) => toDecimal(b).isZero() || same(dividedBy(a, b), toDecimal(a).div(toDecimal(b)))),
      { numRuns: 2000 },
    );
    expect(dividedBy(12, 4)).toBe(3);
    expect(same(dividedBy(1, 3), new Decimal(1).div(3))).toBe(true);
  });

  it('compare, negated, absolute, smallest and largest', () => {
    fc.assert(
      fc.property(values, values, (a, b) => {
        const [da, db] = [toDecimal(a), toDecimal(b)];
        return compare(a, b) === da.comparedTo(db) && same(negated(a), da.neg()) && same(absolute(a), da.abs()) && same(smallest([a, b]), Decimal.min(da, db)) && same(largest([a, b]), Decimal.max(da, db));
      }),
      { numRuns: 1000 },
    );
  });
});

describe('whole numbers stay doubles only while exact', () => {
  it.each([
    ['a sum within 2^53', () => plus(LIMIT - 1, 1), 'number', String(LIMIT)],
    ['a sum past 2^53', () => plus(LIMIT, 1), 'Decimal', '9007199254740992'],
    ['a sum past 2^53 that doubles would round', () => plus(LIMIT, 2), 'Decimal', '9007199254740993'],
    ['a product past 2^53', () => times(2 ** 30, 2 ** 30), 'Decimal', '1152921504606846976'],
    ['a fraction', () => exact(0.1), 'Decimal', '0.1'],
    ['a literal of 16 digits', () => exactLiteral('9007199254740993'), 'Decimal', '9007199254740993'],
    ['a literal with a point', () => exactLiteral('2.50'), 'Decimal', '2.5'],
    ['a whole literal', () => exactLiteral('1000'), 'number', '1000'],
  ])('%s', (_name, make, form, text) => {
    const v = make();
    expect(typeof v === 'number' ? 'number' : 'Decimal').toBe(form);
    expect(toDecimal(v).toFixed()).toBe(text);
  });

  it('converts to the double once, at the end', () => {
    // 0.1 + 0.2 in Decimal is 0.3 exactly; as doubles it would be 0.30000000000000004
    expect(toDouble(plus(exact(0.1), exact(0.2)))).toBe(0.3);
    expect(toDouble(plus(LIMIT, 2))).toBe(9007199254740992);
  });
});
