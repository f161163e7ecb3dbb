// The template of a synthetic model: per sheet, sections of groups of leaf inputs, each
// group with a subtotal (sum over a range), each section with a total (sum of its
// subtotals), and a grand total; every sheet after the first brings the previous sheet's
// grand total forward (a cross-sheet link) and derives a net and a ratio from it.
// Columns: one value column per month (banded by year), then a share column (% of the
// grand total) and a change column for the last month.
import type { z } from 'zod';
import type { columnSchema, lineSchema, templateSchema } from '../model/schema.js';
import type { Month } from './periods.js';
import type { Random } from './random.js';

export type TemplateInput = z.input<typeof templateSchema>;
type LineInput = z.input<typeof lineSchema>;
type ColumnInput = z.input<typeof columnSchema>;

export const SHEET_NAMES = ['Operations', 'Balance Sheet', 'Cash Flows', 'Segments', 'Headcount', 'Capital'];

export function sheetName(index: number): string {
  return SHEET_NAMES[index] ?? `Schedule ${index + 1}`;
}

export function sheetId(index: number): string {
  return `s${index + 1}`;
}

/** Lines a sheet needs besides its groups: the grand total, and link, net and ratio after the first sheet. */
export function fixedLines(sheetIndex: number): number {
  return sheetIndex === 0 ? 1 : 4;
}

/** Fewest lines per sheet: the fixed ones plus one section of one group with one leaf. */
export const MIN_LINES = 4 + 3;

export interface SheetPlan {
  id: string;
  lines: LineInput[];
  /** Ids of the leaf (input) lines, which the model gives values for. */
  leaves: string[];
  sectionTotals: string[];
}

/** Split `budget` lines into sections of groups: each group is leaves + a subtotal, each section adds a total. */
function sections(budget: number, random: Random): number[][] {
  const out: number[][] = [];
  let left = budget;
  while (left >= 3) {
    const groups: number[] = [];
    left -= 1; // the section total
    const wanted = random.int(3, 6);
    while (groups.length < wanted && left >= 2) {
      const leaves = Math.min(random.int(3, 8), left - 1);
      groups.push(leaves);
      left -= leaves + 1;
    }
    out.push(groups);
  }
  // too few lines left for another section: widen the last group
  const last = out[out.length - 1]!;
  last[last.length - 1]! += left;
  return out;
}

export function planSheet(index: number, lineCount: number, random: Random): SheetPlan {
  const id = sheetId(index);
  const lines: LineInput[] = [];
  const leaves: string[] = [];
  const sectionTotals: string[] = [];
  const prev = index > 0 ? { id: sheetId(index - 1), name: sheetName(index - 1) } : null;
  if (prev) {
    lines.push({ label: 'Brought forward', style: 'bold' });
    lines.push({ id: 'from_prev', label: `Total ${prev.name}`, formula: `${prev.id}.total`, indent: 1 });
    lines.push({ blank: true });
  }
  sections(lineCount - fixedLines(index), random).forEach((groups, si) => {
    const s = si + 1;
    lines.push({ label: `Region ${s}`, style: 'bold' });
    const subtotals: string[] = [];
    groups.forEach((count, gi) => {
      const g = gi + 1;
      const ids = Array.from({ length: count }, (_, i) => `a${s}_${g}_${i + 1}`);
      ids.forEach((leaf, i) => lines.push({ id: leaf, label: `Account ${s}.${g}.${i + 1}`, indent: 2 }));
      leaves.push(...ids);
      const sub = `sub${s}_${g}`;
      lines.push({ id: sub, label: `Subtotal ${s}.${g}`, formula: `sum(${ids[0]}:${ids[ids.length - 1]})`, indent: 1, style: 'subtotal' });
      subtotals.push(sub);
    });
    lines.push({ id: `sec${s}`, label: `Total Region ${s}`, formula: `sum(${subtotals.join(', ')})`, style: 'total' });
    lines.push({ blank: true });
    sectionTotals.push(`sec${s}`);
  });
  lines.push({ id: 'total', label: `Total ${sheetName(index)}`, formula: `sum(${sectionTotals.join(', ')})`, style: 'net' });
  if (prev) {
    lines.push({ id: 'net', label: `Net of ${prev.name}`, formula: 'total - from_prev', style: 'total' });
    // a ratio: its division is guarded (a zero denominator gives 0 in both back-ends)
    lines.push({ id: 'ratio', label: `Total to ${prev.name}`, formula: 'total / from_prev', format: 'percent' });
  }
  return { id, lines, leaves, sectionTotals };
}

export function columns(periods: Month[]): ColumnInput[] {
  const cols: ColumnInput[] = periods.map((m) => ({ kind: 'value', period: m.id, title: m.short, bands: [String(m.year)] }));
  const last = periods[periods.length - 1]!;
  cols.push({ kind: 'share', period: last.id, of: 'total', title: '% of Total', bands: ['Analysis'] });
  // year over year once there is a year of history, else month over month
  const base = periods.length > 12 ? periods[periods.length - 13] : periods[periods.length - 2];
  if (base) cols.push({ kind: 'change', period: last.id, base: base.id, title: periods.length > 12 ? 'YoY Chg %' : 'MoM Chg %', bands: ['Analysis'] });
  return cols;
}

export function buildTemplate(sheets: SheetPlan[], periods: Month[], name: string): TemplateInput {
  const cols = columns(periods);
  const last = periods[periods.length - 1]!;
  const first = sheets[0]!;
  return {
    finbook_template: 1,
    name,
    sheets: sheets.map((s, i) => ({
      id: s.id,
      name: sheetName(i),
      title: `${sheetName(i)} (synthetic)`,
      subtitle: `Months ${periods[0]!.short} ${periods[0]!.year} to ${last.short} ${last.year}`,
      units: 'Thousands of USD',
      columns: cols,
      lines: s.lines,
    })),
    checks: [
      {
        id: 'sections_tie',
        label: `${sheetName(0)}: the total equals the sum of its regions`,
        periods: [last.id],
        left: `${first.id}.total`,
        right: `sum(${first.sectionTotals.map((t) => `${first.id}.${t}`).join(', ')})`,
        tolerance: 0,
      },
    ],
  };
}
