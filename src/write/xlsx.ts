// write: the workbook as an .xlsx package. A workbook of ordinary size is built in memory in
// one synchronous pass (xlsx-memory.ts); a large one streams through exceljs' WorkbookWriter
// (bounded memory at any size). Both give the same bytes. exceljs' internals are reached
// through exceljs-internals.ts only.
import type { Writable } from 'node:stream';
import type { AddWorksheetOptions, stream, Worksheet } from 'exceljs';
import type { PlannedSheet, PlannedWorkbook } from '../plan/cells.js';
import type { WorkbookInternals, WorkbookWriterInternals as WriterInternals } from './exceljs-internals.js';
import { WorkbookWriter as WorkbookWriterBase } from './exceljs-internals.js';
import { styleFor } from './styles.js';
import { DirectRows } from './xlsx-rows.js';
import { writeXlsxWithCharts } from './charts/with-charts.js';
import type { WorkbookProperties, WriteOptions } from './sheet-writer.js';
import { appXml, describeWorkbook, finishSheet, sheetOptions, startSheet, workbookXml, writeRow } from './sheet-writer.js';
import { fitsInMemory, sharedStringsXml, xlsxInMemory } from './xlsx-memory.js';
import { FinbookWorksheetWriter } from './worksheet-writer.js';

export type { WriteOptions } from './sheet-writer.js';

/** Zip entries carry a fixed date (as XlsxWriter does) so equal input gives equal bytes. */
export const ZIP_DATE = new Date(Date.UTC(1980, 0, 1, 0, 0, 0));

const PINNED = Symbol('finbook zip dates pinned');

/** Every zip entry gets ZIP_DATE, whatever exceljs passes (idempotent). */
function pinZipDates(writer: unknown): void {
  const zip = (writer as WriterInternals).zip as WriterInternals['zip'] & { [PINNED]?: true };
  if (zip[PINNED]) return;
  const append = zip.append.bind(zip);
  zip.append = (source, data) => append(source, { ...data, date: ZIP_DATE });
  zip[PINNED] = true;
}

// exceljs' streaming writer leaves out fullCalcOnLoad and the company, writes print areas
// Excel and LibreOffice misread, counts shared strings wrongly and writes worksheets whose
// children are out of order; each is written right here rather than by editing XML after
// the fact.
class FinbookWorkbookWriter extends WorkbookWriterBase {
  constructor(
    options: Partial<stream.xlsx.WorkbookStreamWriterOptions>,
    private readonly plan: PlannedWorkbook,
  ) {
    super(options);
    pinZipDates(this);
  }

  // WorkbookWriter.addWorksheet with finbook's worksheet writer (worksheet-writer.ts)
  override addWorksheet(name: string, options: Partial<AddWorksheetOptions> = {}): Worksheet {
    const self = this as unknown as WriterInternals;
    const id = self.nextId;
    const worksheet = new FinbookWorksheetWriter({
      id,
      name,
      workbook: this,
      useSharedStrings: self.useSharedStrings,
      properties: options.properties,
      state: options.state,
      pageSetup: options.pageSetup,
      views: options.views,
      headerFooter: options.headerFooter,
    });
    self._worksheets[id] = worksheet;
    return worksheet as unknown as Worksheet;
  }

  override addSharedStrings(): Promise<void> {
    const self = this as unknown as WriterInternals;
    if (self.sharedStrings.count) self.zip.append(sharedStringsXml(self.sharedStrings.values, self.sharedStrings.totalRefs), { name: '/xl/sharedStrings.xml' });
    return Promise.resolve();
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
    self.zip.append(appXml(self._worksheets.filter(Boolean), this.company), { name: 'docProps/app.xml' });
    return Promise.resolve();
  }

  override addWorkbook(): Promise<void> {
    const self = this as unknown as WriterInternals;
    self.zip.append(workbookXml(self._worksheets.filter(Boolean), this.plan, self.views), { name: 'xl/workbook.xml' });
    return Promise.resolve();
  }
}

