// Text that looks like a formula (= + - @) is written as text, never as a formula: proved by
// reading the written file back, both through exceljs and in the raw sheet XML. Numbers
// Excel would silently round get a warning naming the cell and the model value.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/cli.js';

const BASE = join(__dirname, 'base');
const HYPERLINK = '=HYPERLINK("http://example.invalid","x")';

/** The base model and template with some text replaced, in a fresh directory. */
function variant(modelEdits: [string, string][], templateEdits: [string, string][]): string {
  const dir = tempDir('finbook-hostile-');
  let model = readFileSync(join(BASE, 'model.yaml'), 'utf8');
  let template = readFileSync(join(BASE, 'template.yaml'), 'utf8');
  for (const [a, b] of modelEdits) {
    expect(model).toContain(a);
    model = model.replace(a, b);
  }
  for (const [a, b] of templateEdits) {
    expect(template).toContain(a);
    template = template.replace(a, b);
  }
  writeFileSync(join(dir, 'model.yaml'), model);
  writeFileSync(join(dir, 'template.yaml'), template);
  return dir;
}

describe('labels and metadata that start with = + - @', () => {
  const hostile = [HYPERLINK, '+1+1', '-2-2', '@SUM(1,2)'];

  it('come out of the written workbook as text, not formulas', async () => {
    const dir = variant(
      [['  name: Acme Corp', `  name: '=1+2 Corp'`]],
      [
        ['label: "Revenue", indent: 1', `label: '${HYPERLINK}', indent: 1`],
        ['label: "Costs", indent: 1', `label: "+1+1", indent: 1`],
        ['title: Statement of income', `title: "-2-2"`],
        ['label: "Cash" }', `label: "@SUM(1,2)" }`],
      ],
    );
    const out = join(dir, 'book.xlsx');
    const r = await runCli(['export', join(dir, 'model.yaml'), '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const found = new Map<string, ExcelJS.ValueType>();
    wb.eachSheet((ws) =>
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (typeof cell.value === 'string' && [...hostile, '=1+2 Corp'].includes(cell.value)) found.set(cell.value, cell.type);
        }),
      ),
    );
    for (const text of [...hostile, '=1+2 Corp']) expect(found.get(text), text).toBe(ExcelJS.ValueType.String);

    // and in the file itself: no formula element mentions HYPERLINK; the text is a shared string
    const zip = unzipSync(readFileSync(out));
    const sheets = Object.keys(zip).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    for (const name of sheets) expect(strFromU8(zip[name]!)).not.toMatch(/<f>[^<]*HYPERLINK/);
    expect(strFromU8(zip['xl/sharedStrings.xml']!)).toContain('=HYPERLINK(&quot;http://example.invalid&quot;,&quot;x&quot;)');
  });
});

describe('a model value Excel cannot hold exactly', () => {
  it('is written with a warning naming the cell and the model value', async () => {
    const dir = variant([['revenue: { FY02: 1200,', 'revenue: { FY02: 12345678901234567,']], []);
    const out = join(dir, 'book.xlsx');
    const r = await runCli(['export', join(dir, 'model.yaml'), '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const where = join(dir, 'model.yaml');
    expect(r.stderr).toMatch(
      new RegExp(
        `^warning: ${where.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+ values\\.is\\.revenue\\.FY02: 'Income Statement'!B\\d+ \\(is\\.revenue, FY02\\): 12345678901234568 needs 17 significant digits; Excel keeps 15 and will show 12345678901234600$`,
        'm',
      ),
    );
    const json = await runCli(['export', join(dir, 'model.yaml'), '--out', out, '--json']);
    const parsed = JSON.parse(json.stdout) as { ok: boolean; issues: { severity: string; code: string }[] };
    expect(parsed.ok).toBe(true);
    expect(parsed.issues).toEqual([expect.objectContaining({ severity: 'warning', code: 'precision' })]);
  });
});

// A workbook too large to build in memory streams to its file, its cells checked against
// Excel's limits as they are written (FINBOOK_MEMORY_CELLS=0 streams every workbook).
describe('a streamed workbook', () => {
  async function streamed<T>(run: () => Promise<T>): Promise<T> {
    const before = process.env.FINBOOK_MEMORY_CELLS;
    process.env.FINBOOK_MEMORY_CELLS = '0';
    try {
      return await run();
    } finally {
      if (before === undefined) delete process.env.FINBOOK_MEMORY_CELLS;
      else process.env.FINBOOK_MEMORY_CELLS = before;
    }
  }

  it('warns of a model value Excel cannot hold exactly once written, as in memory', async () => {
    const dir = variant([['revenue: { FY02: 1200,', 'revenue: { FY02: 12345678901234567,']], []);
    const out = join(dir, 'book.xlsx');
    const inMemory = await runCli(['export', join(dir, 'model.yaml'), '--out', out, '--json']);
    const r = await streamed(() => runCli(['export', join(dir, 'model.yaml'), '--out', out]));
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/^warning: .*values\.is\.revenue\.FY02: 'Income Statement'!B\d+ \(is\.revenue, FY02\): 12345678901234568 needs 17 significant digits/m);
    const json = await streamed(() => runCli(['export', join(dir, 'model.yaml'), '--out', out, '--json']));
    expect(JSON.parse(json.stdout)).toEqual(JSON.parse(inMemory.stdout));
  });

  it('with a formula longer than Excel allows exits 2 with the located problem, and leaves no file', async () => {
    // (in groups: the parser allows up to 1,000 operators in a row)
    const group = `(${Array.from({ length: 100 }, () => '0 * round(revenue, 0)').join(' + ')})`;
    const long = `revenue - costs + ${Array.from({ length: 10 }, () => group).join(' + ')}`;
    const dir = variant([], [['formula: "revenue - costs"', `formula: "${long}"`]]);
    const out = join(dir, 'book.xlsx');
    const inMemory = await runCli(['export', join(dir, 'model.yaml'), '--out', out]);
    expect(inMemory.code).toBe(2);
    const r = await streamed(() => runCli(['export', join(dir, 'model.yaml'), '--out', out]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/formula is [\d,]+ characters; Excel allows at most 8,192/);
    expect(r.stderr).toBe(inMemory.stderr);
    expect(readdirSync(dir).sort()).toEqual(['model.yaml', 'template.yaml']);
  });
});
