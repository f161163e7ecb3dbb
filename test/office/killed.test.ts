// finbook killed (SIGKILL: no handler of its own runs) while it keeps a LibreOffice: the
// script that drives LibreOffice sees its input end, ends the LibreOffice it started (not one
// on FINBOOK_OFFICE_PIPE) and removes the throw-away directory, so nothing is left behind.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { BIN, DEFAULT_MODEL, ROOT, tempDir } from '../helpers/cli.js';
import { describeWithOffice } from '../verify/office.js';

const until = async (what: () => boolean, ms: number): Promise<boolean> => {
  for (const end = Date.now() + ms; Date.now() < end; await new Promise((r) => setTimeout(r, 50))) if (what()) return true;
  return what();
};

describeWithOffice('finbook killed while it keeps a LibreOffice', () => {
  it('leaves no throw-away directory of LibreOffice behind', async () => {
    const tmp = tempDir('finbook-killed-');
    const out = join(tempDir(), 'iij.xlsx');
    const child = spawn(process.execPath, [BIN, 'export', DEFAULT_MODEL, '--out', out, '--pdf', '--quiet'], { cwd: ROOT, env: { ...process.env, TMPDIR: tmp }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // the kept LibreOffice's directory appears once the PDF is asked for: killed then
    const office = () => readdirSync(tmp).filter((n) => n.startsWith('finbook-office-'));
    expect(await until(() => office().length > 0 && existsSync(join(tmp, office()[0]!, 'out')), 120_000)).toBe(true);
    child.kill('SIGKILL');
    await exited;
    expect(await until(() => readdirSync(tmp).length === 0, 30_000), readdirSync(tmp).join(', ')).toBe(true);
  }, 180_000);
});
