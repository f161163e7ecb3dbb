// The contract between finbook and exceljs' internals (src/write/exceljs-internals.ts, the
// one module that imports them): the classes finbook subclasses and drives, with the
// members it calls or overrides; the order of their commits; the XML each xform renders for
// a fixed input, to the character; and, where a part goes straight into the workbook, that
// it agrees with what Excel itself writes (../shared/excel-made). An exceljs release that
// changes any of this fails here, naming what changed, before it changes a workbook.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  AppXform,
  ContentTypesXform,
  CoreXform,
  RelType,
  RelationshipsXform,
  SharedStrings,
  StylesXform,
  WORKBOOK_COMMIT_ORDER,
  WORKSHEET_COMMIT_ORDER,
  WorkbookWriter,
  WorkbookXform,
  WorksheetWriter,
  theme1Xml,
} from '../../src/write/exceljs-internals.js';
import { ROOT } from '../helpers/cli.js';
import { excelMadeFiles, excelMadeParts } from '../helpers/excel-made.js';
import type { XmlElement } from '../helpers/xml-tree.js';
import { parseXml } from '../helpers/xml-tree.js';

const FIXTURES = join(ROOT, 'test', 'write', 'fixtures');
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');
const DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** The calls `this.name(` in a method's source, comments left out, in order. */
function callsIn(method: (...args: never[]) => unknown, pattern: RegExp): string[] {
  const source = method.toString().replace(/\/\/.*$/gm, '');
  return [...source.matchAll(pattern)].map((m) => m[1]!);
}

const childNames = (el: XmlElement): string[] => el.children.map((c) => c.local);

/** The children of one part in every Excel-made workbook whose name starts with a prefix that shows them. */
function excelOrders(part: string): string[][] {
  const files = excelMadeFiles().filter((f) => /^(format|cond_format|defined_name|properties|print_area|simple)/.test(f));
  return files.map((f) => excelMadeParts(f).get(part)).filter((root) => root !== undefined).map(childNames);
}

/** Where `names` puts a child after one that Excel always writes it before, or one Excel never writes. */
function orderProblems(names: readonly string[], excelOrders: readonly string[][]): string[] {
  const problems: string[] = [];
  names.forEach((name, i) => {
    if (!excelOrders.some((o) => o.includes(name))) return problems.push(`${name}: Excel never writes it`);
    for (const earlier of names.slice(0, i)) if (excelOrders.some((o) => o.includes(earlier) && o.indexOf(name) >= 0 && o.indexOf(name) < o.indexOf(earlier))) problems.push(`${name} after ${earlier} (Excel: before)`);
  });
  return problems;
}

/** Two worksheets as both writers describe them to the xforms. */
const SHEETS = [
  { id: 1, name: 'Cover', state: 'visible', rId: 'rId4' },
  { id: 2, name: 'IS Quarter', state: 'hidden', rId: 'rId5' },
];

function appXml(): string {
  return new AppXform().toXml({ worksheets: SHEETS, company: 'Acme & Co' });
}

function workbookXml(): string {
  const model = { worksheets: SHEETS, definedNames: [{ name: '_xlnm.Print_Area', localSheetId: 0, ranges: ['Cover!$A$1:$C$9'] }], views: [], properties: {}, calcProperties: { fullCalcOnLoad: true } };
  const xform = new WorkbookXform();
  xform.prepare(model);
  return xform.toXml(model);
}

function contentTypesXml(): string {
  return new ContentTypesXform().toXml({ worksheets: SHEETS, sharedStrings: { count: 1 }, commentRefs: [], media: [] });
}

function coreXml(): string {
  return new CoreXform().toXml({ creator: 'finbook', title: 'T', subject: 'S', keywords: 'K', lastModifiedBy: 'finbook', created: new Date(0), modified: new Date(0) });
}

/** A streaming workbook writer with one sheet, as xlsx.ts drives it (nothing committed). */
function streamingWriter(): { wb: Record<string, unknown>; ws: Record<string, unknown> } {
  const wb = new WorkbookWriter({ stream: new PassThrough(), useStyles: true, useSharedStrings: true });
  const ws = wb.addWorksheet('Cover');
  return { wb: wb as unknown as Record<string, unknown>, ws: ws as unknown as Record<string, unknown> };
}

