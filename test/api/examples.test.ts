// The examples (examples/*.ts) as a user runs them: compiled (esbuild, as the README says),
// importing finbook by its name (the built package, dist/index.cjs), run with node. The
// workbook each makes is verified by LibreOffice against its model, exactly.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type * as Finbook from '../../src/index.js';
import { describeWithOffice } from '../verify/office.js';
import { DEFAULT_MODEL, ROOT, tempDir } from '../helpers/cli.js';

const dir = tempDir('finbook-examples-');
// the package as a program that installed it sees it
const finbook = createRequire(import.meta.url)(join(ROOT, 'dist/index.cjs')) as typeof Finbook;

beforeAll(async () => {
  mkdirSync(join(dir, 'node_modules'));
  symlinkSync(ROOT, join(dir, 'node_modules', 'finbook'), 'dir');
  writeFileSync(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  for (const name of ['build-in-code', 'http-server'])
    await build({ entryPoints: [join(ROOT, 'examples', `${name}.ts`)], outfile: join(dir, `${name}.mjs`), format: 'esm', platform: 'node', target: 'node20', logLevel: 'warning' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeWithOffice('examples', () => {
  it('build-in-code.ts writes the workbook of a model built in code, which LibreOffice recalculates to the model exactly', async () => {
    const out = join(dir, 'widget-co.xlsx');
    const r = spawnSync(process.execPath, [join(dir, 'build-in-code.mjs'), out], { cwd: dir, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(['1Q25 operating income 370000', '2Q25 operating income 393625', `wrote ${out} (5 sheets, 2/2 checks OK)`, ''].join('\n'));
    // the example's own objects, loaded again: the file must be exactly their workbook
    const example = (await import(pathToFileURL(join(dir, 'build-in-code.mjs')).href)) as { model: Finbook.ModelInput; template: Finbook.TemplateInput };
    const model = finbook.loadModel(example.model, { template: example.template });
    if (!model.ok) throw new Error(model.issues.map(finbook.formatIssue).join('\n'));
    const verified = await finbook.verifyWorkbook(out, model.value);
    expect(verified.differences).toEqual([]);
    expect(verified.formulaCells).toBeGreaterThan(10);
    // and the verification can fail: the same file against a model with other costs
    const values = example.model.values as { is: Record<string, Record<string, number>> };
    const other = finbook.loadModel({ ...example.model, values: { is: { ...values.is, costs: { '1Q25': 1, '2Q25': 2 } } } }, { template: example.template });
    if (!other.ok) throw new Error('loads');
    expect((await finbook.verifyWorkbook(out, other.value)).ok).toBe(false);
  });

  it('http-server.ts streams the default model workbook over loopback, the bytes finbook writes, verified by LibreOffice', async () => {
    const server = spawn(process.execPath, [join(dir, 'http-server.mjs'), DEFAULT_MODEL], { cwd: dir, env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let text = '';
        server.stdout!.on('data', (d: Buffer) => {
          text += d.toString();
          const m = /^(http:\/\/127\.0\.0\.1:\d+\/workbook\.xlsx)\n/.exec(text);
          if (m) resolve(m[1]!);
        });
        server.once('exit', (code) => reject(new Error(`the server exited (${code}) before listening`)));
      });
      const missing = await fetch(url.replace('workbook.xlsx', 'other'));
      expect(missing.status).toBe(404);
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      const bytes = new Uint8Array(await res.arrayBuffer());
      const model = finbook.loadModel(DEFAULT_MODEL);
      if (!model.ok) throw new Error('the default model loads');
      const expected = await finbook.workbookBuffer(model.value);
      expect(expected.ok && Buffer.compare(Buffer.from(bytes), expected.value)).toBe(0);
      const verified = await finbook.verifyWorkbook(bytes, model.value);
      expect(verified.differences).toEqual([]);
      expect(verified.ok).toBe(true);
      expect(verified.sheets).toBe(16);
    } finally {
      server.kill();
    }
  });
});
