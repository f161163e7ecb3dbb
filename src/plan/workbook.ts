// Plan the whole workbook: Inputs, the template's sheets, Checks.
import type { Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import type { Layout } from '../layout/layout.js';
import type { PlannedWorkbook } from './cells.js';
import { planChecksSheet } from './checks.js';
import { planInputsSheet } from './inputs.js';
import { planStatementSheet } from './statement.js';

export function entityLine(program: Program): string {
  const e = program.model.value.entity;
  return e.ticker ? `${e.name} (${e.ticker})` : e.name;
}

export function planWorkbook(program: Program, layout: Layout, results: Results): PlannedWorkbook {
  const m = program.model.value;
  const heading = entityLine(program);
  const inputs = planInputsSheet(program, heading);
  const sheets = [inputs.sheet, ...program.sheets.map((s) => planStatementSheet(program, layout, results, s, heading))];
  if (program.checks.length > 0) sheets.push(planChecksSheet(program, layout, results, heading));
  return {
    sheets,
    definedNames: inputs.names,
    title: `${m.entity.name}: ${program.template.value.name}`,
    subject: m.source.title,
    company: m.entity.name,
    keywords: ['finbook', m.entity.ticker, m.entity.currency, ...m.periods.map((p) => p.id)].filter(Boolean).join(' '),
    created: sourceDate(m.source.date),
  };
}

/** The workbook's dates come from the model (or SOURCE_DATE_EPOCH), never from the clock. */
export function sourceDate(modelDate: string): Date {
  const epoch = process.env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return new Date(Number(epoch) * 1000);
  return new Date(`${modelDate}T00:00:00Z`);
}
