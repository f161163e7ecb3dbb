// Periods found by their dates (src/compile/calendar.ts): what prev(), opening(), closing(),
// sum_within(), ytd() and ltm() read, for each kind of period, fiscal years off the
// calendar, 52/53-week years, and the periods a model lacks.
import { describe, expect, it } from 'vitest';
import type { Missing, When } from '../../src/compile/calendar.js';
import { Calendar, TimeError, columnAt, isMissing } from '../../src/compile/calendar.js';
import type { Node, ShiftNode, SpanNode } from '../../src/expr/ast.js';
import { parseFormula } from '../../src/expr/parser.js';
import type { Period } from '../../src/model/schema.js';

const q = (id: string, start: string, end: string): Period => ({ id, kind: 'quarter', start, end });
const y = (id: string, start: string, end: string): Period => ({ id, kind: 'year', start, end });
const m = (id: string, start: string, end: string): Period => ({ id, kind: 'month', start, end });
const h = (id: string, start: string, end: string): Period => ({ id, kind: 'half', start, end });
const at = (id: string, date: string): Period => ({ id, kind: 'instant', date });

// IIJ: fiscal years from April; quarters of fiscal 2002 (1Q02 = Apr-Jun 2002) in no order.
const IIJ: Period[] = [
  q('4Q02', '2003-01-01', '2003-03-31'),
  q('2Q02', '2002-07-01', '2002-09-30'),
  q('1Q02', '2002-04-01', '2002-06-30'),
  q('3Q02', '2002-10-01', '2002-12-31'),
  q('4Q01', '2002-01-01', '2002-03-31'),
  y('FY2002', '2002-04-01', '2003-03-31'),
  y('FY2001', '2001-04-01', '2002-03-31'),
  at('Mar03', '2003-03-31'),
  at('Dec02', '2002-12-31'),
  at('Mar02', '2002-03-31'),
  { id: '9M02', kind: 'ytd', start: '2002-04-01', end: '2002-12-31' },
];
// Photronics: 52/53-week fiscal years ending on the Sunday closest to October 31.
const PLAB: Period[] = [y('FY2011', '2010-11-01', '2011-10-30'), y('FY2010', '2009-11-02', '2010-10-31')];
const MONTHS: Period[] = [m('Jan24', '2024-01-01', '2024-01-31'), m('Feb24', '2024-02-01', '2024-02-29'), m('Mar24', '2024-03-01', '2024-03-31')];
const HALVES: Period[] = [h('H1', '2024-01-01', '2024-06-30'), h('H2', '2024-07-01', '2024-12-31'), y('CY24', '2024-01-01', '2024-12-31')];

const fn = <K extends 'shift' | 'span'>(text: string, kind: K): Extract<Node, { kind: K }> => {
  const node = parseFormula(text);
  if (node.kind !== kind) throw new Error(`${text} is not a ${kind}`);
  return node as Extract<Node, { kind: K }>;
};
const period = (periods: Period[], id: string): When => ({ at: 'period', period: periods.find((p) => p.id === id)! });
const describeWhen = (w: When | Missing): string => (isMissing(w) ? `missing: ${w.missing}` : w.at === 'period' ? w.period.id : `${w.date} (from a ${w.from})`);

