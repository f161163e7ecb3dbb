// What both workbook writers do through exceljs: the workbook's properties, each sheet's
// options, its rows and what follows them, and the two package parts finbook writes itself
// (app.xml with the company, workbook.xml with fullCalcOnLoad). The streaming writer
// (xlsx.ts) runs these over exceljs' WorkbookWriter and yields to the event loop between
// rows; the in-memory writer (xlsx-memory.ts) runs them straight through. Same XML either way.
import type { AddWorksheetOptions, DataValidation, Style, Worksheet } from 'exceljs';
import { AppXform, WorkbookXform } from './exceljs-internals.js';
import { a1, columnLetters, quoteSheetName } from '../layout/a1.js';
import type { PlannedRow, PlannedSheet, PlannedWorkbook } from '../plan/cells.js';
import type { PageFit } from './page-fit.js';
import { MARGINS, pageFit, printedSize } from './page-fit.js';
import { isLocked, styleFor } from './styles.js';
import { addLink } from './worksheet-writer.js';
import type { WorksheetInternals } from './exceljs-internals.js';
import type { DirectRows } from './xlsx-rows.js';

export interface WriteOptions {
  protect?: boolean;
  /** false: every row through exceljs' Row objects (the reference xlsx-rows.ts is tested against). */
  directRows?: boolean;
}

/** The document properties both writers carry (docProps/core.xml and app.xml). */
export interface WorkbookProperties {
  company: string;
  creator: string;
  lastModifiedBy: string;
  created: Date;
  modified: Date;
  title: string;
  subject: string;
  keywords: string;
}

export function describeWorkbook(wb: WorkbookProperties, plan: PlannedWorkbook): void {
  wb.company = plan.company;
  wb.creator = 'finbook';
  wb.lastModifiedBy = 'finbook';
  wb.created = plan.created;
  wb.modified = plan.created;
  wb.title = plan.title;
  wb.subject = plan.subject;
  wb.keywords = plan.keywords;
}

/** docProps/app.xml; exceljs' streaming writer leaves out the company. */
export function appXml(worksheets: readonly unknown[], company: string): string {
  return new AppXform().toXml({ worksheets: [...worksheets], company });
}

/** xl/workbook.xml as exceljs writes it, with finbook's defined names and fullCalcOnLoad. */
export function workbookXml(worksheets: readonly unknown[], plan: PlannedWorkbook, views: unknown[]): string {
  const model = {
    worksheets,
    definedNames: definedNames(plan),
    views,
    properties: {},
    // Excel recalculates everything on open; the cached values serve viewers that do not.
    calcProperties: { fullCalcOnLoad: true },
  };
  const xform = new WorkbookXform();
  xform.prepare(model);
  return xform.toXml(model);
}

/**
 * The workbook's defined names as exceljs' WorkbookXform renders them: the plan's, then each
 * sheet's print area and print titles. These two are written here, not by exceljs, which
 * leaves the rows relative ('Cover'!$A1:$C36: LibreOffice then drops every print range) and
 * does not double an apostrophe in a sheet name; Excel writes Sheet1!$A$1:$G$1 and
 * Sheet1!$1:$1 (print_area and repeat files of the Excel-made workbooks).
 */
export function definedNames(plan: PlannedWorkbook): { name: string; localSheetId?: number; ranges: string[] }[] {
  const out: { name: string; localSheetId?: number; ranges: string[] }[] = plan.definedNames.map((n) => ({ name: n.name, ranges: [n.ref] }));
  plan.sheets.forEach((sheet, localSheetId) => {
    // a hidden sheet is not printed: LibreOffice prints any sheet with a print area, hidden or not
    if (sheet.hidden) return;
    const prefix = `${quoteSheetName(sheet.name)}!`;
    const area = sheet.printArea ?? sheet;
    out.push({ name: '_xlnm.Print_Area', localSheetId, ranges: [`${prefix}$A$1:${a1(area.lastCol, area.lastRow, true)}`] });
    // columns first, as Excel writes both (repeat05: Sheet3!$B:$F,Sheet3!$3:$4)
    const titles = [...titleColumns(sheet).map((c) => `${prefix}$A:$${columnLetters(c)}`), ...(sheet.headerRows ? [`${prefix}$${sheet.headerRows[0]}:$${sheet.headerRows[1]}`] : [])];
    if (titles.length > 0) out.push({ name: '_xlnm.Print_Titles', localSheetId, ranges: titles });
  });
  return out;
}