describe('the exceljs classes finbook subclasses (xlsx.ts, worksheet-writer.ts)', () => {
  it('WorksheetWriter has every method finbook overrides or calls', () => {
    const methods = ['commit', 'findRow', '_writeSheetProperties', '_writeColumns', '_writeOpenSheetData', '_writeCloseSheetData', '_writeSheetProtection', '_writeHyperlinks', '_writeDataValidations', '_writePageMargins'];
    const proto = WorksheetWriter.prototype as unknown as Record<string, unknown>;
    expect(methods.filter((m) => typeof proto[m] !== 'function')).toEqual([]);
  });

  it('a worksheet has the fields finbook reads and sets: its id, name, state, stream, relationships, page setup, row state', () => {
    const { ws } = streamingWriter();
    expect({ id: ws.id, name: ws.name, state: ws.state, startedData: ws.startedData }).toEqual({ id: 1, name: 'Cover', state: 'visible', startedData: false });
    expect(typeof (ws.stream as { write?: unknown }).write).toBe('function');
    expect((ws._sheetRelsWriter as { length?: unknown }).length).toBe(0);
    expect(typeof ws.pageSetup).toBe('object');
    expect(typeof ws.properties).toBe('object');
  });

  it('WorkbookWriter has every method finbook overrides or calls', () => {
    const methods = ['addWorksheet', 'commit', 'addThemes', 'addOfficeRels', 'addSharedStrings', 'addApp', 'addWorkbook'];
    const proto = WorkbookWriter.prototype as unknown as Record<string, unknown>;
    expect(methods.filter((m) => typeof proto[m] !== 'function')).toEqual([]);
  });

  it('a workbook writer has the fields finbook reads and replaces: its zip, sheets, views, next id and registries', () => {
    const { wb } = streamingWriter();
    expect(typeof (wb.zip as { append?: unknown }).append).toBe('function');
    expect(Array.isArray(wb._worksheets) && Array.isArray(wb.views)).toBe(true);
    expect({ nextId: wb.nextId, useSharedStrings: wb.useSharedStrings }).toEqual({ nextId: 2, useSharedStrings: true });
    expect(wb.sharedStrings).toBeInstanceOf(SharedStrings);
    expect(wb.styles).toBeInstanceOf(StylesXform);
  });
});

describe('the order of exceljs’ commits, which finbook’s overrides and the in-memory writer follow', () => {
  it('WorksheetWriter.commit calls the writers of a sheet’s tail in WORKSHEET_COMMIT_ORDER', () => {
    expect(callsIn(WorksheetWriter.prototype.commit, /this\.(_write[A-Za-z]+)\(\)/g)).toEqual([...WORKSHEET_COMMIT_ORDER]);
  });

  it('WorkbookWriter.commit adds the package parts after the worksheets in WORKBOOK_COMMIT_ORDER', () => {
    expect(callsIn(WorkbookWriter.prototype.commit, /this\.(add[A-Za-z]+|_[A-Za-z]+)\(\)/g)).toEqual(['addMedia', '_commitWorksheets', ...WORKBOOK_COMMIT_ORDER, '_finalize']);
  });

  it('WorkbookWriter’s constructor adds the theme and the package relationships itself (xlsx.ts pins their dates there)', () => {
    const source = WorkbookWriter.toString();
    const constructor = source.slice(source.indexOf('constructor('), source.indexOf('\n  }\n', source.indexOf('constructor(')));
    expect([...constructor.matchAll(/this\.(add[A-Za-z]+)\(\)/g)].map((m) => m[1])).toEqual(['addThemes', 'addOfficeRels']);
  });
});

