// Anchors that were not adjusted. openpyxl's insert_rows and delete_rows move cells without
// adjusting a single reference (its documentation says so), so after them the map's anchors,
// like every formula of the workbook, point at the rows where things were. Each line's
// label says where it really is: where a line's cells are all still anchored where finbook
// wrote them but its label is not there, the sheet's labels are aligned with the labels
// finbook wrote (longest common subsequence, so order is kept and repeated labels such as
// "Other" pair up in turn), and the line's cells follow its label. Cells whose anchors moved
// were moved by a program that adjusts references: they stay where their anchors say. A label
// an analyst retyped finds no partner and stays where its anchor is.
import type { ReadWorkbook } from '../verify/read-xlsx.js';
import type { MappedCell } from './read-map.js';

const normal = (s: string): string => s.replace(/\s+/g, ' ').trim();

/** The text of column A of each row of a sheet. */
function labelsByRow(wb: ReadWorkbook, sheetName: string): Map<number, string> {
  const out = new Map<number, string>();
  const sheet = wb.sheets.find((s) => s.name === sheetName);
  if (!sheet) return out;
  for (const c of sheet.cells.values()) if (c.col === 0 && typeof c.value === 'string' && c.value.trim() !== '') out.set(c.row, normal(c.value));
  return out;
}

/** Row of each line now (majority of its cells), by the line's map entry. */
function currentRows(cells: readonly MappedCell[]): Map<MappedCell['row'], { sheet: string; row: number }> {
  const votes = new Map<MappedCell['row'], Map<string, number>>();
  for (const c of cells) {
    if (!c.at) continue;
    let v = votes.get(c.row);
    if (!v) votes.set(c.row, (v = new Map()));
    const key = `${c.at.row}\u0000${c.at.sheet}`;
    v.set(key, (v.get(key) ?? 0) + 1);
  }
  const out = new Map<MappedCell['row'], { sheet: string; row: number }>();
  for (const [row, v] of votes) {
    const [best] = [...v.entries()].sort((a, b) => b[1] - a[1]);
    const [r, sheet] = best![0].split('\u0000');
    out.set(row, { sheet: sheet!, row: Number(r) });
  }
  return out;
}

/**
 * Move the cells of lines whose label is now found on another row, where the anchors were
 * evidently not adjusted. Returns the names of the sheets where that happened.
 */
export function followLabels(cells: MappedCell[], wb: ReadWorkbook): string[] {
  const rows = currentRows(cells);
  // lines with a cell whose anchor moved: their anchors were adjusted
  const adjusted = new Set<MappedCell['row']>();
  for (const c of cells) if (c.at && (c.at.row !== c.row.r || c.at.col !== c.cell.c || c.at.sheet !== c.sheet.name)) adjusted.add(c.row);
  const bySheet = new Map<string, { entry: MappedCell['row']; row: number; fixed: boolean }[]>();
  for (const [entry, at] of rows) {
    if (!entry.label) continue;
    let list = bySheet.get(at.sheet);
    if (!list) bySheet.set(at.sheet, (list = []));
    list.push({ entry, row: at.row, fixed: !adjusted.has(entry) });
  }
  const moved = new Map<MappedCell['row'], number>();
  const sheets: string[] = [];
  for (const [sheetName, entries] of bySheet) {
    const labels = labelsByRow(wb, sheetName);
    if (entries.every((e) => labels.get(e.row) === normal(e.entry.label))) continue;
    // finbook's lines in the order written (one per row), against the labels in the file now
    const planned = [...new Map(entries.sort((a, b) => a.entry.r - b.entry.r).map((e) => [e.entry.r, e])).values()];
    const fileRows = [...labels.keys()].sort((a, b) => a - b);
    const pairs = lcsPairs(
      planned.map((e) => normal(e.entry.label)),
      fileRows.map((r) => labels.get(r)!),
    );
    let changed = false;
    for (const [i, j] of pairs) {
      const e = planned[i]!;
      const row = fileRows[j]!;
      if (!e.fixed || labels.get(e.row) === normal(e.entry.label) || row === e.row) continue;
      // every entry of that written row (a long row has several anchors)
      for (const other of entries) if (other.entry.r === e.entry.r && other.fixed) moved.set(other.entry, row - other.row);
      changed = true;
    }
    if (changed) sheets.push(sheetName);
  }
  if (moved.size === 0) return [];
  for (const c of cells) {
    const shift = moved.get(c.row);
    if (shift === undefined || !c.at) continue;
    c.at = { ...c.at, row: c.at.row + shift };
    c.found = 'label';
  }
  return sheets;
}

/** Index pairs of a longest common subsequence of a and b. */
export function lcsPairs(a: readonly string[], b: readonly string[]): [number, number][] {
  const n = a.length;
  const m = b.length;
  // lengths of the LCS of a[i..] and b[j..], row by row (n+1) x (m+1)
  const len = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number): number => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--) len[at(i, j)] = a[i] === b[j] ? len[at(i + 1, j + 1)]! + 1 : Math.max(len[at(i + 1, j)]!, len[at(i, j + 1)]!);
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) {
      pairs.push([i, j]);
      i++;
      j++;
    } else if (len[at(i + 1, j)]! >= len[at(i, j + 1)]!) i++;
    else j++;
  }
  return pairs;
}