export async function writeXlsx(plan: PlannedWorkbook, out: Writable, options: WriteOptions = {}): Promise<void> {
  if (fitsInMemory(plan)) return endWith(out, xlsxInMemory(plan, options));
  return writeStreaming(plan, out, options);
}

/**
 * The workbook as the content of a file (write/atomic.ts): its bytes when it fits in memory,
 * written with one system call, or else a producer that streams it.
 */
export function xlsxContent(plan: PlannedWorkbook, options: WriteOptions = {}): Uint8Array | ((out: Writable) => Promise<void>) {
  return fitsInMemory(plan) ? xlsxInMemory(plan, options) : (out) => writeStreaming(plan, out, options);
}

/**
 * The streaming writer: bounded memory at any size. exceljs cannot write charts: a large
 * workbook with charts is written to memory and the chart parts are added to the package
 * (write/charts/); every other large workbook streams.
 */
export async function writeStreaming(plan: PlannedWorkbook, out: Writable, options: WriteOptions = {}): Promise<void> {
  if (plan.charts && plan.charts.length > 0) return writeXlsxWithCharts(plan, plan.charts, out, (sink) => writeCells(plan, sink, options));
  return writeCells(plan, out, options);
}

function endWith(out: Writable, bytes: Uint8Array): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    out.once('error', reject);
    out.end(bytes, () => resolve());
  });
}

async function writeCells(plan: PlannedWorkbook, out: Writable, options: WriteOptions): Promise<void> {
  const wb = new FinbookWorkbookWriter({ stream: out, useStyles: true, useSharedStrings: true, zip: { zlib: { level: 6 } } as never }, plan);
  describeWorkbook(wb as unknown as WorkbookProperties, plan);
  // rows straight to XML where exceljs' Row objects would cost more than the XML (xlsx-rows.ts)
  const direct = options.directRows === false ? null : new DirectRows(wb as unknown as WorkbookInternals, styleFor, options.protect ?? false);
  for (const sheet of plan.sheets) await writeSheet(wb.addWorksheet(sheet.name, sheetOptions(sheet, plan)) as unknown as Worksheet, sheet, options, direct);
  await wb.commit();
}

/** Rows between yields to the event loop, so the zip compresses while rows are produced. */
const YIELD_ROWS = 64;

/**
 * Sheet XML written but not yet taken by zlib beyond which the writer waits: rows come out
 * faster than zlib compresses them, and without a bound the whole sheet's XML would wait in
 * memory (126 MB of the 3M-cell model's 570 MiB peak). 4 MiB keeps zlib busy meanwhile.
 */
const MAX_PENDING_BYTES = 4 << 20;

/**
 * exceljs' StreamBuf (the sheet's stream) ignores backpressure: archiver pipes it into a
 * PassThrough at once, which holds whatever zlib has not read yet.
 */
interface SheetStream {
  // archiver's PassThrough is readable-stream 2's: its lengths are in the stream states
  pipes?: { _writableState?: { length: number }; _readableState?: { length: number } }[];
}

function pendingBytes(stream: SheetStream): number {
  let n = 0;
  for (const p of stream.pipes ?? []) n += (p._writableState?.length ?? 0) + (p._readableState?.length ?? 0);
  return n;
}

/** Yields to the event loop (zlib's results come in), and waits while too much XML is pending. */
async function zlibCaughtUp(ws: Worksheet): Promise<void> {
  const stream = (ws as unknown as { stream: SheetStream }).stream;
  await new Promise(setImmediate);
  while (pendingBytes(stream) > MAX_PENDING_BYTES) await new Promise((resolve) => setTimeout(resolve, 1));
}

async function writeSheet(ws: Worksheet, sheet: PlannedSheet, options: WriteOptions, direct: DirectRows | null): Promise<void> {
  startSheet(ws, sheet);
  let sinceYield = 0;
  for (const planned of sheet.rows) {
    // let the zip compress what is written so far (zlib works on another thread meanwhile)
    if (++sinceYield === YIELD_ROWS) {
      sinceYield = 0;
      await zlibCaughtUp(ws);
    }
    writeRow(ws, planned, options, direct);
  }
  finishSheet(ws, sheet, options);
}
