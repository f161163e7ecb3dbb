// The style registry remembered across workbooks (src/write/style-registry.ts) must hand out
// the ids and write the styles.xml of a fresh exceljs registry, workbook after workbook,
// whatever was registered before: the same sequences, sequences that part ways, style
// objects registered twice (with another cell type), equal styles in different objects.
import type { Style } from 'exceljs';
import { StylesXform } from '../../src/write/exceljs-internals.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { styleRegistry } from '../../src/write/style-registry.js';

const STYLES: Partial<Style>[] = [
  {},
  { font: { name: 'Arial', size: 10, bold: false, color: { argb: 'FF000000' } } },
  { font: { name: 'Arial', size: 10, bold: true, color: { argb: 'FF0000FF' } }, numFmt: '#,##0_);(#,##0);"-"_)', alignment: { horizontal: 'right' } },
  { font: { name: 'Arial', size: 10 }, numFmt: '0.0%_);(0.0%);"-"_)', border: { top: { style: 'thin', color: { argb: 'FF000000' } } } },
  { font: { name: 'Arial', size: 12, bold: true }, protection: { locked: false } },
  { alignment: { horizontal: 'left', indent: 2 }, border: { bottom: { style: 'double', color: { argb: 'FF000000' } } } },
  { fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFC6EFCE' } } },
  { font: { color: { argb: 'FF006100' }, bold: true }, fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: 'FFC6EFCE' } } },
];

type Call = { dxf: boolean; style: number; copy: boolean; cellType: number | undefined };

const call = fc.record({ dxf: fc.nat({ max: 4 }).map((n) => n === 0), style: fc.nat({ max: STYLES.length - 1 }), copy: fc.boolean(), cellType: fc.constantFrom(undefined, 2, 3, 4) });

/** Runs one workbook's calls on a registry; objects are shared across workbooks unless copied. */
function run(registry: { addStyleModel(s: Partial<Style>, t?: number): number; addDxfStyle(s: Partial<Style>): number; readonly xml: string }, calls: Call[]): { ids: number[]; xml: string } {
  const ids = calls.map((c) => {
    // exceljs writes a number format's id into a differential style: give it a copy
    const style = c.copy || c.dxf ? (JSON.parse(JSON.stringify(STYLES[c.style])) as Partial<Style>) : STYLES[c.style]!;
    return c.dxf ? registry.addDxfStyle(style) : registry.addStyleModel(style, c.cellType);
  });
  return { ids, xml: registry.xml };
}

describe('the style registry kept across workbooks', () => {
  it('gives every workbook the ids and styles.xml of a fresh exceljs registry', () => {
    const workbook = fc.array(call, { maxLength: 25 });
    fc.assert(
      fc.property(fc.array(fc.oneof(workbook, fc.constant<Call[]>([])), { minLength: 1, maxLength: 6 }), fc.boolean(), (workbooks, repeat) => {
        // repeating the first workbook makes later ones walk a path seen before, then part from it
        const all = repeat ? [workbooks[0]!, ...workbooks, workbooks[0]!] : workbooks;
        for (const calls of all) expect(run(styleRegistry(), calls)).toEqual(run(new StylesXform(true), calls));
      }),
      { numRuns: 300 },
    );
  });
});
