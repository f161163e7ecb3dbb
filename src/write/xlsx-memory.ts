// Workbooks of ordinary size: the whole package built in memory in one synchronous pass,
// each part deflated with zlib's deflateRawSync, the zip laid out once (write/zip.ts)
// and handed over as one buffer. The bytes are the streaming writer's (xlsx.ts), part for
// part: the same exceljs worksheet writer, registries and xforms make every part in the same
// order (this class stands in for exceljs' WorkbookWriter, whose commit it follows), zlib
// compresses each at the same level, and the zip has archiver's layout (or, with charts,
// finbook's). What it leaves out is the streaming: an asynchronous zlib stream and a queue
// per part, and for charts, reading the finished zip back to add them (the chart parts are
// made here in the same pass). Large workbooks keep the streaming writer's bounded memory.
//
// A batch writes many workbooks of one template, so what follows from the template alone is
// made once per process and used again while its inputs are the same: exceljs' style registry
// (style-registry.ts), the package-level parts (MemoryWorkbook.commit) and their compressed
// form (deflated). The figures' parts (sheets, shared strings, charts) are made every time.
import type { AddWorksheetOptions, Worksheet } from 'exceljs';
import { ContentTypesXform, CoreXform, RelType, RelationshipsXform, SharedStrings, exceljsXmlEncode as xmlEncode, theme1Xml } from './exceljs-internals.js';
import { chartEdits, chartPackageOrder } from './charts/package.js';
import { placeCharts } from '../charts/placement.js';
import type { ZipEntry } from './zip.js';
import { deflatedEntry, writeZip } from './zip.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import type { WorkbookProperties, WriteOptions } from './sheet-writer.js';
import { appXml, definedNames, describeWorkbook, finishSheet, sheetOptions, startSheet, workbookXml, writeRow } from './sheet-writer.js';
import { styleRegistry } from './style-registry.js';
import { styleFor } from './styles.js';
import { DirectRows } from './xlsx-rows.js';
import { FinbookWorksheetWriter } from './worksheet-writer.js';

/**
 * Up to this many cells (rows x columns, counted generously) a workbook is built in memory.
 * Larger ones stream: from about 50,000 cells on, an export alone is as fast streaming (zlib
 * compresses on its own thread while rows are made) and needs less memory. (Measured on
 * generated models: 25,000 cells 0.30 s in memory, 0.35 s streaming; 60,000 cells 0.50 s and
 * 0.46 s.) FINBOOK_MEMORY_CELLS sets another limit (0: every workbook streams).
 */
export const MEMORY_CELLS = 50_000;

function memoryCells(): number {
  const env = process.env.FINBOOK_MEMORY_CELLS;
  const n = Number(env);
  return env && Number.isFinite(n) && n >= 0 ? n : MEMORY_CELLS;
}

export function fitsInMemory(plan: PlannedWorkbook): boolean {
  let cells = 0;
  for (const s of plan.sheets) cells += s.rows.length * (s.lastCol + 1);
  return cells <= memoryCells();
}

/** One part as exceljs' writers write it: a stream of text pieces (or exceljs' StringBuf). */
class PartSink {
  private readonly pieces: string[] = [];

  constructor(readonly name: string) {}

  write(chunk: string | { toBuffer(): Buffer }): boolean {
    // a StringBuf is reused by its writer: take its text now
    this.pieces.push(typeof chunk === 'string' ? chunk : chunk.toBuffer().toString('utf8'));
    return true;
  }

  // the stream interface exceljs' worksheet writer uses; nothing to wait for here
  end(): void {}
  pause(): void {}
  on(): this {
    return this;
  }

  text(): string {
    return this.pieces.join('');
  }

  /**
   * The part as UTF-8, written piece by piece into a buffer that is reused for the next part
   * (no joined string, no new buffer): valid until the next call.
   */
  bytes(): Buffer {
    let most = 0;
    // a UTF-16 code unit is at most 3 bytes of UTF-8
    for (const p of this.pieces) most += p.length * 3;
    const buffer = most <= scratch.length ? scratch : most <= MAX_SCRATCH ? (scratch = Buffer.allocUnsafe(most)) : Buffer.allocUnsafe(most);
    let at = 0;
    for (const p of this.pieces) at += buffer.write(p, at);
    return buffer.subarray(0, at);
  }
}

/** The buffer parts are written into before compressing (grown as needed, up to MAX_SCRATCH). */
let scratch = Buffer.allocUnsafe(1 << 20);
const MAX_SCRATCH = 16 << 20;

type SheetWriter = FinbookWorksheetWriter;

