// The seam between finbook and exceljs' private modules: the one module that imports
// `exceljs/lib/...` (the layer rule in .dependency-cruiser.cjs fails any other). exceljs'
// public API cannot write what finbook writes (a workbook built in memory in one pass, rows
// straight to XML, fullCalcOnLoad, print areas Excel reads, sheet parts in CT_Worksheet's
// order), so the writers subclass and drive its streaming writer and xforms. What they rely
// on is listed here, as types and classes, and pinned by test/write/exceljs-contract.test.ts
// (class shapes, method names, the XML of each xform for a fixed input, commit order): an
// exceljs upgrade that changes any of it fails that test before it changes a workbook.
// Importing by path also keeps only the writing half of exceljs in the bundle (start-up).
//
// Who uses what:
//   xlsx.ts               WorkbookWriter (streaming), subclassed; its zip, sheets and registries
//   worksheet-writer.ts   WorksheetWriter, subclassed: the sheet's tail in CT_Worksheet order
//   xlsx-rows.ts          a worksheet's stream and row state, the workbook's registries
//   xlsx-memory.ts        SharedStrings, RelType, the xforms of the package parts, theme1.xml
//   sheet-writer.ts       AppXform, WorkbookXform
//   row-xml.ts            exceljs' xmlEncode (a cell's bytes as exceljs writes them)
//   style-registry.ts     StylesXform
import type { Style } from 'exceljs';
import WorkbookWriter from 'exceljs/lib/stream/xlsx/workbook-writer.js';
import WorksheetWriter from 'exceljs/lib/stream/xlsx/worksheet-writer.js';
import SharedStrings from 'exceljs/lib/utils/shared-strings.js';
import RelType from 'exceljs/lib/xlsx/rel-type.js';
import WorkbookXform from 'exceljs/lib/xlsx/xform/book/workbook-xform.js';
import AppXform from 'exceljs/lib/xlsx/xform/core/app-xform.js';
import ContentTypesXform from 'exceljs/lib/xlsx/xform/core/content-types-xform.js';
import CoreXform from 'exceljs/lib/xlsx/xform/core/core-xform.js';
import RelationshipsXform from 'exceljs/lib/xlsx/xform/core/relationships-xform.js';
import StylesXform from 'exceljs/lib/xlsx/xform/style/styles-xform.js';
import theme1Xml from 'exceljs/lib/xlsx/xml/theme1.js';
import exceljsUtils from 'exceljs/lib/utils/utils.js';

export type { WorksheetWriterOptions } from 'exceljs/lib/stream/xlsx/worksheet-writer.js';
export { AppXform, ContentTypesXform, CoreXform, RelType, RelationshipsXform, SharedStrings, StylesXform, WorkbookWriter, WorkbookXform, WorksheetWriter, theme1Xml };

/**
 * exceljs' xmlEncode: the five entities (an apostrophe as &apos;), and C0 controls and DEL
 * dropped. For the parts whose bytes must equal exceljs' own writer: cells (row-xml.ts) and
 * shared strings (xlsx-memory.ts). Everything finbook writes itself uses xml-text.ts.
 */
export const exceljsXmlEncode: (text: string) => string = exceljsUtils.xmlEncode;

/** The exceljs release these internals were read from (package.json pins it exactly). */
export const EXCELJS_VERSION = '4.4.0';

/** exceljs' style registry (StylesXform), as the writers and style-registry.ts use it. */
export type StylesRegistry = InstanceType<typeof StylesXform>;

/** The fields of exceljs' streaming WorkbookWriter that xlsx.ts reads and replaces. */
export interface WorkbookWriterInternals {
  zip: { append(source: unknown, data: { name: string; date?: Date }): void };
  _worksheets: unknown[];
  views: unknown[];
  nextId: number;
  useSharedStrings: boolean;
  sharedStrings: { count: number; totalRefs: number; values: readonly string[] };
}

/** What a workbook is to the rows written straight to XML (xlsx-rows.ts): its two registries. */
export interface WorkbookInternals {
  styles: { addStyleModel(style: Partial<Style>, cellType: number): number };
  sharedStrings: { add(text: string): number };
}

/** The state of exceljs' WorksheetWriter that the rows written straight to XML share with it. */
export interface WorksheetInternals {
  properties: { outlineLevelRow?: number };
  startedData: boolean;
  stream: { write(xml: string): void };
  findRow(row: number): unknown;
  _writeColumns(): void;
  _writeOpenSheetData(): void;
}

/**
 * The writers WorksheetWriter.commit() calls, in its order. worksheet-writer.ts overrides
 * _writeCloseSheetData, _writeHyperlinks, _writeDataValidations, _writeSheetProtection and
 * _writePageMargins and writes its parts from them: the order decides where each part lands.
 */
export const WORKSHEET_COMMIT_ORDER = [
  '_writeOpenSheetData',
  '_writeCloseSheetData',
  '_writeAutoFilter',
  '_writeMergeCells',
  '_writeHyperlinks',
  '_writeConditionalFormatting',
  '_writeDataValidations',
  '_writeSheetProtection',
  '_writePageMargins',
  '_writePageSetup',
  '_writeBackground',
  '_writeHeaderFooter',
  '_writeRowBreaks',
  '_writeLegacyData',
  '_writeCloseWorksheet',
] as const;

/**
 * The parts WorkbookWriter.commit() adds after its worksheets, in its order (xlsx-memory.ts
 * writes them in this order too; FinbookWorkbookWriter overrides the ones it writes itself).
 */
export const WORKBOOK_COMMIT_ORDER = ['addContentTypes', 'addApp', 'addCore', 'addSharedStrings', 'addStyles', 'addWorkbookRels', 'addWorkbook'] as const;
