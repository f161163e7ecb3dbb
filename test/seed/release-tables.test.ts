import { existsSync } from 'node:fs';
import { describe, it, expect } from 'vitest';
import {
  columnHeaders,
  parseNumberCell,
  publishedRoundingAdjustments,
  readReleaseTables,
  releasePath,
  releaseRow,
  releaseTable,
} from './release-tables';

const tables = readReleaseTables();

describe('parseNumberCell', () => {
  it('parses the printed number forms', () => {
    expect(parseNumberCell('3,341,255')).toEqual({ value: 3341255, decimals: 0, percent: false });
    expect(parseNumberCell('(8.3%)')).toEqual({ value: -8.3, decimals: 1, percent: true });
    expect(parseNumberCell('25.6%')).toEqual({ value: 25.6, decimals: 1, percent: true });
    expect(parseNumberCell('(47.52)')).toEqual({ value: -47.52, decimals: 2, percent: false });
    expect(parseNumberCell('<b>(3,214.0)</b>')).toEqual({ value: -3214, decimals: 1, percent: false });
    expect(parseNumberCell('100.0')).toEqual({ value: 100, decimals: 1, percent: false });
    expect(parseNumberCell('-905')).toEqual({ value: -905, decimals: 0, percent: false });
    expect(parseNumberCell('0')).toEqual({ value: 0, decimals: 0, percent: false });
    expect(parseNumberCell('-')).toEqual({ value: 0, decimals: 0, percent: false });
    expect(parseNumberCell('')).toBeNull();
    expect(parseNumberCell(' <b></b> ')).toBeNull();
  });

  it('rejects text that is not a number', () => {
    expect(() => parseNumberCell('JPY')).toThrow();
    expect(() => parseNumberCell('(8.3')).toThrow();
    expect(() => parseNumberCell('1,23')).toThrow();
  });
});

