// What exceljs 4.4 writes wrongly, and finbook therefore writes itself (src/write/
// worksheet-writer.ts, sheet-writer.ts, xlsx.ts, xlsx-memory.ts). Each test shows the
// behaviour on exceljs' own writer: when an exceljs release changes it, the test fails and
// says which workaround to revisit. What finbook relies on in exceljs' internals (class
// shapes, commit order, the xforms' XML) is pinned by test/write/exceljs-contract.test.ts.
import { strFromU8, unzipSync } from 'fflate';
import type { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WorkbookWriter } from '../../src/write/exceljs-internals.js';
import { writtenBytes } from '../helpers/bytes.js';

/** A one-sheet workbook written by exceljs' streaming writer alone, with every feature finbook works around. */
async function exceljsSheet(): Promise<{ sheet: string; rels: string; workbook: string }> {
  const bytes = await writtenBytes(
    async (_: null, out: Writable) => {
      const wb = new WorkbookWriter({ stream: out, useSharedStrings: true, useStyles: true });
      const ws = wb.addWorksheet('Cover', {
        pageSetup: { fitToPage: true, fitToWidth: 1, fitToHeight: 1, printArea: 'A1:C9', horizontalCentered: true },
        properties: { outlineProperties: { summaryBelow: true, summaryRight: false } } as never,
      });
      ws.mergeCells('A1:B1');
      ws.getCell('A2').value = { text: 'IS Quarter', hyperlink: "'IS Quarter'!A1" } as never;
      ws.addConditionalFormatting({ ref: 'C1:C2', rules: [{ type: 'cellIs', operator: 'equal', formulae: ['"OK"'], priority: 1, style: {} }] });
      await ws.protect('', {});
      ws.commit();
      await wb.commit();
    },
    null,
    null,
  );
  const files = unzipSync(bytes);
  const text = (name: string): string => strFromU8(files[name]!);
  return { sheet: text('xl/worksheets/sheet1.xml'), rels: text('xl/worksheets/_rels/sheet1.xml.rels'), workbook: text('xl/workbook.xml') };
}

describe('exceljs 4.4 still writes what finbook works around', () => {
  it('puts hyperlinks before conditionalFormatting and sheetProtection after both (CT_Worksheet wants the reverse)', async () => {
    const { sheet } = await exceljsSheet();
    const at = (tag: string): number => sheet.indexOf(`<${tag}`);
    expect(at('mergeCells')).toBeLessThan(at('hyperlinks'));
    expect(at('hyperlinks')).toBeLessThan(at('conditionalFormatting'));
    expect(at('conditionalFormatting')).toBeLessThan(at('sheetProtection'));
  });

  it('writes a link inside the workbook as an external relationship', async () => {
    const { sheet, rels } = await exceljsSheet();
    expect(rels).toContain('Target="&apos;IS Quarter&apos;!A1" TargetMode="External"');
    expect(sheet).not.toContain('location=');
  });

  it('puts pageSetUpPr before outlinePr, gives dyDescent 55 and leaves out printOptions', async () => {
    const { sheet } = await exceljsSheet();
    expect(sheet).toMatch(/<sheetPr><pageSetUpPr[^>]*\/><outlinePr/);
    expect(sheet).toContain('x14ac:dyDescent="55"');
    expect(sheet).not.toContain('<printOptions');
  });

  it('writes print areas with relative rows', async () => {
    const { workbook } = await exceljsSheet();
    expect(workbook).toContain('<definedName name="_xlnm.Print_Area" localSheetId="0">&apos;Cover&apos;!$A1:$C9</definedName>');
  });
});
