// The XML of one worksheet row, byte for byte as exceljs' RowXform and CellXform write it,
// for the rows of large sheets: building exceljs Row and Cell objects costs several times
// more than the XML itself (see docs/benchmarks.md). xlsx.ts decides which rows take this
// path and supplies the style and shared-string indices from exceljs' own registries, so
// the workbook is the same whichever path wrote a row (test/batch/row-xml.test.ts).
import { columnLetters } from '../layout/a1.js';
import { exceljsXmlEncode } from './exceljs-internals.js';

export type XmlCell =
  | { col: number; style: number; kind: 'number'; value: number }
  | { col: number; style: number; kind: 'shared'; index: number }
  | { col: number; style: number; kind: 'formula'; formula: string; value: number | string };

export interface XmlRow {
  row: number;
  height?: number;
  outline?: number;
  collapsed: boolean;
  cells: XmlCell[];
}

// a cell's text as exceljs' CellXform encodes it (the rows must be the bytes exceljs writes)
const xmlEncode = exceljsXmlEncode;

const letters: string[] = [];

/** Column letters by 0-based index, memoised: a wide sheet asks for the same few hundred. */
export function letter(col: number): string {
  return (letters[col] ??= columnLetters(col));
}

function cellXml(c: XmlCell, row: number): string {
  const head = `<c r="${letter(c.col)}${row}"${c.style ? ` s="${c.style}"` : ''}`;
  switch (c.kind) {
    case 'number':
      return `${head}><v>${String(c.value)}</v></c>`;
    case 'shared':
      return `${head} t="s"><v>${c.index}</v></c>`;
    case 'formula':
      // a text result is marked t="str"; formula results never use shared strings
      return typeof c.value === 'string'
        ? `${head} t="str"><f>${xmlEncode(c.formula)}</f><v>${xmlEncode(c.value)}</v></c>`
        : `${head}><f>${xmlEncode(c.formula)}</f><v>${String(c.value)}</v></c>`;
  }
}

/** exceljs leaves out a row with neither cells nor a height; so does this. */
export function rowXml(r: XmlRow): string {
  if (r.cells.length === 0 && !r.height) return '';
  let xml = `<row r="${r.row}"`;
  if (r.height) xml += ` ht="${r.height}" customHeight="1"`;
  if (r.cells.length > 0) xml += ` spans="${r.cells[0]!.col + 1}:${r.cells[r.cells.length - 1]!.col + 1}"`;
  xml += ' x14ac:dyDescent="0.25"';
  if (r.outline) xml += ` outlineLevel="${r.outline}"`;
  if (r.collapsed) xml += ' collapsed="1"';
  if (r.cells.length === 0) return `${xml}/>`;
  xml += '>';
  for (const c of r.cells) xml += cellXml(c, r.row);
  return `${xml}</row>`;
}
