// Part of the exceljs writer (xlsx.ts): rows written straight into the worksheet's stream as
// the XML exceljs itself would produce (row-xml.ts), with style and shared-string indices
// taken from exceljs' own registries. A row takes this path only when exceljs holds no
// state for it (merged cells create rows early) and every cell is a number, a formula or
// plain text (a link inside the workbook is plain text plus an entry in the sheet's own
// <hyperlinks>, worksheet-writer.ts); anything else (merges) goes through exceljs' Row as before.
import type { Style } from 'exceljs';
import type { PlannedCell, PlannedRow } from '../plan/cells.js';
// the exceljs internals this path relies on (exceljs' WorkbookWriter / WorksheetWriter)
import type { WorkbookInternals, WorksheetInternals } from './exceljs-internals.js';
import type { XmlCell } from './row-xml.js';
import { rowXml } from './row-xml.js';
import { addLink } from './worksheet-writer.js';
import { isLocked } from './styles.js';

// exceljs' ValueType: a style without a number format gets 'General' for numbers only.
const VALUE_TYPE = { number: 2, string: 3 } as const;

export class DirectRows {
  private readonly ids = new Map<Partial<Style>, number>();
  /** With --protect: the locked and the unlocked variant of each style, made once. */
  private readonly variants = new Map<Partial<Style>, { locked: Partial<Style>; unlocked: Partial<Style> }>();

  constructor(
    private readonly wb: WorkbookInternals,
    private readonly styleOf: (c: PlannedCell) => Partial<Style>,
    private readonly protect: boolean,
  ) {}

  /** Writes the row and returns true, or returns false when exceljs must write it. */
  write(ws: WorksheetInternals, planned: PlannedRow): boolean {
    const plannedCells = planned.cells; // read once: a statement row builds its cells on each read
    if (ws.findRow(planned.row) !== undefined || !eligible(plannedCells)) return false;
    if (!ws.startedData) {
      ws._writeColumns();
      ws._writeOpenSheetData();
      ws.startedData = true;
    }
    const cells = plannedCells.map((c) => this.cell(c));
    for (const c of plannedCells) if (c.kind === 'text' && c.link) addLink(ws, c, planned.row);
    // exceljs marks a row collapsed when its level reaches the sheet's outlineLevelRow
    const level = ws.properties.outlineLevelRow ?? 0;
    const xml = rowXml({ row: planned.row, height: planned.height, outline: planned.outline, collapsed: !!planned.outline && planned.outline >= level, cells });
    if (xml) ws.stream.write(xml);
    return true;
  }

  private cell(c: PlannedCell): XmlCell {
    switch (c.kind) {
      case 'input':
        return { col: c.col, style: this.style(c, VALUE_TYPE.number), kind: 'number', value: c.value };
      case 'formula':
        return { col: c.col, style: this.style(c, typeof c.value === 'number' ? VALUE_TYPE.number : VALUE_TYPE.string), kind: 'formula', formula: c.formula, value: c.value };
      case 'text':
        return { col: c.col, style: this.style(c, VALUE_TYPE.string), kind: 'shared', index: this.wb.sharedStrings.add(c.text) };
    }
  }

  private style(c: PlannedCell, cellType: number): number {
    let style = this.styleOf(c);
    if (this.protect) {
      // formulas and text locked, inputs and the scenario selector editable (as sheet-writer.ts does for exceljs' rows)
      let v = this.variants.get(style);
      if (!v) this.variants.set(style, (v = { locked: { ...style, protection: { locked: true } }, unlocked: { ...style, protection: { locked: false } } }));
      style = isLocked(c) ? v.locked : v.unlocked;
    }
    // exceljs caches a style object's index on first use, whatever the cell type: so does this
    let id = this.ids.get(style);
    if (id === undefined) {
      id = this.wb.styles.addStyleModel(style, cellType);
      this.ids.set(style, id);
    }
    return id;
  }
}

function eligible(cells: PlannedCell[]): boolean {
  let col = -1;
  for (const c of cells) {
    if (c.col <= col) return false;
    col = c.col;
  }
  return true;
}
