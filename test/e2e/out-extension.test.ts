// `--out report.xls` used to write an .xlsx workbook under an .xls name (Excel then warns
// that the format and the extension do not match): finbook refuses any name that does not
// end in .xlsx, says which name would work, exits 2 and writes nothing.
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { workbookPathProblem } from '../../src/services/workbook-path.js';
import { DEFAULT_MODEL, runBin, runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('finbook-out-extension-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the workbook name must end in .xlsx', () => {
  it.each([
    ['report.xlsx', undefined],
    ['REPORT.XLSX', undefined],
    ['out/q4.2002.xlsx', undefined],
    ['report.xls', '--out report.xls: finbook writes .xlsx workbooks and an .xls name makes Excel warn that the file is not what its name says; use report.xlsx'],
    ['report.xlsm', '--out report.xlsm: finbook writes .xlsx workbooks and .xlsm is not the extension of an .xlsx workbook; use report.xlsx'],
    ['dir/report', '--out report: finbook writes .xlsx workbooks and the name has no extension; use report.xlsx'],
  ])('%s', (path, problem) => expect(workbookPathProblem(path)).toBe(problem));

  it('export --out report.xls exits 2 with the message and writes nothing (also through the built CLI)', async () => {
    const out = join(dir, 'report.xls');
    const r = await runCli(['export', DEFAULT_MODEL, '--out', out]);
    expect(r).toEqual({ code: 2, stdout: '', stderr: expect.stringContaining('--out report.xls: finbook writes .xlsx workbooks') as unknown as string });
    const bin = runBin(['export', DEFAULT_MODEL, '--out', out, '--mail-to', 'a@example.com']);
    expect(bin.code).toBe(2);
    expect(bin.stderr).toContain('use report.xlsx');
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('--json reports it as an issue', async () => {
    const r = await runCli(['export', DEFAULT_MODEL, '--out', join(dir, 'report.xls'), '--json']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: false, issues: [{ severity: 'error', code: 'out_extension' }] });
    expect(readdirSync(dir)).toEqual([]);
  });
});
