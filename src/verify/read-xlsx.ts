// Read back what a workbook holds: every cell's formula text and value, per sheet, and the
// defined names. A small reader over the zip's XML (fflate + regular expressions) rather
// than exceljs' reader: it loads in milliseconds and reads any writer's file, LibreOffice's
// included. Only what verification needs; styles and layout are ignored.
import { strFromU8 } from 'fflate';
import { columnLetters } from '../layout/a1.js';
import { unzipBounded, ZipError } from './unzip-bounded.js';

/** A cell's value as stored: numbers, text, booleans, Excel errors (#DIV/0!), or nothing. */
export type CellValue = number | string | boolean | null | { error: string };

export interface ReadCell {
  /** A1 address, e.g. C7 */
  ref: string;
  row: number;
  /** 0-based column (A = 0) */
  col: number;
  /** Formula text without '=', or null for a constant. */
  formula: string | null;
  /** The group index of a shared formula's first cell (Excel writes a filled range so); its followers read "(shared formula N)". */
  sharedIndex?: string;
  value: CellValue;
}

export interface ReadSheet {
  name: string;
  cells: Map<string, ReadCell>;
}

export interface ReadDefinedName {
  name: string;
  ref: string;
  /** Index of the sheet a local name belongs to (print areas), absent for global names. */
  localSheetId?: number;
}

export interface ReadWorkbook {
  sheets: ReadSheet[];
  definedNames: ReadDefinedName[];
}

/** The file is not a readable .xlsx workbook (a user mistake: exit code 2). */
export class WorkbookReadError extends Error {
  constructor(
    message: string,
    /** The file itself could not be read (not a regular file, too large, missing). */
    readonly unreadable = false,
  ) {
    super(message);
    this.name = 'WorkbookReadError';
  }
}

export function readXlsx(bytes: Uint8Array): ReadWorkbook {
  let files: Record<string, Uint8Array>;
  try {
    // Only the parts verification reads; drawings, styles and themes stay compressed.
    files = unzipBounded(bytes, (name) => name.endsWith('.xml') || name.endsWith('.rels'));
  } catch (err) {
    if (!(err instanceof ZipError)) throw err;
    throw new WorkbookReadError(err.message === 'the file is not a zip archive' ? 'not an .xlsx workbook (the file is not a zip archive)' : `cannot be verified: ${err.message}`);
  }
  const text = (name: string): string | undefined => {
    const bytes = files[name];
    if (!bytes) return undefined;
    const xml = strFromU8(bytes);
    // fflate does not check CRCs: a damaged archive yields parts of zeros or noise instead.
    if (!/^\s*(?:\uFEFF)?</.test(xml)) throw new WorkbookReadError(`the file is damaged: ${name} inside it cannot be read`);
    return xml;
  };
  const workbookPath = officeDocumentPath(text('_rels/.rels'));
  const workbookXml = text(workbookPath);
  if (workbookXml === undefined) throw new WorkbookReadError(`not an .xlsx workbook (no ${workbookPath} inside)`);
  const baseDir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const rels = relationships(text(`${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`) ?? '', baseDir);
  const shared = sharedStrings(text(Object.values(rels).find((r) => r.type.endsWith('/sharedStrings'))?.target ?? `${baseDir}sharedStrings.xml`));

  const sheets: ReadSheet[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]!);
    const name = a.name ?? '';
    const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = rid ? rels[rid]?.target : undefined;
    const xml = target ? text(target) : undefined;
    if (xml === undefined) throw new WorkbookReadError(`sheet '${name}' has no worksheet part inside the file`);
    sheets.push({ name, cells: sheetCells(xml, shared) });
  }
  if (sheets.length === 0) throw new WorkbookReadError('the workbook has no sheets');

  const definedNames: ReadDefinedName[] = [];
  for (const m of workbookXml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    const a = attributes(m[1]!);
    const local = a.localSheetId;
    definedNames.push({ name: a.name ?? '', ref: decodeXml(m[2]!), ...(local !== undefined ? { localSheetId: Number(local) } : {}) });
  }
  return { sheets, definedNames };
}

/** The part (file inside the archive) of every worksheet, by sheet name. */
export function worksheetParts(files: Record<string, Uint8Array>): Map<string, string> {
  const text = (name: string): string | undefined => (files[name] ? strFromU8(files[name]!) : undefined);
  const workbookPath = officeDocumentPath(text('_rels/.rels'));
  const baseDir = workbookPath.includes('/') ? workbookPath.slice(0, workbookPath.lastIndexOf('/') + 1) : '';
  const rels = relationships(text(`${baseDir}_rels/${workbookPath.slice(baseDir.length)}.rels`) ?? '', baseDir);
  const parts = new Map<string, string>();
  for (const m of (text(workbookPath) ?? '').matchAll(/<(?:\w+:)?sheet\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]!);
    const rid = a['r:id'] ?? Object.entries(a).find(([k]) => k.endsWith(':id'))?.[1];
    const target = rid ? rels[rid]?.target : undefined;
    if (a.name !== undefined && target) parts.set(a.name, target);
  }
  return parts;
}

