// Every figure printed in the five statement tables of the release equals the figure the
// model computes from the leaf inputs, at the release's printed precision. The expectations
// are generated from the seed text itself, cell by cell (release column i == sheet column i,
// release row i == template line i).
import { describe, expect, it } from 'vitest';
import { FIRST_DATA_COL } from '../../src/layout/layout.js';
import { isInputCell } from '../../src/compile/program.js';
import type { PlannedCell } from '../../src/plan/cells.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { DEFAULT_MODEL } from '../helpers/cli.js';
import type { ReleaseTableKey } from './release-tables.js';
import { publishedRoundingAdjustments, readReleaseTables, releaseTable, roundPrinted } from './release-tables.js';

const loaded = loadAndCompute(DEFAULT_MODEL);
if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
const computed = loaded.value;
const workbook = plan(computed);
const tables = readReleaseTables();
const KEYS: ReleaseTableKey[] = ['is_q', 'is_y', 'bs', 'cf_q', 'cf_y'];
const moved = publishedRoundingAdjustments(tables);

function sheetCells(key: ReleaseTableKey): { lineRows: number[]; cellAt: (row: number, col: number) => PlannedCell | undefined; kinds: string[]; lines: { id?: string; label: string; formula?: string }[] } {
  const sheet = computed.program.sheetById.get(key)!;
  const planned = workbook.sheets.find((s) => s.name === sheet.name)!;
  const tl = computed.layout.sheets.get(key)!.tables[0]!;
  const byRow = new Map(planned.rows.map((r) => [r.row, r.cells]));
  return {
    lineRows: tl.lineRows,
    cellAt: (row, col) => byRow.get(row)?.find((c) => c.col === col),
    kinds: tl.table.columns.map((c) => c.kind),
    lines: tl.table.lines,
  };
}

/** The figures the release prints in a table: its non-empty cells. */
const printedFigures = (key: ReleaseTableKey): number => releaseTable(tables, key).rows.reduce((n, row) => n + row.cells.filter((c) => c !== null).length, 0);

describe('the default workbook reproduces every figure of the release', () => {
  for (const key of KEYS) {
    it(`${key}: labels, layout and every printed figure`, () => {
      const table = releaseTable(tables, key);
      const sheet = sheetCells(key);
      let compared = 0;
      expect(sheet.lines.map((l) => l.label)).toEqual(table.rows.map((r) => r.label));
      expect(sheet.kinds.length).toBe(table.columnCount);
      table.rows.forEach((row, i) => {
        const line = sheet.lines[i]!;
        row.cells.forEach((printed, j) => {
          const cell = sheet.cellAt(sheet.lineRows[i]!, FIRST_DATA_COL + j);
          if (printed === null) {
            expect(cell, `${key} "${row.label}" column ${j + 1} is empty in the release`).toBeUndefined();
            return;
          }
          expect(cell, `${key} "${row.label}" column ${j + 1}`).toBeDefined();
          if (!cell || cell.kind === 'text') throw new Error(`${key} "${row.label}" column ${j + 1} holds no number`);
          // derived figures are live formulas; only leaf figures in value columns are inputs
          // (beginning cash is one where the release has no balance sheet of the day before)
          const info = line.id ? computed.program.sheetById.get(key)!.lines.get(line.id) : undefined;
          const column = computed.layout.sheets.get(key)!.tables[0]!.table.columns[j]!;
          const isInput = column.kind === 'value' && info !== undefined && isInputCell(info, info.table.periodIndex.get(column.period)!);
          expect(cell.kind, `${key} "${row.label}" column ${j + 1}`).toBe(isInput ? 'input' : 'formula');
          const percent = sheet.kinds[j] === 'share' || sheet.kinds[j] === 'change';
          const value = (cell.value as number) * (percent ? 100 : 1);
          const shown = roundPrinted(value, row.decimals[j]!);
          const quirk = moved.find((a) => a.key === key && a.label === row.label && a.column === j + 1);
          if (quirk) {
            // the release nudged this rounded figure by one unit so its column adds up, and
            // the model says so: the Tie-out sheet shows it as explained
            expect(shown).toBe(quirk.computed);
            expect(printed).toBe(quirk.published);
            const info = computed.program.sheetById.get(key)!.lines.get(line.id!)!;
            expect(computed.program.printed.at(info, j)?.reason?.id, `${key} "${row.label}" column ${j + 1}`).toBe('release_footing');
          } else {
            expect(shown, `${key} "${row.label}" column ${j + 1}: computed ${value}`).toBe(printed);
          }
          compared++;
        });
      });
      // every printed figure of this table was compared (each test counts only its own, so
      // the count does not depend on which tests ran before it)
      expect(compared).toBe(printedFigures(key));
    });
  }
  it('the release prints several hundred figures in the five tables, all compared above', () => {
    expect(KEYS.reduce((n, key) => n + printedFigures(key), 0)).toBeGreaterThan(700);
  });
});