describe('prev(), opening() and closing()', () => {
  it.each([
    ['a quarter steps back to the quarter ending the day before it starts', IIJ, '4Q02', 'prev(x)', '3Q02'],
    ['across the turn of the fiscal year', IIJ, '1Q02', 'prev(x)', '4Q01'],
    ['a fiscal year from April to the year before', IIJ, 'FY2002', 'prev(x)', 'FY2001'],
    ['a 52/53-week year to the one before (no fixed length)', PLAB, 'FY2011', 'prev(x)', 'FY2010'],
    ['a month of 29 days to the month before', MONTHS, 'Mar24', 'prev(x)', 'Feb24'],
    ['a half to the half before', HALVES, 'H2', 'prev(x)', 'H1'],
    ['naming its own kind is the same', IIJ, '4Q02', 'prev(x, quarter)', '3Q02'],
    ['the first quarter the model has: missing', IIJ, '4Q01', 'prev(x)', 'missing: the quarter before 4Q01 (ending 2001-12-31)'],
    ['the first year: missing', PLAB, 'FY2010', 'prev(x)', 'missing: the year before FY2010 (ending 2009-11-01)'],
    ['a balance date, a year back through the year ending on it', IIJ, 'Mar03', 'prev(x, year)', '2002-03-31 (from a year)'],
    ['a balance date, a quarter back through the quarter ending on it', IIJ, 'Mar03', 'prev(x, quarter)', '2002-12-31 (from a quarter)'],
    ['a balance date no quarter of the model ends on: missing', IIJ, 'Mar02', 'prev(x, quarter)', '2001-12-31 (from a quarter)'],
    ['opening: the day before a quarter starts', IIJ, '4Q02', 'opening(x)', '2002-12-31 (from a quarter)'],
    ['opening: the day before a fiscal year starts', IIJ, 'FY2002', 'opening(x)', '2002-03-31 (from a year)'],
    ['closing: the day a quarter ends', IIJ, '3Q02', 'closing(x)', '2002-12-31 (from a quarter)'],
    ['closing: the last day of a 52/53-week year', PLAB, 'FY2011', 'closing(x)', '2011-10-30 (from a year)'],
  ])('%s', (_what, periods, from, text, expected) => {
    const calendar = new Calendar(periods);
    expect(describeWhen(calendar.shift(period(periods, from), fn(text, 'shift') as ShiftNode))).toBe(expected);
  });

  it.each([
    ['prev() of a balance date without the kind of step', IIJ, 'Mar03', 'prev(x)', /prev\(\) at the balance date 2003-03-31 needs the kind of step/],
    ['prev() of a quarter by a year', IIJ, '4Q02', 'prev(x, year)', /a period steps back by its own kind/],
    ['opening() of a balance date', IIJ, 'Dec02', 'opening(x)', /Dec02 is a balance date/],
    ['closing() of a balance date', IIJ, 'Dec02', 'closing(x)', /Dec02 is a balance date/],
    ['prev() of a year-to-date period', IIJ, '9M02', 'prev(x)', /9M02' is a ytd period/],
  ])('refuses %s as a template mistake', (_what, periods, from, text, message) => {
    const calendar = new Calendar(periods);
    expect(() => calendar.shift(period(periods, from), fn(text, 'shift') as ShiftNode)).toThrow(TimeError);
    expect(() => calendar.shift(period(periods, from), fn(text, 'shift') as ShiftNode)).toThrow(message);
  });
});

describe('sum_within(), ytd() and ltm()', () => {
  const QUARTERS: Period[] = [...IIJ, q('3Q01', '2001-10-01', '2001-12-31'), q('2Q01', '2001-07-01', '2001-09-30'), q('1Q01', '2001-04-01', '2001-06-30')];
  const spans = (periods: Period[], from: string, text: string): string => {
    const got = new Calendar(periods).span(period(periods, from), fn(text, 'span') as SpanNode);
    return isMissing(got) ? `missing: ${got.missing}` : got.map(describeWhen).join(' ');
  };

  it.each([
    ['a fiscal year is its four quarters, in time order', QUARTERS, 'FY2002', 'sum_within(x, quarter)', '1Q02 2Q02 3Q02 4Q02'],
    ['a year-to-date period is its quarters', QUARTERS, '9M02', 'sum_within(x, quarter)', '1Q02 2Q02 3Q02'],
    ['a calendar year of halves', HALVES, 'CY24', 'sum_within(x, half)', 'H1 H2'],
    ['a quarter of months', [...MONTHS, q('Q1', '2024-01-01', '2024-03-31')], 'Q1', 'sum_within(x, month)', 'Jan24 Feb24 Mar24'],
    ['a year whose first quarters are missing', IIJ, 'FY2001', 'sum_within(x, quarter)', 'missing: the quarters of FY2001 from 2001-04-01 to 2001-12-31'],
    ['a year with a quarter missing in the middle', IIJ.filter((p) => p.id !== '2Q02'), 'FY2002', 'sum_within(x, quarter)', 'missing: the quarters of FY2002 from 2002-07-01 to 2002-09-30'],
    ['year to date: the fiscal year from April to the end of 3Q02', QUARTERS, '3Q02', 'ytd(x)', '1Q02 2Q02 3Q02'],
    ['year to date of the first quarter is the quarter', QUARTERS, '1Q02', 'ytd(x)', '1Q02'],
    ['year to date of a year is the year', QUARTERS, 'FY2002', 'ytd(x)', 'FY2002'],
    ['year to date without a fiscal year that holds the quarter', [q('Q', '2024-01-01', '2024-03-31')], 'Q', 'ytd(x)', 'missing: a fiscal year (a period of kind year) that contains Q'],
    ['last twelve months of a quarter: it and the three before', QUARTERS, '2Q02', 'ltm(x)', '3Q01 4Q01 1Q02 2Q02'],
    ['last twelve months of a year: the year', PLAB, 'FY2011', 'ltm(x)', 'FY2011'],
    ['last twelve months of a full fiscal year of quarters', IIJ, '4Q02', 'ltm(x)', '1Q02 2Q02 3Q02 4Q02'],
    ['last twelve months short of a quarter', IIJ.filter((p) => p.id !== '2Q02'), '4Q02', 'ltm(x)', 'missing: the quarter ending 2002-09-30 (twelve months to 2003-03-31)'],
  ])('%s', (_what, periods, from, text, expected) => {
    expect(spans(periods, from, text)).toBe(expected);
  });

  it('refuses a sum over a balance date, and quarters that overlap', () => {
    expect(() => new Calendar(IIJ).span(period(IIJ, 'Mar03'), fn('sum_within(x, quarter)', 'span'))).toThrow(/Mar03 is a balance date/);
    const overlapping = [y('FY', '2024-01-01', '2024-12-31'), q('A', '2024-01-01', '2024-03-31'), q('B', '2024-03-01', '2024-05-31')];
    expect(() => new Calendar(overlapping).span(period(overlapping, 'FY'), fn('sum_within(x, quarter)', 'span'))).toThrow(/overlap/);
  });
});

describe("a table's column for a point in time", () => {
  const byId = (periods: Period[]) => (id: string) => periods.find((p) => p.id === id)!;
  const date = (d: string, from: string): When => ({ at: 'date', date: d, from });

  it.each([
    ['the instant of that date', IIJ, ['Mar03', 'Mar02', 'Dec02'], date('2002-12-31', 'quarter'), 'Dec02'],
    ['a balance sheet headed by fiscal years: the year ending that day', PLAB, ['FY2011', 'FY2010'], date('2010-10-31', 'year'), 'FY2010'],
    ['a quarter and a year ending that day: the kind it was reached from', [...IIJ], ['4Q02', 'FY2002'], date('2003-03-31', 'year'), 'FY2002'],
    ['the same, reached from a quarter', [...IIJ], ['4Q02', 'FY2002'], date('2003-03-31', 'quarter'), '4Q02'],
    ['a date the table has no column for', IIJ, ['Mar03', 'Dec02'], date('2002-09-30', 'quarter'), 'missing: a column for 2002-09-30'],
    ['a period the table does not show', IIJ, ['4Q02'], period(IIJ, '3Q02'), 'missing: a column for 3Q02'],
    ['a period the table shows', IIJ, ['4Q02', '3Q02'], period(IIJ, '3Q02'), '3Q02'],
  ])('%s', (_what, periods, columns, when, expected) => {
    const got = columnAt(columns, byId(periods), when);
    expect(typeof got === 'string' ? got : 'missing' in got ? `missing: ${got.missing}` : `ambiguous: ${got.ambiguous.join(', ')}`).toBe(expected);
  });

  it('calls two periods of one kind ending on one day ambiguous', () => {
    const periods = [q('A', '2024-01-01', '2024-03-31'), q('B', '2024-01-01', '2024-03-31')];
    expect(columnAt(['A', 'B'], byId(periods), date('2024-03-31', 'year'))).toEqual({ ambiguous: ['A', 'B'] });
  });
});
