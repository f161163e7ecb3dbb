// FINBOOK_OFFICE_PIPE names a LibreOffice someone else runs: a name that cannot be a pipe is
// refused with a message naming the variable (exit 3, nothing converted); the conversions of
// the whole test run go through such a LibreOffice (test/setup/office-pool.ts), which
// test/verify/libreoffice.test.ts shows catching a changed cached value.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { outsideOfficePipe } from '../../src/office/server.js';
import { DEFAULT_MODEL, runBin, tempDir } from '../helpers/cli.js';
import { describeWithOffice } from '../verify/office.js';

it.each([
  ['', null],
  ['finbook-1', 'finbook-1'],
  ['a.b_c', 'a.b_c'],
])('reads FINBOOK_OFFICE_PIPE=%j as %j', (value, expected) => {
  expect(outsideOfficePipe({ FINBOOK_OFFICE_PIPE: value })).toBe(expected);
});

it.each(['a/b', '../x', 'pipe name', 'x;urp', 'x'.repeat(101)])('refuses FINBOOK_OFFICE_PIPE=%j with a message naming it', (value) => {
  expect(() => outsideOfficePipe({ FINBOOK_OFFICE_PIPE: value })).toThrow(/^FINBOOK_OFFICE_PIPE must be a pipe name/);
});

describeWithOffice('an export whose FINBOOK_OFFICE_PIPE is not a pipe name', () => {
  it('writes the workbook, no PDF, and exits 3 naming the variable, leaving nothing in the temporary directory', () => {
    const out = join(tempDir(), 'iij.xlsx');
    const tmp = tempDir('finbook-tmp-');
    const r = runBin(['export', DEFAULT_MODEL, '--out', out, '--pdf', '--quiet'], { env: { FINBOOK_OFFICE_PIPE: 'bad/name', TMPDIR: tmp } });
    expect(readdirSync(tmp)).toEqual([]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain('FINBOOK_OFFICE_PIPE must be a pipe name');
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(out)).toBe(true);
    expect(existsSync(out.replace(/\.xlsx$/, '.pdf'))).toBe(false);
  });
});
