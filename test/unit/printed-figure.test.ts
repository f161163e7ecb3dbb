// A figure as a source prints it: value, printed precision and % sign, or why it is none.
import { describe, expect, it } from 'vitest';
import { parsePrintedFigure } from '../../src/compile/printed-figure.js';

describe('parsePrintedFigure', () => {
  it.each([
    ['3,341,255', '3341255', 0, false],
    ['(3,341,255)', '-3341255', 0, false],
    ['-905', '-905', 0, false],
    ['905', '905', 0, false],
    ['25.6%', '25.6', 1, true],
    ['(8.3%)', '-8.3', 1, true],
    ['100.0', '100', 1, false],
    ['7.0', '7', 1, false],
    ['(47.52)', '-47.52', 2, false],
    ['0.28', '0.28', 2, false],
    ['-0.05', '-0.05', 2, false],
    ['(0.0)', '0', 1, false],
    ['-', '0', 0, false],
    ['\u2013', '0', 0, false],
    [' 1,234 ', '1234', 0, false],
    ['1234567', '1234567', 0, false],
  ])('%j is %s with %i decimals (percent sign: %s)', (text, value, decimals, percent) => {
    const parsed = parsePrintedFigure(text);
    if (typeof parsed === 'string') throw new Error(parsed);
    expect(parsed.value.toString()).toBe(value);
    expect(parsed.decimals).toBe(decimals);
    expect(parsed.percent).toBe(percent);
  });

  it('reads "n/m" as a ratio that means nothing', () => {
    expect(parsePrintedFigure('n/m')).toMatchObject({ notMeaningful: true });
    expect(parsePrintedFigure('N/M')).toMatchObject({ notMeaningful: true });
    expect(parsePrintedFigure('25.6%')).toMatchObject({ notMeaningful: false });
  });

  it.each([
    ['', 'is not a figure as printed'],
    ['1,23', 'is not a figure as printed'],
    ['12,345,67', 'is not a figure as printed'],
    ['1.2.3', 'is not a figure as printed'],
    ['$1,234', 'is not a figure as printed'],
    ['1e3', 'is not a figure as printed'],
    ['(12', 'has an unmatched bracket'],
    ['12%)', 'has an unmatched bracket'],
    ['(-12)', 'is negative twice'],
    ['n/a', 'is not a figure as printed'],
  ])('%j is no figure: %s', (text, reason) => {
    expect(parsePrintedFigure(text)).toMatch(reason);
  });
});
