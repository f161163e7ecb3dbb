// exceljs' streaming worksheet writer (both workbook writers use it), with the parts exceljs
// gets wrong written by finbook, in the one place:
//
// - Order. CT_Worksheet is a sequence (ECMA-376 Part 1, §18.3.1.99): sheetData,
//   sheetProtection, ..., mergeCells, conditionalFormatting, dataValidations, hyperlinks,
//   printOptions, pageMargins, pageSetup, headerFooter, ... exceljs 4.4 writes hyperlinks
//   before conditionalFormatting and sheetProtection after both, an order that makes Excel
//   "repair" the file (Excel writes sheetProtection right after sheetData: protect02-05 of
//   the Excel-made files).
// - Links inside the workbook. exceljs writes every hyperlink as an external relationship
//   (Target="'IS Quarter'!A1" TargetMode="External"), which LibreOffice turns into a file
//   path and other readers take for a link outside the file; Excel writes
//   <hyperlink ref="A27" location="'IS Quarter'!A1" display="IS Quarter"/> (hyperlink04).
// - printOptions. exceljs' streaming writer never writes it, so horizontalCentered was lost.
// - sheetPr. CT_SheetPr is tabColor, outlinePr, pageSetUpPr; exceljs writes pageSetUpPr first.
//
// The overrides below hang on the order in which WorksheetWriter.commit() calls its
// writers (WORKSHEET_COMMIT_ORDER); test/write/exceljs-contract.test.ts fails if exceljs changes it.
import type { WorksheetWriterOptions } from './exceljs-internals.js';
import { WorksheetWriter } from './exceljs-internals.js';
import { a1 } from '../layout/a1.js';
import type { PlannedCell } from '../plan/cells.js';
import { escapeXml } from './xml-text.js';

/** A link to a place inside the workbook, as Excel writes it (no relationship). */
export interface InternalLink {
  /** The cell holding the link, e.g. A27. */
  ref: string;
  /** Where it goes: `'IS Quarter'!A1`. */
  location: string;
  /** The text the cell shows. */
  display: string;
  tooltip?: string;
}

export class FinbookWorksheetWriter extends WorksheetWriter {
  /** Links inside the workbook, written after the data validations. */
  readonly links: InternalLink[] = [];

  constructor(options: WorksheetWriterOptions) {
    super(options);
  }

  // called from exceljs' constructor, as it opens the sheet
  override _writeSheetProperties(xml: { addText(text: string): void }, properties: SheetProperties, pageSetup: { fitToPage?: boolean }): void {
    xml.addText(sheetPrXml(properties, pageSetup));
  }

  // sheetProtection comes right after sheetData (before mergeCells and the rest)
  override _writeCloseSheetData(): void {
    super._writeCloseSheetData();
    super._writeSheetProtection();
  }

  override _writeSheetProtection(): void {
    // written above, right after sheetData
  }

  override _writeHyperlinks(): void {
    if (this._sheetRelsWriter.length > 0) throw new Error('internal: a hyperlink went through exceljs, which would write it as an external link');
    // written below, after the conditional formats and the data validations
  }

  override _writeDataValidations(): void {
    super._writeDataValidations();
    if (this.links.length > 0) this.stream.write(hyperlinksXml(this.links));
  }

  override _writePageMargins(): void {
    const options = printOptionsXml(this.pageSetup);
    if (options) this.stream.write(options);
    super._writePageMargins();
  }
}

/** <hyperlinks> with every link inside the workbook as a location (Excel's hyperlink04). */
export function hyperlinksXml(links: readonly InternalLink[]): string {
  const attr = (name: string, value: string | undefined): string => (value === undefined ? '' : ` ${name}="${escapeXml(value)}"`);
  return `<hyperlinks>${links.map((l) => `<hyperlink${attr('ref', l.ref)}${attr('location', l.location)}${attr('tooltip', l.tooltip)}${attr('display', l.display)}/>`).join('')}</hyperlinks>`;
}

/** <printOptions> as Excel writes it (print_options01-07), or '' when every option is off. */
export function printOptionsXml(pageSetup: { horizontalCentered?: boolean; verticalCentered?: boolean }): string {
  const attrs = `${pageSetup.horizontalCentered ? ' horizontalCentered="1"' : ''}${pageSetup.verticalCentered ? ' verticalCentered="1"' : ''}`;
  return attrs ? `<printOptions${attrs}/>` : '';
}

/** A text cell's link to a place in the workbook, kept for the sheet's <hyperlinks> (both row paths call this). */
export function addLink(ws: unknown, c: Extract<PlannedCell, { kind: 'text' }>, row: number): void {
  if (!(ws instanceof FinbookWorksheetWriter)) throw new Error("internal: links need finbook's worksheet writer");
  ws.links.push({ ref: a1(c.col, row), location: c.link!, display: c.text, tooltip: `Go to ${c.text}` });
}

export interface SheetProperties {
  tabColor?: unknown;
  outlineProperties?: { summaryBelow?: boolean; summaryRight?: boolean };
}

/** <sheetPr> with its children in CT_SheetPr's order (exceljs puts pageSetUpPr before outlinePr). */
export function sheetPrXml(properties: SheetProperties, pageSetup: { fitToPage?: boolean }): string {
  if (properties.tabColor !== undefined) throw new Error('internal: tab colours are not written by finbook');
  const o = properties.outlineProperties;
  const bit = (b: boolean | undefined, name: string): string => (b === undefined ? '' : ` ${name}="${Number(b)}"`);
  const outline = o && (o.summaryBelow !== undefined || o.summaryRight !== undefined) ? `<outlinePr${bit(o.summaryBelow, 'summaryBelow')}${bit(o.summaryRight, 'summaryRight')}/>` : '';
  const fit = pageSetup.fitToPage ? '<pageSetUpPr fitToPage="1"/>' : '';
  return outline || fit ? `<sheetPr>${outline}${fit}</sheetPr>` : '';
}
