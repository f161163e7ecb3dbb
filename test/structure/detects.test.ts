// Every check of the structural test can fail: each defect the issue found in finbook's
// packages (and the others the checker looks for), put back into a good package, is
// reported; and the checker finds nothing wrong in the workbooks Excel itself saved.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLES, exampleBytes } from '../helpers/examples.js';
import { EXCEL_MADE, excelMadeFiles } from '../helpers/excel-made.js';
import { checkPackage } from './check-package.js';
import { excelOrder } from './excel-order.js';

type Parts = Record<string, string>;

let iij: Parts;
let awkward: Parts;

const parts = (bytes: Uint8Array): Parts => Object.fromEntries(Object.entries(unzipSync(bytes)).map(([k, v]) => [k, strFromU8(v)]));
const zipped = (p: Parts): Uint8Array => zipSync(Object.fromEntries(Object.entries(p).map(([k, v]) => [k, strToU8(v)])));

beforeAll(async () => {
  iij = parts(await exampleBytes(EXAMPLES.find((e) => e.name.startsWith('default (IIJ'))!));
  awkward = parts(await exampleBytes(EXAMPLES.find((e) => e.name.startsWith('awkward'))!));
});

/** A copy of the package with one part's text replaced (the replacement must change it). */
function edit(p: Parts, part: string, from: string | RegExp, to: string | ((match: string, ...groups: string[]) => string)): Parts {
  const before = p[part];
  if (before === undefined) throw new Error(`no part ${part}`);
  const after = typeof to === 'string' ? before.replace(from, to) : before.replace(from, to);
  if (after === before) throw new Error(`${String(from)} is not in ${part}`);
  return { ...p, [part]: after };
}

const COVER = 'xl/worksheets/sheet1.xml';
const IS_QUARTER = 'xl/worksheets/sheet3.xml';

