// The cover sheet: what the workbook is, where its figures come from, who wrote it, the
// master check as a live formula, a colour legend and a table of contents with links.
import type { Program } from '../compile/program.js';
import type { Results } from '../compute/compute.js';
import { quoteSheetName } from '../layout/a1.js';
import type { PlannedCell, PlannedRow, PlannedSheet } from './cells.js';
import { CHECKS_SHEET, MASTER_CHECK_CELL } from './checks.js';

export const COVER_SHEET = 'Cover';

export interface CoverInput {
  program: Program;
  results: Results;
  version: string;
  /** Sheets listed in the contents, with a one-line description each. */
  contents: { name: string; description: string }[];
  entityLine: string;
}

export function planCoverSheet({ program, results, version, contents, entityLine }: CoverInput): PlannedSheet {
  const m = program.model.value;
  const scale = m.entity.scale === 'units' ? '' : `${m.entity.scale[0]!.toUpperCase()}${m.entity.scale.slice(1)} of `;
  const rows: PlannedRow[] = [];
  const text = (row: number, col: number, t: string, role: Extract<PlannedCell, { kind: 'text' }>['role'], extra: Partial<Extract<PlannedCell, { kind: 'text' }>> = {}): void => {
    const existing = rows.find((r) => r.row === row);
    const cell: PlannedCell = { kind: 'text', col, text: t, role, ...extra };
    if (existing) existing.cells.push(cell);
    else rows.push({ row, cells: [cell] });
  };
  text(1, 0, entityLine, 'entity');
  text(2, 0, program.template.value.name, 'title');
  text(3, 0, 'Every derived figure in this workbook is a live formula; inputs are the reported figures.', 'subtitle');

  // Column B holds short values (and overflows into the empty column C); C describes.
  const facts: [string, string][] = [
    ['Entity', m.entity.name],
    ['Ticker', m.entity.ticker ?? '-'],
    ['Units and currency', `${scale}${m.entity.currency}, unless a sheet states otherwise`],
    ['Source document', `${m.source.title} (${m.source.date})`],
    ['Written by', `finbook ${version}`],
  ];
  let row = 5;
  for (const [k, v] of facts) {
    text(row, 0, k, 'label', { style: 'bold' });
    text(row, 1, v, 'label');
    row++;
  }
  text(row, 0, 'Periods covered', 'label', { style: 'bold' });
  for (const p of m.periods) {
    text(row, 1, p.id, 'label');
    text(row, 2, p.label ?? (p.kind === 'instant' ? `as of ${p.date ?? p.end}` : `${p.start} to ${p.end}`), 'label');
    row++;
  }
  const hasChecks = program.checks.length > 0;
  text(row, 0, 'Master check', 'label', { style: 'bold' });
  if (hasChecks) {
    const existing = rows.find((r) => r.row === row)!;
    existing.cells.push({
      kind: 'formula',
      col: 1,
      formula: `${quoteSheetName(CHECKS_SHEET)}!${MASTER_CHECK_CELL}`,
      value: results.checks.every((c) => c.ok) ? 'OK' : 'FAIL',
      format: 'status',
      style: 'bold',
      link: true,
    });
  } else text(row, 1, 'no checks declared', 'label');
  const masterRow = row;
  row += 2;

  text(row, 0, 'Colour conventions', 'heading', { style: 'bold' });
  row++;
  const legend: [string, PlannedCell][] = [
    ['Input (reported figure)', { kind: 'input', col: 1, value: 1000, format: 'amount', style: 'normal' }],
    ['Calculation on the same sheet', { kind: 'formula', col: 1, formula: 'B' + row + '*2', value: 2000, format: 'amount', style: 'normal', link: false }],
    ['Link to another sheet', { kind: 'formula', col: 1, formula: `${quoteSheetName(CHECKS_SHEET)}!${MASTER_CHECK_CELL}`, value: results.checks.every((c) => c.ok) ? 'OK' : 'FAIL', format: 'status', style: 'normal', link: true }],
  ];
  if (!hasChecks) legend.pop();
  const legendTop = row;
  for (const [label, cell] of legend) {
    text(row, 0, label, 'label', { indent: 1 });
    rows.find((r) => r.row === row)!.cells.push(cell.kind === 'formula' && !cell.link ? { ...cell, formula: `B${legendTop}*2` } : cell);
    row++;
  }
  row++;
  text(row, 0, 'Contents', 'heading', { style: 'bold' });
  row++;
  for (const c of contents) {
    text(row, 0, c.name, 'label', { indent: 1, link: `${quoteSheetName(c.name)}!A1` });
    text(row, 2, c.description, 'label');
    row++;
  }
  rows.sort((a, b) => a.row - b.row);
  for (const r of rows) r.cells.sort((a, b) => a.col - b.col);
  return {
    name: COVER_SHEET,
    kind: 'cover',
    widths: [30, 16, 90],
    freeze: null,
    merges: [],
    lastRow: row - 1,
    lastCol: 2,
    headerRows: null,
    rows,
    statusRange: hasChecks ? `B${masterRow}:B${masterRow}` : null,
  };
}
