// `finbook verify` through real headless LibreOffice: the default workbook verifies clean,
// a tampered cached value is caught (so LibreOffice really recalculated), and LibreOffice
// runs with a throw-away profile that leaves nothing behind.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INSTALL_COMMAND, convertToPdf } from '../../src/office/index.js';
import { closeSharedOfficeServer } from '../../src/office/server.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { DEFAULT_MODEL, ROOT, runBin, runCli, tempDir } from '../helpers/cli.js';
import { describeWithOffice } from './office.js';

const SMALL = join(__dirname, 'fixtures/small/model.yaml');

describe('verify without LibreOffice or without a workbook', () => {
  const saved = process.env.FINBOOK_SOFFICE;
  afterEach(() => {
    if (saved === undefined) delete process.env.FINBOOK_SOFFICE;
    else process.env.FINBOOK_SOFFICE = saved;
  });

  it('exits 3 and prints the install command when soffice is missing', async () => {
    const dir = tempDir();
    const out = join(dir, 'small.xlsx');
    expect((await runCli(['export', SMALL, '--out', out, '--quiet'])).code).toBe(0);
    process.env.FINBOOK_SOFFICE = join(dir, 'no-such-soffice');
    const r = await runCli(['verify', out]);
    expect(r.code).toBe(3);
    expect(r.stderr).toContain(INSTALL_COMMAND);
  });

  it('reports an invalid --model with exit 2 before any LibreOffice problem', async () => {
    const dir = tempDir();
    const out = join(dir, 'small.xlsx');
    expect((await runCli(['export', SMALL, '--out', out, '--quiet'])).code).toBe(0);
    writeFileSync(join(dir, 'broken.yaml'), 'finbook_model: 1\ntemplate: nowhere.yaml\n');
    process.env.FINBOOK_SOFFICE = join(dir, 'no-such-soffice');
    const r = await runCli(['verify', out, '--model', join(dir, 'broken.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/broken\.yaml/);
    expect(r.stderr).not.toContain(INSTALL_COMMAND);
  });

  it('exits 2 for a file that is not a workbook, and for no file at all', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'notes.xlsx'), 'just text');
    const notZip = await runCli(['verify', join(dir, 'notes.xlsx')]);
    expect(notZip).toMatchObject({ code: 2 });
    expect(notZip.stderr).toMatch(/notes\.xlsx: not an \.xlsx workbook/);
    const missing = await runCli(['verify', join(dir, 'missing.xlsx')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*missing\.xlsx: no such file/);
  });
});

describeWithOffice('verify with LibreOffice', () => {
  let dir: string;
  let workbook: string;
  beforeAll(async () => {
    dir = tempDir();
    workbook = join(dir, 'iij.xlsx');
    const r = await runCli(['export', DEFAULT_MODEL, '--out', workbook, '--quiet']);
    expect(r.code, r.stderr).toBeLessThan(2);
  });

  it('finds zero differences in the default workbook, leaving HOME and the temp directory as they were', () => {
    // The built CLI as a child, with an empty HOME and TMPDIR: both must stay empty; it starts
    // a LibreOffice of its own (not the run's, test/setup/office-pool.ts)
    const home = tempDir('finbook-home-');
    const tmp = tempDir('finbook-tmp-');
    const r = runBin(['verify', workbook, '--model', DEFAULT_MODEL], { env: { HOME: home, TMPDIR: tmp, FINBOOK_OFFICE_PIPE: '' } });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    // the workbook as written (Base), then the selector switched to each other scenario
    expect(r.stdout).toMatch(/^verified \d{3,} formula cells on \d+ sheets recalculated by LibreOffice and compared with the model, and again with the scenario selector on Upside, Downside: 0 differences\n$/);
    expect(readdirSync(home)).toEqual([]);
    expect(readdirSync(tmp)).toEqual([]);
  });

  // with the run's LibreOffice (test/setup/office-pool.ts), whose settings do not recalculate
  // on load: finbook's own hard recalculation finds the changed value
  it('exits 1 and names the cell when one cached value was changed inside the zip', async () => {
    expect(process.env.CI ? process.env.FINBOOK_OFFICE_PIPE : 'pool').toBeTruthy();
    const files = unzipSync(readFileSync(workbook));
    const wb = readXlsx(readFileSync(workbook));
    const sheetIndex = wb.sheets.findIndex((s) => [...s.cells.values()].some((c) => c.formula !== null && typeof c.value === 'number' && c.value > 1000));
    const sheet = wb.sheets[sheetIndex]!;
    const victim = [...sheet.cells.values()].find((c) => c.formula !== null && typeof c.value === 'number' && c.value > 1000)!;
    const part = `xl/worksheets/sheet${sheetIndex + 1}.xml`;
    const xml = strFromU8(files[part]!);
    const tampered = xml.replace(new RegExp(`(<c r="${victim.ref}"[^>]*>[\\s\\S]*?<v>)[^<]*(</v>)`), `$1${Number(victim.value) + 1}$2`);
    expect(tampered).not.toBe(xml);
    files[part] = strToU8(tampered);
    const bad = join(dir, 'tampered.xlsx');
    writeFileSync(bad, zipSync(files));

    const r = await runCli(['verify', bad]);
    expect(r.code).toBe(1);
    const lines = r.stdout.split('\n');
    expect(lines[1]).toContain(`${sheet.name}  ${victim.ref}`);
    expect(lines[1]).toContain(`=${victim.formula}`);
    expect(lines[1]).toContain(String(Number(victim.value) + 1));
    expect(lines[lines.length - 1]).toMatch(/^verification failed: 1 difference \(1 cached\)/);
  });

  it('export --verify writes, verifies and exits 0', async () => {
    const out = join(dir, 'small.xlsx');
    const r = await runCli(['export', SMALL, '--out', out, '--verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^wrote .*small\.xlsx .*\nverified \d+ formula cells on 6 sheets .* 0 differences$/);
  });

  it('export --values FILE --verify compares with the model and the same values file', async () => {
    // Photronics without its values_file: its figures come from --values only
    const model = readFileSync(join(ROOT, 'data/photronics-fy2011.yaml'), 'utf8').replace(/^values_file: .*$/m, '').replace('template: ../templates/generic.yaml', `template: ${JSON.stringify(join(ROOT, 'templates/generic.yaml'))}`);
    writeFileSync(join(dir, 'plab.yaml'), model);
    const r = await runCli(['export', join(dir, 'plab.yaml'), '--values', join(ROOT, 'data/photronics-fy2011.csv'), '--out', join(dir, 'plab.xlsx'), '--verify']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/0 differences$/);
  });

  it('convertToPdf writes a PDF; the LibreOffice it keeps for the next PDF leaves nothing behind once closed', async () => {
    const tmp = tempDir('finbook-tmp-');
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    // the LibreOffice the verifications above kept lives in the run's TMPDIR: this one starts in tmp
    closeSharedOfficeServer();
    try {
      mkdirSync(join(dir, 'pdf'));
      const pdf = join(dir, 'pdf', 'small.pdf');
      await runCli(['export', SMALL, '--out', join(dir, 'pdf', 'small.xlsx'), '--quiet']);
      await convertToPdf(join(dir, 'pdf', 'small.xlsx'), pdf);
      expect(readFileSync(pdf).subarray(0, 5).toString('latin1')).toBe('%PDF-');
      // one throw-away dir while LibreOffice waits for the next file (its profile and temp files)
      expect(readdirSync(tmp)).toEqual([expect.stringMatching(/^finbook-office-/)]);
      closeSharedOfficeServer();
      expect(readdirSync(tmp)).toEqual([]);
      expect(readdirSync(join(dir, 'pdf')).sort()).toEqual(['small.pdf', 'small.xlsx']);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });
});
