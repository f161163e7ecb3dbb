// Large sheets write their rows straight to XML (src/write/xlsx-rows.ts) instead of through
// exceljs' Row objects. The two paths must give the same workbook, byte for byte.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { PlannedWorkbook } from '../../src/plan/cells.js';
import { rowXml } from '../../src/write/row-xml.js';
import type { WriteOptions } from '../../src/write/xlsx.js';
import { writeXlsx } from '../../src/write/xlsx.js';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import { planModel } from '../verify/support.js';
import { writtenBytes } from '../helpers/bytes.js';

function bytes(workbook: PlannedWorkbook, options: WriteOptions): Promise<Buffer> {
  return writtenBytes(writeXlsx, workbook, options);
}

const dir = tempDir('finbook-direct-rows-');

describe('rows written directly are the rows exceljs writes', () => {
  it.each([
    ['the default model', DEFAULT_MODEL, false],
    ['the default model, protected', DEFAULT_MODEL, true],
  ])('%s', async (_name, model, protect) => {
    const planned = planModel(model);
    expect((await bytes(planned, { protect, directRows: true })).equals(await bytes(planned, { protect, directRows: false }))).toBe(true);
  });

  it('a generated model with outlines, links and percent lines', async () => {
    const model = join(dir, 'g.json');
    expect((await runCli(['generate', '--lines', '30', '--periods', '14', '--out', model])).code).toBe(0);
    const planned = planModel(model);
    for (const protect of [false, true]) expect((await bytes(planned, { protect, directRows: true })).equals(await bytes(planned, { protect, directRows: false }))).toBe(true);
  });
});

describe('row XML', () => {
  it('writes numbers, shared strings and formulas with number or text results', () => {
    expect(
      rowXml({
        row: 7,
        outline: 2,
        collapsed: false,
        cells: [
          { col: 0, style: 3, kind: 'shared', index: 12 },
          { col: 1, style: 0, kind: 'number', value: -1234.5 },
          { col: 2, style: 4, kind: 'formula', formula: 'IF(C6=0,0,C5/C6)', value: 0.25 },
          { col: 27, style: 5, kind: 'formula', formula: 'IF(A1<=1,"OK","FAIL")', value: 'OK' },
        ],
      }),
    ).toBe(
      '<row r="7" spans="1:28" x14ac:dyDescent="0.25" outlineLevel="2">' +
        '<c r="A7" s="3" t="s"><v>12</v></c><c r="B7"><v>-1234.5</v></c>' +
        '<c r="C7" s="4"><f>IF(C6=0,0,C5/C6)</f><v>0.25</v></c>' +
        '<c r="AB7" s="5" t="str"><f>IF(A1&lt;=1,&quot;OK&quot;,&quot;FAIL&quot;)</f><v>OK</v></c></row>',
    );
  });

  it('writes a row with only a height, and leaves out a row with neither cells nor height', () => {
    expect(rowXml({ row: 3, height: 28, collapsed: false, cells: [] })).toBe('<row r="3" ht="28" customHeight="1" x14ac:dyDescent="0.25"/>');
    expect(rowXml({ row: 3, collapsed: false, cells: [] })).toBe('');
  });
});