describe('the XML exceljs’ xforms render for a fixed input', () => {
  it('AppXform: docProps/app.xml with the sheets and the company', () => {
    expect(appXml()).toBe(
      `${DECLARATION}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>Worksheets</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="2" baseType="lpstr"><vt:lpstr>Cover</vt:lpstr><vt:lpstr>IS Quarter</vt:lpstr></vt:vector></TitlesOfParts><Company>Acme &amp; Co</Company><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0300</AppVersion></Properties>`,
    );
  });

  it('WorkbookXform: xl/workbook.xml with the sheets, a print area and fullCalcOnLoad', () => {
    expect(workbookXml()).toBe(
      `${DECLARATION}<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x15" xmlns:x15="http://schemas.microsoft.com/office/spreadsheetml/2010/11/main"><fileVersion appName="xl" lastEdited="5" lowestEdited="5" rupBuild="9303"/><workbookPr defaultThemeVersion="164011" filterPrivacy="1"/><sheets><sheet sheetId="1" name="Cover" state="visible" r:id="rId4"/><sheet sheetId="2" name="IS Quarter" state="hidden" r:id="rId5"/></sheets><definedNames><definedName name="_xlnm.Print_Area" localSheetId="0">Cover!$A$1:$C$9</definedName></definedNames><calcPr calcId="171027" fullCalcOnLoad="1"/></workbook>`,
    );
  });

  it('ContentTypesXform: [Content_Types].xml for two sheets and shared strings', () => {
    const sheet = 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml';
    expect(contentTypesXml()).toBe(
      `${DECLARATION}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="${sheet}"/><Override PartName="/xl/worksheets/sheet2.xml" ContentType="${sheet}"/><Override PartName="/xl/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/><Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/></Types>`,
    );
  });

  it('CoreXform: docProps/core.xml with finbook’s properties', () => {
    expect(coreXml()).toBe(
      `${DECLARATION}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:creator>finbook</dc:creator><dc:title>T</dc:title><dc:subject>S</dc:subject><cp:keywords>K</cp:keywords><cp:lastModifiedBy>finbook</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">1970-01-01T00:00:00Z</dcterms:modified></cp:coreProperties>`,
    );
  });

  it('RelationshipsXform: a .rels part', () => {
    expect(new RelationshipsXform().toXml([{ Id: 'rId1', Type: RelType.OfficeDocument, Target: 'xl/workbook.xml' }])).toBe(
      `${DECLARATION}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    );
  });

  it('StylesXform: the ids it hands out and xl/styles.xml for three styles (fixtures/exceljs-styles.xml)', () => {
    const registry = new StylesXform(true);
    const ids = [
      registry.addStyleModel({ font: { name: 'Arial', size: 10, bold: true }, numFmt: '#,##0_);(#,##0);"-"_)', border: { top: { style: 'thin' } }, alignment: { horizontal: 'right' }, protection: { locked: false } }, 2),
      registry.addStyleModel({ font: { name: 'Arial', size: 10, color: { argb: 'FF0000FF' } }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } } }, 3),
      registry.addDxfStyle({ font: { color: { argb: 'FFC00000' } }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFFFC7CE' } } }),
    ];
    expect(ids).toEqual([1, 2, 0]);
    expect(registry.xml).toBe(readFileSync(join(FIXTURES, 'exceljs-styles.xml'), 'utf8'));
  });

  it('SharedStrings: each text once, its index, the number of texts and of uses', () => {
    const strings = new SharedStrings();
    expect([strings.add('a'), strings.add('b'), strings.add('a')]).toEqual([0, 1, 0]);
    expect({ count: strings.count, totalRefs: strings.totalRefs, values: strings.values }).toEqual({ count: 2, totalRefs: 3, values: ['a', 'b'] });
  });

  it('theme1.xml: the theme every workbook carries, unchanged', () => {
    expect({ length: theme1Xml.length, sha256: sha256(theme1Xml) }).toEqual({ length: 7893, sha256: 'f857ef82e4c0e273a16e5efcf5cb12ff7a9943851cbdbd992cd2722616b271ed' });
  });
});

describe('the parts exceljs makes agree with what Excel writes (../shared/excel-made)', () => {
  // properties01: a workbook with a company, shared strings and one sheet
  const excel = excelMadeParts('properties01.xlsx');

  it('every part has the content type Excel gives it', () => {
    const types = (root: XmlElement): Map<string, string> => new Map(root.children.map((c) => [c.attrs.PartName ?? `*.${c.attrs.Extension}`, c.attrs.ContentType!]));
    const ours = types(parseXml(contentTypesXml()));
    const excels = types(excel.get('[Content_Types].xml')!);
    const shared = [...excels.keys()].filter((k) => ours.has(k));
    expect(shared.length).toBe(excels.size);
    for (const part of shared) expect([part, ours.get(part)]).toEqual([part, excels.get(part)]);
  });

  it('every relationship has the type Excel gives the same target', () => {
    const byTarget = (root: XmlElement): Map<string, string> => new Map(root.children.map((c) => [c.attrs.Target!, c.attrs.Type!]));
    const excels = new Map([...byTarget(excel.get('_rels/.rels')!), ...byTarget(excel.get('xl/_rels/workbook.xml.rels')!)]);
    const ours = new Map<string, string>([
      ['xl/workbook.xml', RelType.OfficeDocument],
      ['docProps/core.xml', RelType.CoreProperties],
      ['docProps/app.xml', RelType.ExtenderProperties],
      ['styles.xml', RelType.Styles],
      ['theme/theme1.xml', RelType.Theme],
      ['sharedStrings.xml', RelType.SharedStrings],
      ['worksheets/sheet1.xml', RelType.Worksheet],
    ]);
    expect(ours).toEqual(excels);
  });

  it('app.xml has Excel’s elements in Excel’s order (finbook names no manager)', () => {
    const excels = childNames(excel.get('docProps/app.xml')!).filter((n) => n !== 'Manager');
    expect(childNames(parseXml(appXml()))).toEqual(excels);
  });

  it('core.xml has only elements Excel writes (properties01 sets them all)', () => {
    const excels = childNames(excel.get('docProps/core.xml')!);
    expect(childNames(parseXml(coreXml())).filter((n) => !excels.includes(n))).toEqual([]);
  });

  it('workbook.xml and styles.xml keep the order of Excel’s children', () => {
    for (const [part, xml] of [
      ['xl/workbook.xml', workbookXml()],
      ['xl/styles.xml', readFileSync(join(FIXTURES, 'exceljs-styles.xml'), 'utf8')],
    ] as const) {
      const ours = childNames(parseXml(xml));
      // Excel 2007 writes no extLst here; where exceljs adds one it is last, as the schema has it
      expect(orderProblems(ours.filter((n) => n !== 'extLst'), excelOrders(part)), part).toEqual([]);
      if (ours.includes('extLst')) expect(ours.at(-1), part).toBe('extLst');
    }
  });

  it('the order check itself fails on children out of Excel’s order or unknown to Excel', () => {
    const orders = [['fileVersion', 'workbookPr', 'sheets']];
    expect(orderProblems(['workbookPr', 'sheets'], orders)).toEqual([]);
    expect(orderProblems(['sheets', 'workbookPr'], orders)).toEqual(['workbookPr after sheets (Excel: before)']);
    expect(orderProblems(['sheets', 'unknown'], orders)).toEqual(['unknown: Excel never writes it']);
  });
});