/**
 * What exceljs' WorkbookWriter is to its worksheets (the fields and methods they use), with
 * each part kept in memory in the order WorkbookWriter hands it to the zip.
 */
class MemoryWorkbook implements WorkbookProperties {
  company = '';
  creator = '';
  lastModifiedBy = '';
  created = new Date(0);
  modified = new Date(0);
  title = '';
  subject = '';
  keywords = '';
  readonly useSharedStrings = true;
  readonly sharedStrings = new SharedStrings();
  // exceljs' registry, remembered across the workbooks of a process (style-registry.ts)
  readonly styles = styleRegistry();
  readonly views: unknown[] = [];
  readonly media: unknown[] = [];
  readonly commentRefs: unknown[] = [];
  private readonly sheets: SheetWriter[] = [];
  readonly parts: PartSink[] = [];

  constructor() {
    // WorkbookWriter's constructor adds these two first
    this.add('xl/theme/theme1.xml', theme1Xml);
    this.add(
      '_rels/.rels',
      new RelationshipsXform().toXml([
        { Id: 'rId1', Type: RelType.OfficeDocument, Target: 'xl/workbook.xml' },
        { Id: 'rId2', Type: RelType.CoreProperties, Target: 'docProps/core.xml' },
        { Id: 'rId3', Type: RelType.ExtenderProperties, Target: 'docProps/app.xml' },
      ]),
    );
  }

  /** Called by exceljs' worksheet and sheet-relationship writers; archiver drops the leading slash. */
  _openStream(path: string): PartSink {
    const part = new PartSink(path.replace(/^\/+/, ''));
    this.parts.push(part);
    return part;
  }

  private add(name: string, xml: string): void {
    this._openStream(name).write(xml);
  }

  addWorksheet(name: string, options: Partial<AddWorksheetOptions>): Worksheet {
    // sheets are numbered from 1 in the order added, as WorkbookWriter numbers them
    const ws = new FinbookWorksheetWriter({
      id: this.sheets.length + 1,
      name,
      workbook: this,
      useSharedStrings: this.useSharedStrings,
      properties: options.properties,
      state: options.state,
      pageSetup: options.pageSetup,
      views: options.views,
      headerFooter: options.headerFooter,
    });
    this.sheets.push(ws);
    return ws as unknown as Worksheet;
  }

  /**
   * WorkbookWriter.commit() after its worksheets are committed: the remaining parts, in its
   * order. Those that follow from the template (the sheets, the defined names, the document
   * properties) are made by exceljs once per process for each set of what it makes them
   * from (xmlFor); the shared strings are written here as the streaming writer writes them.
   */
  commit(plan: PlannedWorkbook): void {
    const ids = this.sheets.map((ws) => ws.id).join(',');
    const strings = this.sharedStrings.count > 0;
    this.add(
      '[Content_Types].xml',
      xmlFor(`types|${ids}|${strings}`, () => new ContentTypesXform().toXml({ worksheets: this.sheets, sharedStrings: this.sharedStrings, commentRefs: this.commentRefs, media: this.media })),
    );
    this.add('docProps/app.xml', xmlFor(`app|${JSON.stringify([this.sheets.map((ws) => [ws.name, ws.state]), this.company])}`, () => appXml(this.sheets, this.company)));
    const core = { creator: this.creator, title: this.title, subject: this.subject, keywords: this.keywords, lastModifiedBy: this.lastModifiedBy, created: this.created, modified: this.modified };
    this.add('docProps/core.xml', xmlFor(`core|${JSON.stringify(core)}`, () => new CoreXform().toXml(core)));
    if (strings) this.add('xl/sharedStrings.xml', sharedStringsXml(this.sharedStrings.values, this.sharedStrings.totalRefs));
    this.add('xl/styles.xml', this.styles.xml);
    let count = 1;
    const relationships = [
      { Id: `rId${count++}`, Type: RelType.Styles, Target: 'styles.xml' },
      { Id: `rId${count++}`, Type: RelType.Theme, Target: 'theme/theme1.xml' },
    ];
    if (this.sharedStrings.count) relationships.push({ Id: `rId${count++}`, Type: RelType.SharedStrings, Target: 'sharedStrings.xml' });
    for (const ws of this.sheets) {
      // workbook.xml refers to each sheet by this id
      ws.rId = `rId${count++}`;
      relationships.push({ Id: ws.rId, Type: RelType.Worksheet, Target: `worksheets/sheet${ws.id}.xml` });
    }
    this.add('xl/_rels/workbook.xml.rels', xmlFor(`rels|${ids}|${strings}`, () => new RelationshipsXform().toXml(relationships)));
    const sheets = this.sheets.map((ws) => [ws.id, ws.name, ws.state, ws.rId]);
    this.add('xl/workbook.xml', xmlFor(`workbook|${JSON.stringify([sheets, definedNames(plan)])}`, () => workbookXml(this.sheets, plan, this.views)));
  }
}

