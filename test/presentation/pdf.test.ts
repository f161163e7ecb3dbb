// `finbook export --pdf`: a PDF for readers who only look, printed by headless LibreOffice.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';
import { describeWithOffice } from '../verify/office.js';

const STATEMENT_SHEETS = 5;

describeWithOffice('finbook export --pdf', () => {
  it('writes a PDF beside the workbook with a page per statement sheet and the total revenues figure', async () => {
    const dir = tempDir();
    const out = join(dir, 'iij.xlsx');
    const r = await runCli(['export', DEFAULT_MODEL, '--out', out, '--pdf']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const pdf = join(dir, 'iij.pdf');
    expect(existsSync(pdf)).toBe(true);
    expect(r.stdout).toContain('iij.pdf');
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(STATEMENT_SHEETS);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    expect(text).toContain('13,036,439'); // total revenues, 4Q02
    expect(text).toContain('44,017,561'); // total revenues, fiscal 2002
    expect(text).toContain('Consolidated Statements of Operations');
    // the hidden map of the workbook (finbook diff and pull) is not printed
    expect(text).not.toContain('finbook map');
  });
});
