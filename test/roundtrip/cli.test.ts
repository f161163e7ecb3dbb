// finbook diff and pull as commands: exit codes, messages, the summary of an unedited
// workbook, and what they do without LibreOffice. No edits by other programs here (see
// libreoffice.test.ts and openpyxl.test.ts).
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { MAP_FIRST_ROW } from '../../src/plan/map-format.js';
import { runCli, tempDir } from '../helpers/cli.js';
import { planModel, xlsxBytes } from '../verify/support.js';

const MODEL = join(__dirname, 'fixtures/small/model.yaml');

describe('finbook diff and pull as commands', () => {
  let dir: string;
  let written: string;
  const saved = process.env.FINBOOK_SOFFICE;
  beforeAll(async () => {
    dir = tempDir('finbook-diff-cli-');
    written = join(dir, 'small.xlsx');
    expect((await runCli(['export', MODEL, '--out', written, '--quiet'])).code).toBe(0);
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.FINBOOK_SOFFICE;
    else process.env.FINBOOK_SOFFICE = saved;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reports no change in the workbook as written (exit 0), from the cached values with --no-recalc', async () => {
    const r = await runCli(['diff', written, '--no-recalc']);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([`${r.stdout.split(':')[0]}: no changes since finbook wrote it (${r.stdout.match(/\((\d+) input/)![1]} input and formula cells compared)`, 'checks by the values cached in the file (not recalculated): all 1 OK']);
    expect(r.code).toBe(0);
    const model = await runCli(['diff', written, '--model', MODEL, '--no-recalc']);
    expect(model.stdout).toMatch(/: no changes compared with the model \(\d+ input and formula cells compared\)/);
    expect(model.code).toBe(0);
  });

  it('exits 3 without LibreOffice (recalculation is the default), naming the install command and --no-recalc', async () => {
    process.env.FINBOOK_SOFFICE = join(dir, 'no-such-soffice');
    const r = await runCli(['diff', written]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/LibreOffice \(soffice\) is not installed .*apt-get install .*--no-recalc/);
    expect((await runCli(['diff', written, '--no-recalc'])).code).toBe(0);
  });

  it('exits 2 for a file that is not a workbook, a missing file and a directory', async () => {
    writeFileSync(join(dir, 'notes.xlsx'), 'just text');
    mkdirSync(join(dir, 'folder.xlsx'));
    const cases: [string, RegExp][] = [
      ['notes.xlsx', /notes\.xlsx: not an \.xlsx workbook/],
      ['missing.xlsx', /cannot read .*missing\.xlsx: no such file/],
      ['folder.xlsx', /cannot read .*folder\.xlsx: it is a directory/],
    ];
    for (const [name, message] of cases) {
      for (const argv of [['diff', join(dir, name), '--no-recalc'], ['pull', join(dir, name), '--model', MODEL]]) {
        const r = await runCli(argv);
        expect(r.code, `${argv.join(' ')}`).toBe(2);
        expect(r.stderr).toMatch(message);
      }
    }
  });

  it('exits 2 for a workbook without a map when no model is given, and for a map it cannot read', async () => {
    const plan = planModel(MODEL);
    const bare = join(dir, 'bare.xlsx');
    writeFileSync(bare, await xlsxBytes({ ...plan, sheets: plan.sheets.filter((s) => s.kind !== 'map') }));
    const r = await runCli(['diff', bare, '--no-recalc']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bare\.xlsx: the workbook carries no map of its cells/);

    const damaged = structuredClone(plan);
    const mapSheet = damaged.sheets.find((s) => s.kind === 'map')!;
    const json = mapSheet.rows.find((row) => row.row === MAP_FIRST_ROW)!.cells.find((c) => c.kind === 'text')!;
    if (json.kind === 'text') json.text = `{\`finbook_map\`:2${json.text.slice('{`finbook_map`:1'.length)}`;
    const broken = join(dir, 'broken.xlsx');
    writeFileSync(broken, await xlsxBytes(damaged));
    const d = await runCli(['diff', broken, '--no-recalc']);
    expect(d.code).toBe(2);
    expect(d.stderr).toMatch(/broken\.xlsx: the sheet 'finbook map' does not hold a map this finbook can read/);
  });

  it('exits 2 for an invalid model, with its file and line', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, 'finbook_model: 1\ntemplate: nowhere.yaml\n');
    for (const argv of [['diff', written, '--model', bad, '--no-recalc'], ['pull', written, '--model', bad]]) {
      const r = await runCli(argv);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/bad\.yaml:\d+:\d+ /);
    }
  });

  it('reads a range Excel filled (a shared formula) as the formulas it stands for', async () => {
    // Results!B9:D9 is total revenues (B7+B8 ...): written again as Excel writes a filled range
    const share = async (master: string): Promise<number> => {
      const parts = unzipSync(readFileSync(written));
      const xml = strFromU8(parts['xl/worksheets/sheet3.xml']!);
      expect(xml).toContain('<c r="B9" s="16"><f>B7+B8</f>');
      parts['xl/worksheets/sheet3.xml'] = strToU8(
        xml
          .replace(/(<c r="B9"[^>]*>)<f>B7\+B8<\/f>/, `$1<f t="shared" ref="B9:D9" si="0">${master}</f>`)
          .replace(/(<c r="C9"[^>]*>)<f>C7\+C8<\/f>/, '$1<f t="shared" si="0"/>')
          .replace(/(<c r="D9"[^>]*>)<f>D7\+D8<\/f>/, '$1<f t="shared" si="0"/>'),
      );
      const file = join(dir, 'shared.xlsx');
      writeFileSync(file, zipSync(parts));
      const r = await runCli(['diff', file, '--no-recalc', '--json']);
      return (JSON.parse(r.stdout) as { changes: { kind: string }[] }).changes.filter((c) => c.kind === 'formula_changed').length;
    };
    expect(await share('B7+B8')).toBe(0);
    // the same group with another first formula: all three cells changed
    expect(await share('B7-B8')).toBe(3);
  });

  it('pull needs --model', async () => {
    const r = await runCli(['pull', written]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/Missing required argument: model/);
  });

  it('pull of an unedited workbook has nothing to carry and leaves nothing behind (exit 0)', async () => {
    const r = await runCli(['pull', written, '--model', MODEL, '--write']);
    expect(r.stdout).toMatch(/small\.xlsx: no input values to carry into .*model\.yaml; nothing left behind$/);
    expect(r.code).toBe(0);
  });
});
