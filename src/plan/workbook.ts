// Plan the whole workbook: Inputs, the template's sheets, Checks.
import type { Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { a1, quoteSheetName } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';
import type { PlannedWorkbook } from './cells.js';
import { planChecksSheet } from './checks.js';
import { planCoverSheet } from './cover.js';
import { planInputsSheet } from './inputs.js';
import { planMapSheet, planWorkbookMap } from './map.js';
import { SELECTOR_ROW, planStatementSheet } from './statement.js';
import { SENSITIVITY_SHEET, needsSensitivitySheet, planSensitivitySheet } from './sensitivity.js';
import { SCENARIO_NAME } from './resolver.js';
import { FIRST_DATA_COL } from '../layout/layout.js';
import { TIE_OUT_SHEET, planTieOutSheet } from './tieout.js';
import type { ResolvedChart } from '../charts/model.js';
import { CHARTS_SHEET, needsChartsSheet, planChartsSheet } from '../charts/sheet.js';
import { withChartPrintAreas } from '../charts/print-area.js';

export function entityLine(program: Program): string {
  const e = program.model.value.entity;
  return e.ticker ? `${e.name} (${e.ticker})` : e.name;
}

export function planWorkbook(program: Program, layout: Layout, results: Results, version: string, charts: ResolvedChart[] = []): PlannedWorkbook {
  const m = program.model.value;
  const heading = entityLine(program);
  const inputs = planInputsSheet(program, heading);
  const sheets = [inputs.sheet, ...program.sheets.map((s) => planStatementSheet(program, layout, results, s, heading))];
  if (needsSensitivitySheet(program)) sheets.push(planSensitivitySheet(program, layout, results, heading));
  // the Charts sheet, after the statements it draws from (its charts are added by write/charts/)
  if (needsChartsSheet(charts)) sheets.push(planChartsSheet(charts, heading));
  if (program.checks.length > 0) sheets.push(planChecksSheet(program, layout, results, heading));
  // the printed figures against the workbook's, after the Checks sheet its summary feeds
  if (program.printed.listed.length > 0) sheets.push(planTieOutSheet(program, layout, results, heading));
  const describe = (name: string): string => {
    if (name === inputs.sheet.name) return 'Global inputs (translation rate, share data) with their defined names';
    if (name === 'Checks') return 'Cross-statement checks with tolerances and the master check';
    if (name === SENSITIVITY_SHEET && needsSensitivitySheet(program)) return 'Key figures against two drivers, as live formulas';
    if (name === TIE_OUT_SHEET) return 'Every figure the source prints for a derived cell against the live figure, with the reason for each difference';
    if (name === CHARTS_SHEET && needsChartsSheet(charts)) return 'Native charts whose series point at the statement cells';
    const s = program.sheets.find((x) => x.name === name);
    return s?.spec.title ?? name;
  };
  const cover = planCoverSheet({ program, results, version, entityLine: heading, contents: sheets.map((s) => ({ name: s.name, description: describe(s.name) })) });
  const definedNames = [...inputs.names, ...scenarioNames(program), ...keyTotalNames(program, layout)];
  // the map of every input and formula cell, on a hidden last sheet (finbook diff / pull)
  const map = planWorkbookMap(program, layout, results, [cover, ...sheets], definedNames, version);
  const planned: PlannedWorkbook = {
    sheets: [cover, ...sheets, ...(map ? [planMapSheet(map)] : [])],
    definedNames,
    title: `${m.entity.name}: ${program.template.value.name}`,
    subject: m.source.title,
    company: m.entity.name,
    keywords: ['finbook', m.entity.ticker, m.entity.currency, ...m.periods.map((p) => p.id)].filter(Boolean).join(' '),
    created: sourceDate(m.source.date),
    ...(charts.length > 0 ? { charts } : {}),
    ...(map ? { map } : {}),
  };
  return withChartPrintAreas(planned, charts);
}

/** The scenario selector: the cell every scenario() formula matches against scenario_list. */
function scenarioNames(program: Program): { name: string; ref: string }[] {
  const drivers = program.sheets.find((s) => s.spec.drivers);
  if (!drivers || !program.template.value.scenarios) return [];
  return [{ name: SCENARIO_NAME, ref: `${quoteSheetName(drivers.name)}!${a1(FIRST_DATA_COL, SELECTOR_ROW, true)}` }];
}

/** Key totals (lines with `key: true`) get a defined name per period: is_q_net_loss_4Q02. */
function keyTotalNames(program: Program, layout: Layout): { name: string; ref: string }[] {
  const out: { name: string; ref: string }[] = [];
  for (const sheet of program.sheets)
    for (const line of sheet.ordered) {
      if (!line.spec.key) continue;
      for (const period of line.table.valuePeriods) {
        const cell = layout.address(line, period);
        out.push({ name: `${sheet.id}_${line.id}_${period}`, ref: `${quoteSheetName(sheet.name)}!${a1(cell.col, cell.row, true)}` });
      }
    }
  return out;
}

/** The workbook's dates come from the model (or SOURCE_DATE_EPOCH), never from the clock. */
export function sourceDate(modelDate: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${modelDate}T00:00:00Z`);
}
