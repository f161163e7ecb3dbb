// End to end through the CLI: the default export, read back from disk.
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { DEFAULT_MODEL, runBin, runCli, tempDir } from '../helpers/cli.js';

describe('finbook export', () => {
  it('writes the default workbook where every derived cell is a formula with the computed cached value', async () => {
    const dir = tempDir();
    const out = join(dir, 'iij.xlsx');
    const r = await runCli(['export', DEFAULT_MODEL, '--out', out]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*iij\.xlsx \(\d+ sheets, (\d+)\/\1 checks OK\)$/);

    const loaded = loadAndCompute(DEFAULT_MODEL);
    if (!loaded.ok) throw new Error('default model invalid');
    const planned = plan(loaded.value);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    expect(wb.worksheets.map((w) => w.name)).toEqual(planned.sheets.map((s) => s.name));
    let formulas = 0;
    let inputs = 0;
    for (const sheet of planned.sheets) {
      const ws = wb.getWorksheet(sheet.name)!;
      for (const row of sheet.rows)
        for (const c of row.cells) {
          const cell = ws.getRow(row.row).getCell(c.col + 1);
          if (c.kind === 'formula') {
            formulas++;
            expect(cell.formula, `${sheet.name}!${cell.address}`).toBe(c.formula);
            expect(cell.result, `${sheet.name}!${cell.address}`).toBe(c.value);
          } else if (c.kind === 'input') {
            inputs++;
            expect(cell.value, `${sheet.name}!${cell.address}`).toBe(c.value);
          } else {
            // labels are always plain text, never formulas (a link inside the workbook is the
            // sheet's <hyperlink location=...>, which test/structure checks)
            expect(cell.value, `${sheet.name}!${cell.address}`).toBe(c.text);
          }
        }
    }
    expect(formulas).toBeGreaterThan(450);
    expect(inputs).toBeGreaterThan(250);
    // Excel recalculates on open; LibreOffice shows the cached values as written
    const workbookXml = strFromU8(unzipSync(readFileSync(out), { filter: (f) => f.name === 'xl/workbook.xml' })['xl/workbook.xml']!);
    expect(workbookXml).toContain('fullCalcOnLoad="1"');
  });

  it('npm start writes out/iij-fy2002.xlsx from a plain run of the built CLI', () => {
    const dir = tempDir();
    const r = runBin(['export'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = join(dir, 'out', 'iij-fy2002.xlsx');
    expect(existsSync(out)).toBe(true);
    expect(statSync(out).size).toBeGreaterThan(10_000);
  });

  it('prints help for every command and exits 2 on a usage mistake', async () => {
    for (const cmd of ['export', 'validate']) {
      const h = await runCli([cmd, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain(`finbook ${cmd}`);
    }
    const bad = await runCli(['export', '--no-such-flag']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('Unknown argument');
  });
});
