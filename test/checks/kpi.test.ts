// The KPI and ratio sheets reproduce the release (and the 3Q02 slides) at their printed
// precision, with totals and everything the statements determine as formulas, not inputs.
import { describe, expect, it } from 'vitest';
import { isDerived } from '../../src/compile/program.js';
import { DEFAULT_MODEL } from '../helpers/cli.js';
import { computeOrThrow } from './helpers.js';

const computed = computeOrThrow(DEFAULT_MODEL);

function line(sheet: string, id: string) {
  const l = computed.program.sheetById.get(sheet)?.lines.get(id);
  if (!l) throw new Error(`no line ${sheet}.${id}`);
  return l;
}
const value = (sheet: string, id: string, period: string): number => computed.results.value(line(sheet, id), period).toNumber();

// [sheet, line, derived?, { period: printed }, decimals shown]; percentages in percent.
type Row = [string, string, boolean, Record<string, number>, number];
const PERIODS_Q = ['4Q02', '3Q02', '4Q01'];
const q = (...v: number[]): Record<string, number> => Object.fromEntries(v.map((x, i) => [PERIODS_Q[i]!, x]));

const PRINTED: Row[] = [
  // Table 1. Number of Contracts: totals are formulas
  ['kpi', 'ip_64k_128k', false, q(112, 130, 142), 0],
  ['kpi', 'dedicated_contracts', true, q(5308, 4719, 3620), 0],
  ['kpi', 'dialup_contracts', true, q(529784, 452736, 260576), 0],
  // Table 2 (JPY millions)
  ['kpi', 'ip_dc_revenue', false, q(2518, 2548, 2651), 0],
  ['kpi', 'other_dedicated_revenue', false, q(823, 856, 992), 0],
  // Table 3 (Gbps)
  ['kpi', 'total_bandwidth', true, q(42.0, 30.3, 11.4), 1],
  // Table 4 (JPY millions)
  ['kpi', 'international_backbone', false, q(315, 432, 443), 0],
  ['kpi', 'domestic_backbone', false, q(1075, 902, 836), 0],
  // Table 5 (JPY millions), from the reconciliations and the cash flow
  ['kpi', 'adjusted_ebitda', true, q(459, 349, 968), 0],
  ['kpi', 'capex', true, q(936, 1519, 913), 0],
  ['kpi', 'depreciation_amortization', true, q(933, 943, 812), 0],
  // Adjusted EBITDA reconciliation (JPY millions): the rows add up as printed
  ['kpi', 'ebitda', true, { '4Q02': 459, '3Q02': 349, '4Q01': 968, FY2002: 1799, FY2001: 2960 }, 0],
  ['kpi', 'ebitda_depreciation', false, { '4Q02': -905, '3Q02': -916, '4Q01': -782, FY2002: -3470, FY2001: -2906 }, 0],
  ['kpi', 'ebitda_operating_income', true, { '4Q02': -446, '3Q02': -567, '4Q01': 186, FY2002: -1671, FY2001: 54 }, 0],
  // Capital expenditure reconciliation (JPY millions)
  ['kpi', 'capital_expenditures', true, q(936, 1519, 913), 0],
  ['kpi', 'capital_lease_acquisitions', false, q(772, 1014, 411), 0],
  ['kpi', 'capex_purchase_pe', true, q(164, 505, 502), 0],
  // Cross-selling rates (percent)
  ['kpi', 'cross_sell_vas', false, { FY2001: 69.7, FY2002: 70.6 }, 1],
  ['kpi', 'cross_sell_si', false, { FY2001: 49.2, FY2002: 58.2 }, 1],
  ['kpi', 'cross_sell_dc', false, { FY2001: 30.4, FY2002: 35.3 }, 1],
  // Release text: SI gross margin 13.4% in 4Q02, 11.2% in 4Q01; operating income-to-revenue
  // ratio (-)3.4% in 4Q02, 1.5% in 4Q01, (-)5.4% in 3Q02
  ['ratios', 'gross_margin_si', true, { '4Q02': 13.4, '4Q01': 11.2 }, 1],
  ['ratios', 'operating_margin', true, q(-3.4, -5.4, 1.5), 1],
  // 3Q02 slides, "FY02 9 months accumulated" (Others: see the quirk below)
  ['ratios', 'mix_dedicated', true, { '9M02': 33.8 }, 1],
  ['ratios', 'mix_dialup', true, { '9M02': 7.7 }, 1],
  ['ratios', 'mix_si', true, { '9M02': 32.6 }, 1],
  ['ratios', 'mix_vas', true, { '9M02': 8.6 }, 1],
  ['ratios', 'mix_equipment', true, { '9M02': 12.9 }, 1],
  // 4Q02 mix: the statement's "% of Total Revenues" column (VAS printed 7.2 there is the
  // release's own rounding nudge; computed 7.1)
  ['ratios', 'mix_dedicated', true, { '4Q02': 25.6 }, 1],
  ['ratios', 'mix_si', true, { '4Q02': 37.6 }, 1],
  ['ratios', 'mix_equipment', true, { '4Q02': 20.8 }, 1],
];

const PERCENT_SHEETS_LINES = /^(cross_sell_|gross_margin_|operating_margin|mix_)/;

describe('KPI and ratio figures', () => {
  it.each(PRINTED)('%s.%s (%s): %j', (sheet, id, derived, printed, decimals) => {
    expect(isDerived(line(sheet, id)), `${sheet}.${id} is ${derived ? 'a formula' : 'an input'}`).toBe(derived);
    const scale = PERCENT_SHEETS_LINES.test(id) ? 100 : 1;
    for (const [period, expected] of Object.entries(printed)) expect(Number((value(sheet, id, period) * scale).toFixed(decimals)), `${sheet}.${id}[${period}]`).toBe(expected);
  });

  it('keeps the slide quirk: Others computes to 4.3% of the nine months where the slide shows 4.4%', () => {
    expect(Number((value('ratios', 'mix_others', '9M02') * 100).toFixed(1))).toBe(4.3);
    const shares = ['mix_dedicated', 'mix_dialup', 'mix_si', 'mix_vas', 'mix_equipment', 'mix_others'].map((id) => Number((value('ratios', id, '9M02') * 100).toFixed(1)));
    // the six rounded shares add to 99.9; the slide made them 100 by showing 4.4
    expect(Number(shares.reduce((a, b) => a + b, 0).toFixed(1))).toBe(99.9);
    expect(value('ratios', 'mix_total', '9M02')).toBeCloseTo(1, 12);
  });

  it('derives the nine months as fiscal 2002 less 4Q02', () => {
    expect(value('ratios', 'rev_9m_total', '9M02')).toBe(value('is_y', 'total_revenues', 'FY2002') - value('is_q', 'total_revenues', '4Q02'));
  });

  it('labels the JPY-million tables as such', () => {
    const kpi = computed.program.sheetById.get('kpi')!;
    const units = new Map(kpi.tables.map((t) => [t.title ?? '', t.units ?? '']));
    for (const title of ['Table 2. Revenue Breakdown in Dedicated Access Services', 'Table 4. Backbone Costs', 'Table 5. Other Financial Statistics'])
      expect(units.get(title), title).toBe('JPY in millions');
    expect([...units].filter(([t]) => t.startsWith('Reconciliation')).map(([, u]) => u)).toEqual(['JPY in millions', 'JPY in millions']);
  });
});
