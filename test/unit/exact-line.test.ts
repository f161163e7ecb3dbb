// A line's exact values in compact form (src/compute/exact-line.ts) read back exactly as
// they were set: safe integers as numbers, every Decimal as an equal Decimal.
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/compute/decimal.js';
import { ExactLine } from '../../src/compute/exact-line.js';

describe('ExactLine', () => {
  it('reads a slot not yet computed as undefined', () => {
    expect(new ExactLine(3).get(1)).toBeUndefined();
  });

  it.each([0, -0, 1, -42, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER])('keeps the safe integer %d as that number', (n) => {
    const line = new ExactLine(2);
    line.set(1, n);
    expect(Object.is(line.get(1), n)).toBe(true);
  });

  it.each([
    ['a whole number past 2^53 from a double', new Decimal(1001852697696745000)],
    ['a whole number past 2^53 no double holds', new Decimal('9007199254740993')],
    ['a fraction', new Decimal('0.1')],
    ['a long quotient', new Decimal(1).dividedBy(3)],
    ['a negative zero', new Decimal('-0')],
    ['a number past the doubles', new Decimal('1e400')],
  ])('gives back %s as an equal Decimal', (_name, d) => {
    const line = new ExactLine(4);
    line.set(2, d);
    const back = line.get(2);
    expect(back).toBeInstanceOf(Decimal);
    expect((back as Decimal).toString()).toBe(d.toString());
    expect((back as Decimal).isNegative()).toBe(d.isNegative());
  });

  it('keeps each slot to itself when a slot is set again with the other kind', () => {
    const line = new ExactLine(3);
    line.set(0, new Decimal('0.5'));
    line.set(1, new Decimal(2 ** 60));
    line.set(2, 7);
    line.set(0, 3);
    line.set(2, new Decimal('2.5'));
    line.set(1, 4);
    expect([line.get(0), line.get(1), (line.get(2) as Decimal).toString()]).toEqual([3, 4, '2.5']);
  });
});
