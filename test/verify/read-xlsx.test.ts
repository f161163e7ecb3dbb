// The reader behind `verify`: formula text and values of every cell, from finbook's own
// files and from hand-written parts in the shapes other writers (LibreOffice, Excel) use.
import { strToU8, zipSync } from 'fflate';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/verify/read-xlsx.js';
import { WorkbookReadError, parseA1, readXlsx } from '../../src/verify/read-xlsx.js';
import { planModel, xlsxBytes } from './support.js';

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';

function handMade(sheetData: string, extra: Record<string, string> = {}): Uint8Array {
  const files: Record<string, string> = {
    '_rels/.rels': `<Relationships><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>`,
    'xl/workbook.xml': `<workbook ${NS}><sheets><sheet name="Bob&apos;s &amp; Co" sheetId="1" r:id="rId7"/></sheets><definedNames><definedName name="fx">&apos;Bob&apos;&apos;s &amp; Co&apos;!$B$1</definedName><definedName name="_xlnm.Print_Area" localSheetId="0">A1:B2</definedName></definedNames></workbook>`,
    'xl/_rels/workbook.xml.rels': `<Relationships><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/s1.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/></Relationships>`,
    'xl/strings.xml': `<sst ${NS}><si><t>plain</t></si><si><r><t xml:space="preserve">rich </t></r><r><rPr><b/></rPr><t>text</t></r><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></si><si/><si><t>a_x000D_b &lt;&gt;</t></si></sst>`,
    'xl/worksheets/s1.xml': `<worksheet ${NS}><sheetData>${sheetData}</sheetData></worksheet>`,
    ...extra,
  };
  return zipSync(Object.fromEntries(Object.entries(files).map(([k, v]) => [k, strToU8(v)])));
}

describe('reading cells', () => {
  const wb = readXlsx(
    handMade(
      '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1"><v>118.07</v></c><c r="C1" t="s"><v>1</v></c><c r="D1" t="s"><v>2</v></c><c r="E1" t="s"><v>3</v></c></row>' +
        '<row r="2"><c r="A2" t="str"><f>IF(B1&lt;=0,&quot;FAIL&quot;,&quot;OK&quot;)</f><v>OK</v></c><c r="B2" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="C2" t="b"><f>B1&gt;0</f><v>1</v></c>' +
        '<c r="D2"><f t="shared" ref="D2:E2" si="0">B1*2</f><v>236.14</v></c><c r="E2"><f t="shared" si="0"/><v>0</v></c></row>' +
        '<row r="4"><c><v>-1.5E-3</v></c><c t="inlineStr"><is><t>inline &amp; more</t></is></c><c r="AA4"><f>SUM(B1:B2)</f></c><c r="AB4" s="3"/></row>',
    ),
  );
  const cells = wb.sheets[0]!.cells;
  const at = (ref: string): { formula: string | null; value: CellValue } => {
    const c = cells.get(ref);
    return { formula: c?.formula ?? null, value: c?.value ?? null };
  };

  it.each<[string, string | null, CellValue]>([
    ['A1', null, 'plain'],
    ['B1', null, 118.07],
    ['C1', null, 'rich text'],
    ['D1', null, ''],
    ['E1', null, 'a\rb <>'],
    ['A2', 'IF(B1<=0,"FAIL","OK")', 'OK'],
    ['B2', '1/0', { error: '#DIV/0!' }],
    ['C2', 'B1>0', true],
    ['D2', 'B1*2', 236.14],
    ['E2', '(shared formula 0)', 0],
    ['A4', null, -0.0015],
    ['B4', null, 'inline & more'],
    ['AA4', 'SUM(B1:B2)', null],
    ['AB4', null, null],
  ])('%s holds formula %j and value %j', (ref, formula, value) => {
    expect(at(ref)).toEqual({ formula, value });
  });

  it('names sheets and defined names with XML entities decoded, local names marked', () => {
    expect(wb.sheets.map((s) => s.name)).toEqual(["Bob's & Co"]);
    expect(wb.definedNames).toEqual([
      { name: 'fx', ref: "'Bob''s & Co'!$B$1" },
      { name: '_xlnm.Print_Area', ref: 'A1:B2', localSheetId: 0 },
    ]);
  });
});

describe('reading a workbook finbook wrote', () => {
  it('finds every planned formula with its exact text and cached value', async () => {
    const planned = planModel(join(__dirname, 'fixtures/small/model.yaml'));
    const wb = readXlsx(await xlsxBytes(planned));
    expect(wb.sheets.map((s) => s.name)).toEqual(planned.sheets.map((s) => s.name));
    for (const sheet of planned.sheets) {
      const read = wb.sheets.find((s) => s.name === sheet.name)!;
      for (const row of sheet.rows)
        for (const c of row.cells) {
          const got = [...read.cells.values()].find((x) => x.row === row.row && x.col === c.col);
          if (c.kind === 'formula') expect(got).toMatchObject({ formula: c.formula, value: c.value });
          else if (c.kind === 'input') expect(got).toMatchObject({ formula: null, value: c.value });
          else expect(got).toMatchObject({ formula: null, value: c.text });
        }
    }
  });
});

describe('files that are not workbooks', () => {
  it.each<[string, Uint8Array, RegExp]>([
    ['plain text', strToU8('not a zip at all'), /not a zip archive/],
    ['a zip without a workbook', zipSync({ 'hello.txt': strToU8('hi') }), /no xl\/workbook\.xml inside/],
    ['a damaged archive whose parts read as zeros', handMade('', { 'xl/workbook.xml': '\u0000'.repeat(64) }), /the file is damaged: xl\/workbook\.xml inside it cannot be read/],
    ['a workbook naming a missing sheet part', handMade('', { 'xl/_rels/workbook.xml.rels': '<Relationships/>' }), /sheet 'Bob's & Co' has no worksheet part/],
  ])('%s is reported as a WorkbookReadError', (_name, bytes, message) => {
    expect(() => readXlsx(bytes)).toThrow(WorkbookReadError);
    expect(() => readXlsx(bytes)).toThrow(message);
  });
});

describe('A1 addresses', () => {
  it.each<[string, { col: number; row: number } | null]>([
    ['A1', { col: 0, row: 1 }],
    ['$B$7', { col: 1, row: 7 }],
    ['Z9', { col: 25, row: 9 }],
    ['AA10', { col: 26, row: 10 }],
    ['XFD1048576', { col: 16383, row: 1048576 }],
    ['A', null],
    ['1A', null],
  ])('%s -> %j', (ref, pos) => {
    expect(parseA1(ref)).toEqual(pos);
  });
});