const cases: [string, () => Parts, string][] = [
  // the defects of the issue
  ['hyperlinks before conditionalFormatting (exceljs’ streaming order)', () => edit(iij, COVER, /(<conditionalFormatting[\s\S]*<\/conditionalFormatting>)(<hyperlinks>[\s\S]*<\/hyperlinks>)/, '$2$1'), 'in <worksheet>: <conditionalFormatting> comes after <hyperlinks>'],
  ['sheetProtection after mergeCells', () => edit(iij, IS_QUARTER, /(<\/sheetData>)([\s\S]*<\/mergeCells>)/, '$1$2<sheetProtection sheet="1"/>'), 'in <worksheet>: <sheetProtection> comes after <mergeCells>'],
  [
    'a link inside the workbook written as an external relationship',
    () => ({
      ...edit(iij, COVER, /<hyperlink ref="A28" location="[^"]*"/, '<hyperlink ref="A28" r:id="rId9"'),
      'xl/worksheets/_rels/sheet1.xml.rels': `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" Target="&apos;IS Quarter&apos;!A1" TargetMode="External"/></Relationships>`,
    }),
    "external hyperlink to \"'IS Quarter'!A1\", a place inside the workbook",
  ],
  ['a print area with relative rows', () => edit(iij, 'xl/workbook.xml', /(_xlnm.Print_Area" localSheetId="0">Cover!)\$A\$1:\$C\$(\d+)/, '$1$A1:$C$2'), 'is not absolute'],
  ['a sheet name left unquoted in a formula', () => edit(awkward, 'xl/worksheets/sheet7.xml', /&apos;Gewinn–Verlust€&apos;!/, 'Gewinn–Verlust€!'), 'sheet Gewinn–Verlust€ is written bare; Excel requires'],
  ['the shared-strings count of strings instead of cells', () => edit(iij, 'xl/sharedStrings.xml', /count="\d+"/, 'count="333"'), 'count="333", but'],
  ['x14ac:dyDescent="55"', () => edit(iij, IS_QUARTER, 'x14ac:dyDescent="0.25"/>', 'x14ac:dyDescent="55"/>'), 'x14ac:dyDescent="55" is no descent'],
  ['sheetPr children as exceljs orders them', () => edit(iij, IS_QUARTER, /<sheetPr>(<outlinePr[^>]*>)(<pageSetUpPr[^>]*>)<\/sheetPr>/, '<sheetPr>$2$1</sheetPr>'), 'in <sheetPr>: <outlinePr> comes after <pageSetUpPr>'],
  // the rest of what the checker checks
  ['a part that is not well-formed', () => edit(iij, 'xl/styles.xml', '</styleSheet>', '</styleSheet'), 'xl/styles.xml is not well-formed XML'],
  ['a part without a content type', () => ({ ...iij, 'xl/extra.bin': 'x' }), 'xl/extra.bin: has no content type'],
  ['an Override for a missing part', () => edit(iij, '[Content_Types].xml', '</Types>', '<Override PartName="/xl/gone.xml" ContentType="application/xml"/></Types>'), 'names /xl/gone.xml, which the package does not have'],
  ['a relationship to a missing part', () => edit(iij, 'xl/_rels/workbook.xml.rels', 'Target="worksheets/sheet2.xml"', 'Target="worksheets/sheet99.xml"'), 'points at xl/worksheets/sheet99.xml'],
  ['a part no relationship leads to', () => ({ ...iij, 'xl/orphan.xml': '<a/>' }), 'xl/orphan.xml: no relationship leads to this part'],
  ['a chart part of the wrong content type', () => edit(iij, '[Content_Types].xml', /(PartName="\/xl\/charts\/chart1.xml" ContentType=")[^"]*/, '$1application/xml'), 'a chart relationship needs'],
  ['workbook children out of order', () => edit(iij, 'xl/workbook.xml', /(<definedNames>[\s\S]*<\/definedNames>)(<calcPr[^>]*\/>)/, '$2$1'), 'in <workbook>: <definedNames> comes after <calcPr>'],
  ['two sheets of one name ignoring case', () => edit(iij, 'xl/workbook.xml', 'name="Inputs"', 'name="cover"'), 'two sheets are named cover'],
  ['a defined name Excel refuses', () => edit(iij, 'xl/workbook.xml', 'name="unit_scale"', 'name="FX1"'), 'defined name FX1 reads as the cell FX1'],
  ['a defined name twice in one scope', () => edit(iij, 'xl/workbook.xml', 'name="unit_scale"', 'name="ads_per_share"'), 'defined name ads_per_share is defined twice in one scope'],
  ['a defined name leaving bare a sheet name Excel requires quoted', () => edit(awkward, 'xl/workbook.xml', /&apos;Gewinn–Verlust€&apos;!\$A\$1/, 'Gewinn–Verlust€!$A$1'), 'sheet Gewinn–Verlust€ is written bare; Excel requires'],
  ['a defined name on a sheet that is not there', () => edit(iij, 'xl/workbook.xml', '>Inputs!$B$7<', '>Input!$B$7<'), "refers to a sheet 'Input' the workbook does not have"],
  ['print titles that are not whole rows', () => edit(iij, 'xl/workbook.xml', /(_xlnm.Print_Titles" localSheetId="2">&apos;IS Quarter&apos;!)\$1:\$8/, (_m, g) => `${g}$A$1:$J$8`), 'is not whole rows or columns'],
  ['a print area of another sheet', () => edit(iij, 'xl/workbook.xml', /(_xlnm.Print_Area" localSheetId="0">)Cover!/, '$1Inputs!'), 'refers to Inputs, not its own sheet Cover'],
  ['a cell out of its row', () => edit(iij, IS_QUARTER, '<c r="C11"', '<c r="C12"'), 'cell C12 in row 11'],
  ['a style that does not exist', () => edit(iij, IS_QUARTER, /<c r="C11" s="\d+"/, '<c r="C11" s="999"'), 'cell C11 has style 999'],
  ['a shared string that does not exist', () => edit(iij, IS_QUARTER, /(<c r="A11" s="\d+" t="s"><v>)\d+/, '$199999'), 'refers to shared string 99999'],
  ['a formula that keeps its =', () => edit(iij, IS_QUARTER, '<f>SUM(', '<f>=SUM('), "the formula starts with '='"],
  ['overlapping merges', () => edit(iij, IS_QUARTER, '<mergeCell ref="B6:G6"/>', '<mergeCell ref="B6:G6"/><mergeCell ref="C6:D6"/>'), 'merge C6:D6 overlaps another merge'],
  ['a conditional format without its format', () => edit(iij, COVER, 'dxfId="0"', 'dxfId="42"'), 'cfRule dxfId 42'],
  ['a protection flag that is no boolean', () => edit(iij, IS_QUARTER, '</sheetData>', '</sheetData><sheetProtection sheet="yes"/>'), 'sheetProtection sheet="yes" is no boolean'],
  ['a print scale Excel does not print at', () => edit(iij, IS_QUARTER, 'scale="100"', 'scale="5"'), 'scale="5" outside 10-400'],
  ['a data validation list without its source', () => edit(iij, IS_QUARTER, '<printOptions', '<dataValidations count="1"><dataValidation type="list" sqref="C11"/></dataValidations><printOptions'), 'dataValidation C11 (list) without formula1'],
  ['a chart series on an unquoted sheet name', () => edit(iij, 'xl/charts/chart2.xml', /'Margins and Mix'!/g, 'Margins and Mix!'), "series Margins and Mix!$C$30:$C$35: refers to a sheet 'Mix' the workbook does not have"],
  ['chart series children out of order', () => edit(iij, 'xl/charts/chart1.xml', /(<c:cat>[\s\S]*?<\/c:cat>)(<c:val>[\s\S]*?<\/c:val>)/, '$2$1'), 'in <c:ser>: <cat> comes after <val>'],
  ['a chart cache that differs from its cells', () => edit(iij, 'xl/charts/chart1.xml', '<c:v>3643141</c:v>', '<c:v>3643142</c:v>'), 'the cache holds "3643142"'],
  ['a two-cell anchor that runs backwards', () => edit(iij, 'xl/drawings/drawing1.xml', /(<xdr:to><xdr:col>)\d+/, '$10'), 'a two-cell anchor ends before it starts'],
];

describe('the structural test notices each defect put back into a good package', () => {
  it('finds nothing in the good packages', () => {
    expect(checkPackage(zipped(iij), excelOrder())).toEqual([]);
    expect(checkPackage(zipped(awkward), excelOrder())).toEqual([]);
  });

  it.each(cases)('%s', (_what, broken, finding) => {
    const found = checkPackage(zipped(broken()), excelOrder());
    expect(found.find((f) => f.includes(finding)), found.join('\n')).toBeDefined();
  });
});

describe('the checker agrees with Excel about Excel’s own workbooks', () => {
  it('finds nothing wrong in any of the Excel-made workbooks but the one link to a sheet its file lacks', () => {
    const found = excelMadeFiles().flatMap((f) => checkPackage(readFileSync(join(EXCEL_MADE, f)), excelOrder()).map((x) => `${f}: ${x}`));
    expect(found).toEqual(["hyperlink27.xlsx: xl/worksheets/sheet1.xml: hyperlink A1: 'Some Sheet'!A1: refers to a sheet 'Some Sheet' the workbook does not have"]);
  });
});
