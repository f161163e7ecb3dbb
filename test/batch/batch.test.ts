// `finbook batch`: many models in one process on worker threads, through the built CLI
// (the workers load dist/batch-worker.cjs, which `npm test` builds first).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchWorkerFile } from '../../src/cli/batch.js';
import { TEMP_MARK } from '../../src/write/atomic.js';
import { ROOT, runBin, runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('finbook-batch-');
const model = (name: string): string => join(dir, name);

beforeAll(async () => {
  if (!existsSync(batchWorkerFile())) throw new Error(`${batchWorkerFile()} is missing: run \`npm run build\` (npm test does) before these tests`);
  for (const [name, seed] of [
    ['north.yaml', 1],
    ['south.yaml', 2],
    ['east.json', 3],
  ] as const)
    expect((await runCli(['generate', '--lines', '12', '--periods', '5', '--seed', String(seed), '--out', model(name)])).code).toBe(0);
  // a model whose check fails: the template compares the total with one region only
  expect((await runCli(['generate', '--lines', '12', '--periods', '5', '--seed', '4', '--out', model('west.yaml')])).code).toBe(0);
  const t = model('west.template.yaml');
  writeFileSync(t, readFileSync(t, 'utf8').replace(/right: [^}]*?, tolerance/, 'right: s1.sub1_1, tolerance'));
  writeFileSync(model('broken.yaml'), readFileSync(model('north.yaml'), 'utf8').replace('scale: thousands', 'scale: dozens'));
});

describe('finbook batch', () => {
  it('exports every good model, reports the others, and exits 2 when a model is invalid', () => {
    const out = join(dir, 'out-mixed');
    const r = runBin(['batch', model('north.yaml'), model('broken.yaml'), model('south.yaml'), model('missing.yaml'), model('east.json'), '--out', out, '--jobs', '2']);
    expect(r.code).toBe(2);
    const lines = r.stdout.trim().split('\n');
    expect(lines.at(-1)).toMatch(/^exported 3 of 5, failed 2, checks failed 0; \d+\.\d s with 2 workers/);
    expect(r.stdout).toMatch(/\[\s*\d\/5\] ok\s+.*north\.yaml -> .*out-mixed\/north\.xlsx \(\d+ ms\)/);
    expect(r.stdout).toMatch(/\[\s*\d\/5\] invalid\s+.*broken\.yaml \(\d+ ms\)\n\s+.*broken\.yaml:\d+:\d+ entity\.scale: expected one of/);
    expect(r.stdout).toMatch(/invalid\s+.*missing\.yaml .*\n\s+.*cannot read the model: no such file/);
    for (const name of ['north', 'south', 'east']) expect(existsSync(join(out, `${name}.xlsx`))).toBe(true);
    expect(existsSync(join(out, 'broken.xlsx'))).toBe(false);
  });

  it('counts models whose checks fail, writes them, and exits 1', () => {
    const out = join(dir, 'out-checks');
    const r = runBin(['batch', model('north.yaml'), model('west.yaml'), '--out', out, '--quiet']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/\] ok /);
    expect(r.stdout).toMatch(/checks failed\s+.*west\.yaml -> .*west\.xlsx/);
    expect(r.stdout.trim().split('\n').at(-1)).toMatch(/^exported 2 of 2, failed 0, checks failed 1;/);
    expect(existsSync(join(out, 'west.xlsx'))).toBe(true);
  });

  it('writes the same bytes as finbook export, model by model', () => {
    const out = join(dir, 'out-same');
    expect(runBin(['batch', model('north.yaml'), model('east.json'), '--out', out]).code).toBe(0);
    for (const name of ['north.yaml', 'east.json']) {
      const single = join(dir, `single-${name}.xlsx`);
      expect(runBin(['export', model(name), '--out', single, '--quiet']).code).toBe(0);
      expect(readFileSync(join(out, name.replace(/\.\w+$/, '.xlsx'))).equals(readFileSync(single))).toBe(true);
    }
  });

  it('removes the temporary files that killed writers left beside its workbooks', () => {
    const out = join(dir, 'out-stale');
    mkdirSync(out, { recursive: true });
    const stale = join(out, `.north.xlsx${TEMP_MARK}999999999-0badf00d`);
    const other = join(out, `.elsewhere.xlsx${TEMP_MARK}999999999-0badf00d`);
    for (const f of [stale, other]) writeFileSync(f, 'half a workbook');
    expect(runBin(['batch', model('north.yaml'), model('south.yaml'), '--out', out, '--quiet']).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    // another target's are left to its own next export
    expect(existsSync(other)).toBe(true);
  });

  it('prints a JSON report with --json', () => {
    const r = runBin(['batch', model('north.yaml'), model('broken.yaml'), '--out', join(dir, 'out-json'), '--json']);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.stdout) as { ok: boolean; exported: number; failed: number; models: { model: string; status: string; messages: string[] }[] };
    expect(report).toMatchObject({ ok: false, exported: 1, failed: 1, checksFailed: 0 });
    expect(report.models.map((m) => m.status)).toEqual(['exported', 'invalid']);
    expect(report.models[1]!.messages.join('\n')).toContain('entity.scale');
  });
});

describe('finbook batch refuses a run that cannot be right', () => {
  it('two models that would write the same workbook', async () => {
    writeFileSync(model('north.json'), '{}');
    const r = await runCli(['batch', model('north.yaml'), model('north.json'), '--out', join(dir, 'never')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/north\.json and .*north\.yaml would both write .*never\/north\.xlsx/);
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it.each([['0'], ['1.5'], ['many']])('--jobs %s', async (jobs) => {
    const r = await runCli(['batch', model('north.yaml'), '--out', join(dir, 'never'), '--jobs', jobs]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--jobs must be a whole number from 1 to 256/);
  });

  it('an output directory that cannot be created', async () => {
    const r = await runCli(['batch', model('north.yaml'), '--out', join(model('north.yaml'), 'out')]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/cannot create .*north\.yaml\/out: a part of the path is not a directory/);
  });

  it('lists the command in --help', async () => {
    const r = await runCli(['--help']);
    expect(r.stdout).toMatch(/finbook batch <models\.\.>\s+export many models in one process/);
    expect(ROOT).toBeTruthy();
  });
});
