// exceljs' streaming writer and two of its xforms, imported by path so the bundle carries
// only the writing half of exceljs (start-up time). Typed from exceljs' public typings.
declare module 'exceljs/lib/stream/xlsx/workbook-writer.js' {
  import type { stream } from 'exceljs';
  const WorkbookWriter: typeof stream.xlsx.WorkbookWriter;
  export default WorkbookWriter;
}
declare module 'exceljs/lib/xlsx/xform/core/app-xform.js' {
  const AppXform: new () => { toXml(model: { worksheets: unknown[]; company?: string; manager?: string }): string };
  export default AppXform;
}
declare module 'exceljs/lib/xlsx/xform/book/workbook-xform.js' {
  const WorkbookXform: new () => { prepare(model: unknown): void; toXml(model: unknown): string };
  export default WorkbookXform;
}
// The pieces of exceljs' WorkbookWriter the in-memory writer (src/write/xlsx-memory.ts)
// assembles itself: the worksheet writer, the registries and the xforms of the fixed parts.
declare module 'exceljs/lib/stream/xlsx/worksheet-writer.js' {
  export interface WorksheetWriterOptions {
    id: number;
    name: string;
    workbook: unknown;
    useSharedStrings: boolean;
    properties?: unknown;
    state?: unknown;
    pageSetup?: unknown;
    views?: unknown;
    autoFilter?: unknown;
    headerFooter?: unknown;
  }
  // The members finbook's subclass (src/write/worksheet-writer.ts) and writers use.
  class WorksheetWriter {
    constructor(options: WorksheetWriterOptions);
    id: number;
    name: string;
    state: string;
    rId?: string;
    pageSetup: { horizontalCentered?: boolean; verticalCentered?: boolean };
    readonly stream: { write(chunk: string): void };
    readonly _sheetRelsWriter: { readonly length: number };
    _writeSheetProperties(xml: { addText(text: string): void }, properties: unknown, pageSetup: unknown): void;
    _writeCloseSheetData(): void;
    _writeSheetProtection(): void;
    _writeHyperlinks(): void;
    _writeDataValidations(): void;
    _writePageMargins(): void;
    commit(): void;
  }
  export default WorksheetWriter;
}
declare module 'exceljs/lib/xlsx/xform/style/styles-xform.js' {
  import type { Style } from 'exceljs';
  const StylesXform: new (initialise: boolean) => { readonly xml: string; addStyleModel(style: Partial<Style>, cellType?: number): number; addDxfStyle(style: Partial<Style>): number };
  export default StylesXform;
}
declare module 'exceljs/lib/utils/shared-strings.js' {
  const SharedStrings: new () => { readonly count: number; readonly totalRefs: number; readonly values: readonly string[]; add(text: string): number };
  export default SharedStrings;
}
declare module 'exceljs/lib/doc/defined-names.js' {
  const DefinedNames: new () => { readonly model: unknown; add(ref: string, name: string): void };
  export default DefinedNames;
}
declare module 'exceljs/lib/xlsx/xform/core/core-xform.js' {
  const CoreXform: new () => { toXml(model: unknown): string };
  export default CoreXform;
}
declare module 'exceljs/lib/xlsx/xform/core/relationships-xform.js' {
  const RelationshipsXform: new () => { toXml(model: { Id: string; Type: string; Target: string }[]): string };
  export default RelationshipsXform;
}
declare module 'exceljs/lib/xlsx/xform/core/content-types-xform.js' {
  const ContentTypesXform: new () => { toXml(model: unknown): string };
  export default ContentTypesXform;
}
declare module 'exceljs/lib/xlsx/xform/strings/shared-strings-xform.js' {
  const SharedStringsXform: new () => { toXml(model: unknown): string };
  export default SharedStringsXform;
}
declare module 'exceljs/lib/xlsx/rel-type.js' {
  const RelType: Record<'OfficeDocument' | 'Worksheet' | 'SharedStrings' | 'Styles' | 'Theme' | 'CoreProperties' | 'ExtenderProperties', string>;
  export default RelType;
}
declare module 'exceljs/lib/xlsx/xml/theme1.js' {
  const theme1Xml: string;
  export default theme1Xml;
}
declare module 'exceljs/lib/utils/utils.js' {
  const utils: { xmlEncode(text: string): string };
  export default utils;
}
