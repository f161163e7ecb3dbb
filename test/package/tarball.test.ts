// The package as npm gives it to someone else: `npm pack`, installed into an empty project
// (offline when npm's cache holds the dependencies), a TypeScript program importing finbook
// type-checked against the packed declarations (strict, no skipLibCheck) and run, and the
// installed CLI run with npx: --help, and export of the default model it ships.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { ROOT, tempDir } from '../helpers/cli.js';

const dir = tempDir('finbook-package-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// npm's own variables of a `npm test` run (its prefix, its scripts) are not the new project's
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

function run(command: string, args: string[], cwd: string): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd, env, encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const consumer = `import { ISSUE_CODES, computeFigures, formatIssue, loadModel, writeWorkbook } from 'finbook';
import type { Issue, IssueCode, LoadedModel, Model } from 'finbook';

const code: IssueCode = 'unknown_line';
if (!ISSUE_CODES.includes(code)) throw new Error('ISSUE_CODES');
const loaded = loadModel('node_modules/finbook/data/iij-fy2002.yaml');
if (!loaded.ok) throw new Error(loaded.issues.map((i: Issue) => formatIssue(i)).join('\\n'));
const model: LoadedModel = loaded.value;
const entity: Model['entity'] = model.model.entity;
const figures = computeFigures(model);
const written = await writeWorkbook(model, 'out/consumer.xlsx');
if (!written.ok || !figures.ok) throw new Error('not written');
console.log(\`\${entity.name}: \${written.value.sheets} sheets, \${figures.value.checks.length} checks\`);
`;

it('packs a tarball that installs elsewhere: its types check, its API writes a workbook, npx finbook runs', () => {
  // the declarations (npm pack's prepack builds them with the bundle; `npm test` built the bundle)
  execFileSync(process.execPath, [join(ROOT, 'scripts/build-types.mjs')], { cwd: ROOT, stdio: 'inherit' });
  const packed = run(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', dir], ROOT);
  expect(packed.code, packed.stderr).toBe(0);
  const [info] = JSON.parse(packed.stdout) as { filename: string; files: { path: string }[] }[];
  const files = info!.files.map((f) => f.path);
  for (const f of ['bin/finbook.cjs', 'dist/finbook.cjs', 'dist/index.cjs', 'dist/types/index.d.ts', 'dist/types/package.json', 'data/iij-fy2002.yaml', 'templates/iij-fy2002.yaml']) expect(files).toContain(f);
  // nothing of the repository's own: tests, sources, source maps
  expect(files.filter((f) => /^(test|src|scripts)\/|\.map$/.test(f))).toEqual([]);

  const project = join(dir, 'project');
  execFileSync('mkdir', [project]);
  writeFileSync(join(project, 'package.json'), '{ "name": "uses-finbook", "private": true, "type": "module" }\n');
  const installed = run(npm, ['install', join(dir, info!.filename), '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts'], project);
  expect(installed.code, installed.stderr).toBe(0);

  writeFileSync(join(project, 'consumer.ts'), consumer);
  copyFileSync(join(ROOT, 'examples/build-in-code.ts'), join(project, 'build-in-code.ts'));
  const tsc = [join(ROOT, 'node_modules/typescript/bin/tsc'), '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--types', 'node', '--typeRoots', join(ROOT, 'node_modules/@types'), '--outDir', 'build', 'consumer.ts', 'build-in-code.ts'];
  const checked = run(process.execPath, tsc, project);
  expect(checked.stdout + checked.stderr).toBe('');
  expect(checked.code).toBe(0);

  const used = run(process.execPath, ['build/consumer.js'], project);
  expect(used.stderr).toBe('');
  expect(used.stdout).toBe('Internet Initiative Japan Inc.: 16 sheets, 34 checks\n');
  expect(readFileSync(join(project, 'out/consumer.xlsx')).subarray(0, 2).toString()).toBe('PK');
  const example = run(process.execPath, ['build/build-in-code.js', 'out/widget-co.xlsx'], project);
  expect(example.stderr).toBe('');
  expect(example.code).toBe(0);

  const help = run('npx', ['--no', '--', 'finbook', '--help'], project);
  expect(help.stderr).toBe('');
  expect(help.code).toBe(0);
  expect(help.stdout).toMatch(/finbook export/);
  const exported = run('npx', ['--no', '--', 'finbook', 'export'], project);
  expect(exported.stderr).toBe('');
  expect(exported.stdout).toBe('wrote out/iij-fy2002.xlsx (16 sheets, 34/34 checks OK)\n');
  expect(exported.code).toBe(0);
  expect(existsSync(join(project, 'out/iij-fy2002.xlsx'))).toBe(true);
}, 600_000);
