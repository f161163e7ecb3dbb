// The workbook looks like a careful analyst built it: colours by role, number formats,
// frozen headers, print setup, defined names, document properties, optional protection.
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir();
const out = join(dir, 'iij.xlsx');
const protectedOut = join(dir, 'iij-protected.xlsx');
const wb = new ExcelJS.Workbook();
let parts: Record<string, string> = {};

beforeAll(async () => {
  expect((await runCli(['export', DEFAULT_MODEL, '--out', out, '--quiet'])).code).toBeLessThanOrEqual(1);
  expect((await runCli(['export', DEFAULT_MODEL, '--out', protectedOut, '--quiet', '--protect'])).code).toBeLessThanOrEqual(1);
  await wb.xlsx.readFile(out);
  const files = unzipSync(readFileSync(out));
  parts = Object.fromEntries(Object.entries(files).filter(([k]) => k.endsWith('.xml')).map(([k, v]) => [k, strFromU8(v)]));
});

const colour = (cell: ExcelJS.Cell): string | undefined => cell.font?.color?.argb;

describe('the default workbook looks like an analyst model', () => {
  it('starts with a cover sheet and an inputs sheet', () => {
    expect(wb.worksheets[0]!.name).toBe('Cover');
    expect(wb.worksheets[1]!.name).toBe('Inputs');
  });

  it('colours inputs blue, formulas black and links to other sheets green', () => {
    const is = wb.getWorksheet('IS Quarter')!;
    const input = is.getCell('C11'); // dedicated access services, 4Q02 JPY
    expect(input.type).toBe(ExcelJS.ValueType.Number);
    expect(colour(input)).toBe('FF0000FF');
    const total = is.getCell('C15'); // total connectivity and value-added services
    expect(total.type).toBe(ExcelJS.ValueType.Formula);
    expect(colour(total)).toBe('FF000000');
    const cover = wb.getWorksheet('Cover')!;
    const links: ExcelJS.Cell[] = [];
    cover.eachRow((row) => row.eachCell((c) => {
      if (c.type === ExcelJS.ValueType.Formula && /!/.test(c.formula)) links.push(c);
    }));
    for (const l of links) expect(colour(l)).toBe('FF008000');
  });

  it('formats amounts with brackets for negatives and zero as a dash, percentages to one decimal', () => {
    const is = wb.getWorksheet('IS Quarter')!;
    expect(is.getCell('C11').numFmt).toBe('#,##0_);(#,##0);"-"_)');
    expect(is.getCell('D11').numFmt).toBe('#,##0.0%_);(#,##0.0%);"-"_)'); // thousands grouped: (3,214.0%)
  });

  it('makes totals bold with a top border and the net loss double-underlined', () => {
    const is = wb.getWorksheet('IS Quarter')!;
    let netRow = 0;
    is.eachRow((row, n) => {
      if (row.getCell(1).value === 'Net loss') netRow = n;
    });
    const net = is.getRow(netRow).getCell(3);
    expect(net.font?.bold).toBe(true);
    expect(net.border?.bottom?.style).toBe('double');
    expect(is.getCell('C18').font?.bold).toBe(true); // total revenues
    expect(is.getCell('C18').border?.top?.style).toBe('thin');
  });

  it('freezes the label column and the header rows on every statement', () => {
    for (const name of ['IS Quarter', 'IS Annual', 'Balance Sheet', 'Cash Flow Quarter', 'Cash Flow Annual']) {
      const view = wb.getWorksheet(name)!.views[0] as ExcelJS.WorksheetViewFrozen;
      expect(view.state, name).toBe('frozen');
      expect(view.xSplit, name).toBe(1);
      expect(view.ySplit, name).toBeGreaterThanOrEqual(7);
    }
  });

  it('prints every visible sheet one page wide, centred, with repeated headers, a print area, header and footer; each statement on one page', () => {
    const visible = wb.worksheets.filter((ws) => ws.state === 'visible');
    expect(visible.length).toBeLessThan(wb.worksheets.length); // the hidden map sheet is left out below
    for (const ws of wb.worksheets.filter((w) => w.state !== 'visible')) {
      expect(parts['xl/workbook.xml'], ws.name).not.toContain(`_xlnm.Print_Area" localSheetId="${ws.id - 1}"`);
    }
    for (const ws of visible) {
      const sheetXml = parts[`xl/worksheets/sheet${ws.id}.xml`]!;
      expect(sheetXml, ws.name).toMatch(/<pageSetup[^>]*fitToWidth="1"/);
      expect(sheetXml, ws.name).toMatch(/<pageSetup[^>]*fitToHeight="[01]"/);
      expect(sheetXml, ws.name).toContain('<printOptions horizontalCentered="1"/>');
      expect(sheetXml, ws.name).toContain('<oddFooter>');
      expect(parts['xl/workbook.xml'], ws.name).toMatch(new RegExp(`_xlnm.Print_Area" localSheetId="${ws.id - 1}">[^<]*!\\$A\\$1:\\$[A-Z]+\\$\\d+<`));
    }
    for (const name of ['IS Quarter', 'IS Annual', 'Balance Sheet', 'Cash Flow Quarter', 'Cash Flow Annual']) {
      const sheetXml = parts[`xl/worksheets/sheet${wb.getWorksheet(name)!.id}.xml`]!;
      expect(sheetXml, name).toMatch(/<pageSetup[^>]*fitToHeight="1"/);
    }
    expect(parts['xl/workbook.xml']).toMatch(/_xlnm.Print_Titles" localSheetId="2">&apos;IS Quarter&apos;!\$1:\$\d+/);
  });

  it('names the global inputs and uses the names in formulas', () => {
    expect(parts['xl/workbook.xml']).toContain('<definedName name="fx_jpy_per_usd">Inputs!$B$');
    const is = wb.getWorksheet('IS Quarter')!;
    expect(is.getCell('B11').formula).toBe('C11/fx_jpy_per_usd');
  });

  it('names each statement\'s key totals, one name per period', () => {
    const xml = parts['xl/workbook.xml']!;
    expect(xml).toContain('<definedName name="is_q_total_revenues_4Q02">&apos;IS Quarter&apos;!$C$18</definedName>');
    for (const name of ['is_y_net_loss_FY2002', 'bs_total_assets_Mar03', 'cf_q_cash_end_4Q02', 'cf_y_net_cash_operating_FY2001'])
      expect(xml).toContain(`<definedName name="${name}">`);
  });

  it('carries reproducible document properties', () => {
    expect(wb.title).toContain('Internet Initiative Japan');
    expect(wb.company).toBe('Internet Initiative Japan Inc.');
    expect(wb.keywords).toContain('IIJI');
    expect(wb.created?.toISOString()).toBe('2003-05-20T00:00:00.000Z');
    expect(parts['docProps/app.xml']).toContain('<Company>Internet Initiative Japan Inc.</Company>');
  });

  it('--protect locks formulas and leaves inputs editable, without a password', async () => {
    const p = new ExcelJS.Workbook();
    await p.xlsx.readFile(protectedOut);
    const is = p.getWorksheet('IS Quarter')!;
    expect(is.getCell('C11').protection?.locked).toBe(false);
    expect(is.getCell('C15').protection?.locked).not.toBe(false);
    const xml = strFromU8(unzipSync(readFileSync(protectedOut))[`xl/worksheets/sheet${is.id}.xml`]!);
    expect(xml).toMatch(/<sheetProtection[^>]*sheet="1"/);
    expect(xml).not.toMatch(/<sheetProtection[^>]*(password|hashValue)=/);
  });
});
