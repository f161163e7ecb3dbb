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
