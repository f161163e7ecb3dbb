// What both workbook writers do through exceljs: the workbook's properties, each sheet's
// options, its rows and what follows them, and the two package parts finbook writes itself
// (app.xml with the company, workbook.xml with fullCalcOnLoad). The streaming writer
// (xlsx.ts) runs these over exceljs' WorkbookWriter and yields to the event loop between
// rows; the in-memory writer (xlsx-memory.ts) runs them straight through. Same XML either way.
import type { AddWorksheetOptions, Style, Worksheet } from 'exceljs';
import AppXform from 'exceljs/lib/xlsx/xform/core/app-xform.js';
import WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform.js';
import { a1, columnLetters } from '../layout/a1.js';
import type { PlannedRow, PlannedSheet, PlannedWorkbook } from '../plan/cells.js';
import { styleFor } from './styles.js';
import type { DirectRows, WorksheetInternals } from './xlsx-rows.js';

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
  definedNames: { add(ref: string, name: string): void };
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
  for (const n of plan.definedNames) wb.definedNames.add(n.ref, n.name);
}

/** docProps/app.xml; exceljs' streaming writer leaves out the company. */
export function appXml(worksheets: readonly unknown[], company: string): string {
  return new AppXform().toXml({ worksheets: [...worksheets], company });
}

/** xl/workbook.xml as exceljs writes it, plus fullCalcOnLoad. */
export function workbookXml(worksheets: readonly unknown[], definedNames: unknown, views: unknown[]): string {
  const model = {
    worksheets,
    definedNames,
    views,
    properties: {},
    // Excel recalculates everything on open; the cached values serve viewers that do not.
    calcProperties: { fullCalcOnLoad: true },
  };
  const xform = new WorkbookXform();
  xform.prepare(model);
  return xform.toXml(model);
}

export function sheetOptions(sheet: PlannedSheet, plan: PlannedWorkbook): Partial<AddWorksheetOptions> {
  // landscape where a sheet is wide; every sheet prints one page wide
  const wide = sheet.lastCol >= 7;
  return {
    views: [
      sheet.freeze
        ? { state: 'frozen', xSplit: sheet.freeze.col, ySplit: sheet.freeze.row - 1, topLeftCell: a1(sheet.freeze.col, sheet.freeze.row), showGridLines: false }
        : { showGridLines: false },
    ],
    pageSetup: {
      orientation: wide ? 'landscape' : 'portrait',
      paperSize: 9,
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
      printArea: `A1:${columnLetters(sheet.lastCol)}${sheet.lastRow}`,
      ...(sheet.headerRows ? { printTitlesRow: `${sheet.headerRows[0]}:${sheet.headerRows[1]}` } : {}),
    },
    headerFooter: {
      oddHeader: `&L&8${escapeHeader(plan.company)}&R&8&A`,
      oddFooter: `&L&8${escapeHeader(plan.subject)}&R&8Page &P of &N`,
    },
    properties: { outlineProperties: { summaryBelow: true, summaryRight: false } },
  };
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
        // Always a plain string (or an internal link): never parsed as a formula,
        // whatever it starts with.
        cell.value = c.link ? ({ text: c.text, hyperlink: c.link, tooltip: `Go to ${c.text}` } as never) : c.text;
        break;
      case 'input':
        cell.value = c.value;
        break;
      case 'formula':
        cell.value = { formula: c.formula, result: c.value } as never;
        break;
    }
    const style: Partial<Style> = styleFor(c);
    cell.style = options.protect ? { ...style, protection: { locked: c.kind !== 'input' } } : style;
  }
  row.commit();
}

/** Conditional formats, protection, and the sheet's end. */
export function finishSheet(ws: Worksheet, sheet: PlannedSheet, options: WriteOptions): void {
  if (sheet.statusRange) {
    ws.addConditionalFormatting({
      ref: sheet.statusRange,
      rules: [
        { type: 'cellIs', operator: 'equal', formulae: ['"OK"'], priority: 1, style: { font: { color: { argb: 'FF006100' }, bold: true }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } } } },
        { type: 'cellIs', operator: 'equal', formulae: ['"FAIL"'], priority: 2, style: { font: { color: { argb: 'FF9C0006' }, bold: true }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } } },
      ],
    });
  }
  if (options.protect) void ws.protect('', { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  (ws as unknown as { commit(): void }).commit();
}