describe('parseReleaseTables', () => {
  it('locates the release next to the repository', () => {
    expect(releasePath.endsWith('/shared/seeds/002_b770b1f0f6659c42.txt')).toBe(true);
    expect(existsSync(releasePath)).toBe(true);
  });

  it('finds the five statement tables in document order', () => {
    expect(tables.map((t) => [t.key, t.columnCount, t.rows.length])).toEqual([
      ['is_q', 9, 30],
      ['is_y', 6, 30],
      ['bs', 7, 38],
      ['cf_q', 4, 31],
      ['cf_y', 3, 33],
    ]);
    expect(tables.map((t) => t.title)).toEqual([
      'CONSOLIDATED STATEMENTS OF OPERATIONS (UNAUDITED)',
      'CONSOLIDATED STATEMENTS OF OPERATIONS (UNAUDITED)',
      'CONSOLIDATED BALANCE SHEETS (UNAUDITED)',
      'CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS (UNAUDITED)',
      'CONDENSED CONSOLIDATED STATEMENTS OF CASH FLOWS (UNAUDITED)',
    ]);
    // The annual heading's known quirk is kept verbatim by the parser.
    expect(releaseTable(tables, 'is_y').subtitle).toBe('For the Years Ended Dec 31, 2003 and Mar 31, 2002');
    expect(releaseTable(tables, 'bs').subtitle).toBe('As of Mar 31, 2003, Mar 31, 2002 and Dec 31, 2002');
  });

  it('reads the column headers with their bands', () => {
    const isq = columnHeaders(releaseTable(tables, 'is_q'));
    expect(isq[0]).toEqual(['Year-over-year Comparison', 'Mar 31, 2003', 'USD (1)']);
    expect(isq[5]).toEqual(['Year-over-year Comparison', 'Mar 31, 2002', 'YOY Chg %']);
    expect(isq[8]).toEqual(['Sequential Comparison', 'Dec 31, 2002', 'QOQ Chg %']);
    expect(columnHeaders(releaseTable(tables, 'bs')).map((c) => c.join(' / '))).toEqual([
      'Mar 31, 2003 / USD (1)',
      'Mar 31, 2003 / JPY',
      'Mar 31, 2003 / %',
      'Mar 31, 2002 / JPY',
      'Mar 31, 2002 / %',
      'Dec 31, 2002 / JPY',
      'Dec 31, 2002 / %',
    ]);
    expect(columnHeaders(releaseTable(tables, 'cf_y'))).toEqual([
      ['March 31, 2003', 'USD (1)'],
      ['March 31, 2003', 'JPY'],
      ['March 31, 2002', 'JPY'],
    ]);
  });

  it('reads labels, cells and printed precision', () => {
    const isq = releaseTable(tables, 'is_q');
    expect(isq.rows[0]).toMatchObject({ label: 'Revenues:', bold: true, cells: new Array<null>(9).fill(null) });
    const dedicated = releaseRow(isq, 'Dedicated access services (2)');
    expect(dedicated.cells).toEqual([28299, 3341255, 25.6, 3643141, 30.1, -8.3, 3404016, 32.2, -1.8]);
    expect(dedicated.decimals).toEqual([0, 0, 1, 0, 1, 1, 0, 1, 1]);
    expect(dedicated.texts).toEqual(['28,299', '3,341,255', '25.6%', '3,643,141', '30.1%', '(8.3%)', '3,404,016', '32.2%', '(1.8%)']);
    expect(releaseRow(isq, 'Basic Net Loss Per ADS Equivalent').texts).toEqual(['', '(47.52)', '', '(37.07)', '', '', '(50.40)', '', '']);
    expect(dedicated.percent).toEqual([false, false, true, false, true, true, false, true, true]);
    const netLoss = releaseRow(isq, 'Net loss');
    expect(netLoss.bold).toBe(true);
    expect(netLoss.cells).toEqual([-18095, -2136513, -16.4, -1666669, -13.8, 28.2, -2266039, -21.4, -5.7]);
    const perAds = releaseRow(isq, 'Basic Net Loss Per ADS Equivalent');
    expect(perAds.cells).toEqual([null, -47.52, null, -37.07, null, null, -50.4, null, null]);
    expect(perAds.decimals[6]).toBe(2);
    expect(releaseRow(releaseTable(tables, 'is_y'), 'Operating income(loss)').cells[5]).toBe(-3214);
    expect(releaseRow(releaseTable(tables, 'is_y'), 'Cost of other equipment sales').cells[1]).toBe(6416525);

    const bs = releaseTable(tables, 'bs');
    expect(releaseRow(bs, 'Total assets').cells).toEqual([332171, 39219388, 100, 45262783, 100, 37360341, 100]);
    expect(releaseRow(bs, 'Restricted Cash').cells.slice(3, 5)).toEqual([0, 0]);
    expect(releaseRow(bs, 'Accumulated deficit').cells[1]).toBe(-27532204);

    const cfq = releaseTable(tables, 'cf_q');
    expect(releaseRow(cfq, 'Losses on other investments').cells).toEqual([1565, 184723, 104700, 0]); // "-" is 0
    expect(cfq.rows.filter((r) => r.label === 'Other')).toHaveLength(2);
    expect(releaseRow(cfq, 'Cash, End of Period').cells).toEqual([30392, 3588352, 11045919, 4270613]);
    expect(releaseRow(releaseTable(tables, 'cf_y'), 'Deposit to restricted cash').cells).toEqual([-42348, -5000000, 0]);
  });

  it('ignores the KPI tables and reconciliations', () => {
    const labels = tables.flatMap((t) => t.rows.map((r) => r.label));
    expect(labels).not.toContain('Adjusted EBITDA');
    expect(labels).not.toContain('Total Dedicated Access Services Contracts');
  });
});

describe('published rounding adjustments', () => {
  it('are 35 cells, each one unit of its last printed digit away from the correctly rounded figure', () => {
    const found = publishedRoundingAdjustments(tables);
    expect(found).toHaveLength(35);
    expect(found.filter((a) => a.column === 1)).toHaveLength(11); // USD cells; the rest are shares
    for (const a of found) {
      const unit = a.column === 1 ? 1 : 0.1;
      expect(Math.abs(a.published - a.computed), `${a.key} ${a.label} column ${a.column}`).toBeCloseTo(unit, 9);
    }
    // one of each kind, as the release prints it
    expect(found).toContainEqual({ key: 'is_q', label: 'Cost of equipment sales', column: 1, published: 22345, computed: 22346 });
    expect(found).toContainEqual({ key: 'is_q', label: 'Dial-up access services', column: 8, published: 7.4, computed: 7.3 });
  });
});