function officeDocumentPath(rootRels: string | undefined): string {
  if (rootRels) {
    for (const m of rootRels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
      const a = attributes(m[1]!);
      if (a.Type?.endsWith('/officeDocument') && a.Target) return a.Target.replace(/^\//, '');
    }
  }
  return 'xl/workbook.xml';
}

function relationships(xml: string, baseDir: string): Record<string, { target: string; type: string }> {
  const out: Record<string, { target: string; type: string }> = {};
  for (const m of xml.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const a = attributes(m[1]!);
    if (!a.Id || !a.Target) continue;
    // Targets are relative to the workbook part's folder unless they start with '/'.
    const target = a.Target.startsWith('/') ? a.Target.slice(1) : normalise(baseDir + a.Target);
    out[a.Id] = { target, type: a.Type ?? '' };
  }
  return out;
}

function normalise(path: string): string {
  const parts: string[] = [];
  for (const p of path.split('/')) {
    if (p === '..') parts.pop();
    else if (p !== '.' && p !== '') parts.push(p);
  }
  return parts.join('/');
}

function sharedStrings(xml: string | undefined): string[] {
  if (!xml) return [];
  const out: string[] = [];
  for (const m of xml.matchAll(/<(?:\w+:)?si>([\s\S]*?)<\/(?:\w+:)?si>|<(?:\w+:)?si\/>/g)) out.push(m[1] === undefined ? '' : runText(m[1]));
  return out;
}

/** The text of a string item: every <t> run, leaving out phonetic guides (<rPh>). */
function runText(xml: string): string {
  const body = xml.replace(/<(?:\w+:)?rPh\b[\s\S]*?<\/(?:\w+:)?rPh>/g, '');
  let s = '';
  for (const m of body.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) s += decodeString(m[1]!);
  return s;
}

const CELL = /<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g;
const ROW = /<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g;

function sheetCells(xml: string, shared: string[]): Map<string, ReadCell> {
  const cells = new Map<string, ReadCell>();
  let rowNumber = 0;
  for (const rm of xml.matchAll(ROW)) {
    const ra = attributes(rm[1]!);
    rowNumber = ra.r ? Number(ra.r) : rowNumber + 1;
    let col = -1;
    for (const cm of (rm[2] ?? '').matchAll(CELL)) {
      const a = attributes(cm[1]!);
      const pos = a.r ? parseA1(a.r) : null;
      col = pos ? pos.col : col + 1;
      const row = pos ? pos.row : rowNumber;
      const body = cm[2] ?? '';
      const f = /<(?:\w+:)?f\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?f>)/.exec(body);
      let formula: string | null = null;
      let sharedIndex: string | undefined;
      if (f) {
        const fa = attributes(f[1]!);
        // A shared formula's followers carry no text, only the group index.
        formula = f[2] !== undefined && f[2] !== '' ? decodeXml(f[2]) : fa.t === 'shared' ? `(shared formula ${fa.si ?? '?'})` : '';
        if (fa.t === 'shared' && fa.si !== undefined && f[2]) sharedIndex = fa.si;
      }
      const v = /<(?:\w+:)?v(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?v>|<(?:\w+:)?v\/>/.exec(body);
      const raw = v ? (v[1] ?? '') : null;
      const ref = `${columnLetters(col)}${row}`;
      cells.set(ref, { ref, row, col, formula, value: cellValue(a.t ?? 'n', raw, body, shared), ...(sharedIndex !== undefined ? { sharedIndex } : {}) });
    }
  }
  return cells;
}

function cellValue(type: string, raw: string | null, body: string, shared: string[]): CellValue {
  switch (type) {
    case 's':
      return raw === null ? null : (shared[Number(raw)] ?? null);
    case 'str':
      return raw === null ? null : decodeString(raw);
    case 'inlineStr': {
      const is = /<(?:\w+:)?is>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body);
      return is ? runText(is[1]!) : raw === null ? null : decodeString(raw);
    }
    case 'b':
      return raw === null ? null : raw.trim() === '1' || raw.trim().toLowerCase() === 'true';
    case 'e':
      return { error: raw === null ? '#N/A' : decodeXml(raw) };
    case 'd':
      return raw === null ? null : decodeXml(raw);
    default: {
      if (raw === null || raw.trim() === '') return null;
      const n = Number(raw);
      return Number.isFinite(n) ? n : decodeXml(raw);
    }
  }
}

function attributes(s: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of s.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) out[m[1]!] = decodeXml(m[2] ?? m[3] ?? '');
  return out;
}

export function decodeXml(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    if (dec) return String.fromCodePoint(parseInt(dec, 10));
    return { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }[name as 'amp'];
  });
}

/** Cell text additionally escapes characters XML cannot hold as _xHHHH_ (ST_Xstring). */
function decodeString(s: string): string {
  return decodeXml(s).replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function parseA1(ref: string): { col: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d+)$/.exec(ref);
  if (!m) return null;
  let col = 0;
  for (const ch of m[1]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return { col: col - 1, row: Number(m[2]) };
}
