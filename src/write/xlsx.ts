// write: the only module that touches exceljs. Streams the planned workbook through
// exceljs' WorkbookWriter (bounded memory at any size) into a writable stream.
import type { Writable } from 'node:stream';
import type { AddWorksheetOptions, stream, Worksheet } from 'exceljs';
import WorkbookWriterBase from 'exceljs/lib/stream/xlsx/workbook-writer.js';
import AppXform from 'exceljs/lib/xlsx/xform/core/app-xform.js';
import WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform.js';
import { a1, columnLetters } from '../layout/a1.js';
import type { PlannedSheet, PlannedWorkbook } from '../plan/cells.js';
import { styleFor } from './styles.js';
import type { WorkbookInternals, WorksheetInternals } from './xlsx-rows.js';
import { DirectRows } from './xlsx-rows.js';
import { writeXlsxWithCharts } from '../charts/write.js';

/** Zip entries carry a fixed date (as XlsxWriter does) so equal input gives equal bytes. */
export const ZIP_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

interface WriterInternals {
  zip: { append(source: unknown, data: { name: string; date?: Date }): void };
  _worksheets: unknown[];
  _definedNames: { model: unknown };
  views: unknown[];
}

const PINNED = Symbol('finbook zip dates pinned');

/** Every zip entry gets ZIP_DATE, whatever exceljs passes (idempotent). */
function pinZipDates(writer: unknown): void {
  const zip = (writer as WriterInternals).zip as WriterInternals['zip'] & { [PINNED]?: true };
  if (zip[PINNED]) return;
  const append = zip.append.bind(zip);
  zip.append = (source, data) => append(source, { ...data, date: ZIP_DATE });
  zip[PINNED] = true;
}

// exceljs' streaming writer leaves out fullCalcOnLoad and the company; both are added here
// rather than by editing XML after the fact.
class FinbookWorkbookWriter extends WorkbookWriterBase {
  constructor(options: Partial<stream.xlsx.WorkbookStreamWriterOptions>) {
    super(options);
    pinZipDates(this);
  }

  // exceljs appends the theme and the package relationships from inside its own constructor,
  // before the constructor above runs: pin the date there too, or those two entries carry
  // the current time and equal input stops giving equal bytes.
  override addThemes(): Promise<void> {
    pinZipDates(this);
    return super.addThemes();
  }

  override addOfficeRels(): Promise<void> {
    pinZipDates(this);
    return super.addOfficeRels();
  }

  override addApp(): Promise<void> {
    const self = this as unknown as WriterInternals;
    self.zip.append(new AppXform().toXml({ worksheets: self._worksheets.filter(Boolean), company: this.company }), { name: 'docProps/app.xml' });
    return Promise.resolve();
  }

  override addWorkbook(): Promise<void> {
    const self = this as unknown as WriterInternals;
    const model = {
      worksheets: self._worksheets.filter(Boolean),
      definedNames: self._definedNames.model,
      views: self.views,
      properties: {},
      // Excel recalculates everything on open; the cached values serve viewers that do not.
      calcProperties: { fullCalcOnLoad: true },
    };
    const xform = new WorkbookXform();
    xform.prepare(model);
    self.zip.append(xform.toXml(model), { name: 'xl/workbook.xml' });
    return Promise.resolve();
  }
}

export interface WriteOptions {
  protect?: boolean;
  /** false: every row through exceljs' Row objects (the reference xlsx-rows.ts is tested against). */
  directRows?: boolean;
}

export async function writeXlsx(plan: PlannedWorkbook, out: Writable, options: WriteOptions = {}): Promise<void> {
  // exceljs cannot write charts: a workbook with charts is written to memory and the chart
  // parts are added to the package (src/charts/); every other workbook streams as before
  if (plan.charts && plan.charts.length > 0) return writeXlsxWithCharts(plan, plan.charts, out, (sink) => writeCells(plan, sink, options));
  return writeCells(plan, out, options);
}

/** The streaming writer: bounded memory at any size. */
async function writeCells(plan: PlannedWorkbook, out: Writable, options: WriteOptions): Promise<void> {
  const wb = new FinbookWorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 6 } } as never });
  wb.company = plan.company;
  wb.creator = 'finbook';
  wb.lastModifiedBy = 'finbook';
  wb.created = plan.created;
  wb.modified = plan.created;
  wb.title = plan.title;
  wb.subject = plan.subject;
  wb.keywords = plan.keywords;
  for (const n of plan.definedNames) wb.definedNames.add(n.ref, n.name);
  // rows straight to XML where exceljs' Row objects would cost more than the XML (xlsx-rows.ts)
  const direct = options.directRows === false ? null : new DirectRows(wb as unknown as WorkbookInternals, styleFor, options.protect ?? false);
  for (const sheet of plan.sheets) await writeSheet(wb.addWorksheet(sheet.name, sheetOptions(sheet, plan)) as unknown as Worksheet, sheet, options, direct);
  await wb.commit();
}

function sheetOptions(sheet: PlannedSheet, plan: PlannedWorkbook): Partial<AddWorksheetOptions> {
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

/** Rows between yields to the event loop, so the zip compresses while rows are produced. */
const YIELD_ROWS = 64;

async function writeSheet(ws: Worksheet, sheet: PlannedSheet, options: WriteOptions, direct: DirectRows | null): Promise<void> {
  ws.columns = sheet.widths.map((width) => ({ width }));
  // exceljs marks a row collapsed when its level reaches the sheet's outlineLevelRow, and
  // LibreOffice then hides it: keep the sheet's level above every row's so groups stay open.
  const deepest = sheet.rows.reduce((d, r) => Math.max(d, r.outline ?? 0), 0);
  if (deepest > 0) ws.properties.outlineLevelRow = deepest + 1;
  for (const m of sheet.merges) ws.mergeCells(m);
  let sinceYield = 0;
  for (const planned of sheet.rows) {
    // let the zip compress what is written so far (zlib works on another thread meanwhile)
    if (++sinceYield === YIELD_ROWS) {
      sinceYield = 0;
      await new Promise(setImmediate);
    }
    if (direct?.write(ws as unknown as WorksheetInternals, planned)) continue;
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
      const style = styleFor(c);
      cell.style = options.protect ? { ...style, protection: { locked: c.kind !== 'input' } } : style;
    }
    row.commit();
  }
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