export function sheetOptions(sheet: PlannedSheet, plan: PlannedWorkbook): Partial<AddWorksheetOptions> {
  const fit = sheetFit(sheet);
  return {
    ...(sheet.hidden ? { state: 'veryHidden' as const } : {}),
    views: [
      sheet.freeze
        ? { state: 'frozen', xSplit: sheet.freeze.col, ySplit: sheet.freeze.row - 1, topLeftCell: a1(sheet.freeze.col, sheet.freeze.row), showGridLines: false }
        : { showGridLines: false },
    ],
    pageSetup: {
      orientation: fit.orientation,
      paperSize: 9,
      fitToPage: true,
      fitToWidth: fit.fitToWidth,
      fitToHeight: fit.fitToHeight,
      horizontalCentered: true,
      margins: MARGINS,
    },
    headerFooter: {
      oddHeader: `&L&8${escapeHeader(plan.company)}&R&8&A`,
      oddFooter: `&L&8${escapeHeader(plan.subject)}&R&8Page &P of &N`,
    },
    // dyDescent: Excel writes 0.25 (points below the baseline of its default font); exceljs' 55 is no such value
    properties: { outlineProperties: { summaryBelow: true, summaryRight: false }, dyDescent: 0.25 } as AddWorksheetOptions['properties'],
  };
}

/** The last label column to repeat on each page of a sheet printed several pages wide (none: []). */
function titleColumns(sheet: PlannedSheet): number[] {
  return sheetFit(sheet).fitToWidth > 1 && sheet.freeze && sheet.freeze.col > 0 ? [sheet.freeze.col - 1] : [];
}

/** The orientation and fit of a sheet's print area (page-fit.ts). */
export function sheetFit(sheet: PlannedSheet): PageFit {
  const area = sheet.printArea ?? sheet;
  const heights = new Map<number, number>();
  for (const r of sheet.rows) if (r.height !== undefined && r.row <= area.lastRow) heights.set(r.row, r.height);
  return pageFit(printedSize(sheet.widths, area.lastCol, heights, area.lastRow));
}

function escapeHeader(text: string): string {
  return text.replace(/&/g, '&&');
}

/** Columns, outline level and merges: everything a sheet needs before its first row. */
export function startSheet(ws: Worksheet, sheet: PlannedSheet): void {
  ws.columns = sheet.widths.map((width) => ({ width }));
  // exceljs marks a row collapsed when its level reaches the sheet's outlineLevelRow, and
  // LibreOffice then hides it: keep the sheet's level above every row's so groups stay open.
  const deepest = sheet.rows.reduce((d, r) => Math.max(d, r.outline ?? 0), 0);
  if (deepest > 0) ws.properties.outlineLevelRow = deepest + 1;
  for (const m of sheet.merges) ws.mergeCells(m);
}

export function writeRow(ws: Worksheet, planned: PlannedRow, options: WriteOptions, direct: DirectRows | null): void {
  if (direct?.write(ws as unknown as WorksheetInternals, planned)) return;
  const row = ws.getRow(planned.row);
  if (planned.outline) row.outlineLevel = planned.outline;
  if (planned.height) row.height = planned.height;
  for (const c of planned.cells) {
    const cell = row.getCell(c.col + 1);
    switch (c.kind) {
      case 'text':
        // Always a plain string: never parsed as a formula, whatever it starts with. A link
        // inside the workbook is the sheet's to write (worksheet-writer.ts), not exceljs'.
        cell.value = c.text;
        if (c.link) addLink(ws, c, planned.row);
        break;
      case 'input':
        cell.value = c.value;
        break;
      case 'formula':
        cell.value = { formula: c.formula, result: c.value } as never;
        break;
    }
    const style: Partial<Style> = styleFor(c);
    cell.style = options.protect ? { ...style, protection: { locked: isLocked(c) } } : style;
  }
  row.commit();
}

/** Conditional formats, drop-down lists, protection, and the sheet's end. */
export function finishSheet(ws: Worksheet, sheet: PlannedSheet, options: WriteOptions): void {
  if (sheet.statusRange) {
    ws.addConditionalFormatting({
      ref: sheet.statusRange,
      rules: [
        { type: 'cellIs', operator: 'equal', formulae: ['"OK"'], priority: 1, style: { font: { color: { argb: 'FF006100' }, bold: true }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } } } },
        { type: 'cellIs', operator: 'equal', formulae: ['"FAIL"'], priority: 2, style: { font: { color: { argb: 'FF9C0006' }, bold: true }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } },
        // the Tie-out sheet: a difference the model gives a reason for
        { type: 'cellIs', operator: 'equal', formulae: ['"EXPLAINED"'], priority: 3, style: { font: { color: { argb: 'FF9C5700' }, bold: true }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFEB9C' } } } },
      ],
    });
  }
  // a list validation as Excel writes it (data_validation01-02): the choices as one quoted
  // literal, the cell's prompt shown when it is selected
  const validations = (ws as unknown as { dataValidations: { add(ref: string, v: DataValidation): void } }).dataValidations;
  for (const v of sheet.validations ?? [])
    validations.add(v.ref, {
      type: 'list',
      allowBlank: false,
      showInputMessage: true,
      showErrorMessage: true,
      promptTitle: 'Scenario',
      prompt: 'Choose the scenario every formula of the workbook reads.',
      formulae: [`"${v.list.join(',')}"`],
    });
  if (options.protect || sheet.protect) void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  (ws as unknown as { commit(): void }).commit();
}