/** Package parts exceljs made, by everything it made each from (see MemoryWorkbook.commit). */
const made = new Map<string, string>();

function xmlFor(key: string, make: () => string): string {
  let xml = made.get(key);
  if (xml === undefined) {
    if (made.size >= 256) made.clear();
    made.set(key, (xml = make()));
  }
  return xml;
}

/**
 * xl/sharedStrings.xml as exceljs' SharedStringsXform writes it (every string once, plain text
 * runs), but with count = the cells that use a shared string (`totalRefs`), as CT_Sst means
 * it; exceljs writes the number of strings there (333 where 655 cells use them).
 */
export function sharedStringsXml(values: readonly string[], totalRefs: number): string {
  let xml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${totalRefs}" uniqueCount="${values.length}">`;
  // exceljs' TextXform keeps spaces at either end and line breaks with xml:space="preserve"
  for (const v of values) xml += PRESERVE.test(v) ? `<si><t xml:space="preserve">${xmlEncode(v)}</t></si>` : `<si><t>${xmlEncode(v)}</t></si>`;
  return `${xml}</sst>`;
}

const PRESERVE = /^\s|\n|\s$/;

/** The parts of the package in the order the streaming writer zips them. */
function xlsxParts(plan: PlannedWorkbook, options: WriteOptions): PartSink[] {
  const wb = new MemoryWorkbook();
  describeWorkbook(wb, plan);
  // rows straight to XML where exceljs' Row objects would cost more than the XML (xlsx-rows.ts)
  const direct = options.directRows === false ? null : new DirectRows(wb, styleFor, options.protect ?? false);
  for (const sheet of plan.sheets) {
    const ws = wb.addWorksheet(sheet.name, sheetOptions(sheet, plan));
    startSheet(ws, sheet);
    for (const planned of sheet.rows) writeRow(ws, planned, options, direct);
    finishSheet(ws, sheet, options);
  }
  wb.commit(plan);
  return wb.parts;
}

/** The .xlsx file of a workbook that fits in memory (fitsInMemory). */
export function xlsxInMemory(plan: PlannedWorkbook, options: WriteOptions = {}): Uint8Array {
  const parts = xlsxParts(plan, options);
  if (!plan.charts || plan.charts.length === 0) return writeZip(parts.map(deflatedPart), 'archiver');
  // the chart parts, made from the parts' text (write/charts/package.ts), in finbook's layout
  const byName = new Map(parts.map((p) => [p.name, p]));
  const names = parts.map((p) => p.name);
  // exceljs numbers the sheets from 1 in the order they are added (MemoryWorkbook.addWorksheet)
  const sheets = new Map(plan.sheets.map((s, i) => [s.name, `xl/worksheets/sheet${i + 1}.xml`]));
  const { changed, added } = chartEdits(names, (name) => byName.get(name)?.text(), placeCharts(plan, plan.charts), sheets);
  return writeZip(chartPackageOrder(names, changed, added).map(([name, xml]) => (xml === undefined ? deflatedPart(byName.get(name)!) : deflated(name, xml))));
}

/**
 * Parts that follow from the template and the package's structure (not from the figures),
 * so a batch of models of one template writes the same text again and again: the last
 * compressed form of each is kept, and used again while its text is unchanged.
 */
const REUSED = new Set(['xl/theme/theme1.xml', '_rels/.rels', '[Content_Types].xml', 'xl/styles.xml', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml']);
const lastDeflated = new Map<string, { xml: string; entry: ZipEntry }>();

/** A zip entry for a part: compressed as archiver compresses it (zlib, level 6). */
function deflated(name: string, xml: string): ZipEntry {
  const reuse = REUSED.has(name);
  const last = reuse ? lastDeflated.get(name) : undefined;
  if (last && last.xml === xml) return last.entry;
  const entry = deflatedEntry(name, Buffer.from(xml, 'utf8'));
  if (reuse) lastDeflated.set(name, { xml, entry });
  return entry;
}

function deflatedPart(part: PartSink): ZipEntry {
  return REUSED.has(part.name) ? deflated(part.name, part.text()) : deflatedEntry(part.name, part.bytes());
}
