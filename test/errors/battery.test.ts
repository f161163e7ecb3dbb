// The battery of malformed models and templates: one folder per case under cases/, each with
// its files, a case.json saying why it is wrong, and expected.txt holding exactly what the
// user sees (update with `npx vitest run test/errors -u` and review the diff). Each case must
// exit with its code, print that text, and leave a previous workbook in the output directory
// byte for byte as it was, with nothing added beside it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runBin, runCli, tempDir } from '../helpers/cli.js';

const CASES = join(__dirname, 'cases');
const BASE_MODEL = join(__dirname, 'base/model.yaml');

interface CaseSpec {
  why: string;
  /** Exit code; 2 (invalid input) unless the output path is the problem (3). */
  exit?: number;
  /** Model file name in the folder (default model.yaml). */
  model?: string;
  /** What --out points at: the previous workbook (default), a directory, or a path through a file. */
  out?: 'directory' | 'parent-is-file';
}

const names = readdirSync(CASES).sort();
const spec = (name: string): CaseSpec => JSON.parse(readFileSync(join(CASES, name, 'case.json'), 'utf8')) as CaseSpec;

let previous: Buffer;

beforeAll(async () => {
  const dir = tempDir();
  const r = await runCli(['export', BASE_MODEL, '--out', join(dir, 'book.xlsx'), '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  previous = readFileSync(join(dir, 'book.xlsx'));
});

/** Every file under dir with its hash and modification time. */
function listing(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string, rel: string): void => {
    for (const name of readdirSync(d).sort()) {
      const full = join(d, name);
      const st = statSync(full);
      if (st.isDirectory()) {
        out[`${rel}${name}/`] = 'dir';
        walk(full, `${rel}${name}/`);
      } else out[`${rel}${name}`] = `${createHash('sha256').update(readFileSync(full)).digest('hex')} ${st.mtimeMs}`;
    }
  };
  walk(dir, '');
  return out;
}

/** An output directory holding a previous good workbook, and the --out path for the case. */
function setUpOutput(c: CaseSpec): { root: string; out: string; target: string } {
  const root = tempDir('finbook-errors-');
  const out = join(root, 'out');
  mkdirSync(out);
  writeFileSync(join(out, 'book.xlsx'), previous);
  if (c.out === 'directory') {
    mkdirSync(join(out, 'folder.xlsx'));
    writeFileSync(join(out, 'folder.xlsx', 'keep.txt'), 'not a workbook');
    return { root, out, target: join(out, 'folder.xlsx') };
  }
  if (c.out === 'parent-is-file') return { root, out, target: join(out, 'book.xlsx', 'inner.xlsx') };
  return { root, out, target: join(out, 'book.xlsx') };
}

describe('the error battery', () => {
  it('has at least 30 cases, each saying why it is wrong', () => {
    expect(names.length).toBeGreaterThanOrEqual(30);
    for (const name of names) expect(spec(name).why, name).toMatch(/\w/);
  });

  it('starts from a base model that exports cleanly', async () => {
    const r = await runCli(['validate', BASE_MODEL]);
    expect(r.code, r.stderr).toBe(0);
  });
});

describe.each(names)('%s', (name) => {
  const c = spec(name);
  const model = join(CASES, name, c.model ?? 'model.yaml');
  const exit = c.exit ?? 2;

  it(`export exits ${exit} with the expected message and leaves the output directory untouched`, async () => {
    const { root, out, target } = setUpOutput(c);
    const before = listing(out);
    const r = await runCli(['export', model, '--out', target]);
    const shown = r.stderr.split(root).join('<tmp>');
    expect(r.code, shown).toBe(exit);
    expect(r.stdout).toBe('');
    expect(shown).not.toMatch(/\n\s+at .+:\d+:\d+\)?$/m); // no stack trace
    await expect(`${shown}\n`).toMatchFileSnapshot(join(CASES, name, 'expected.txt'));
    expect(listing(out)).toEqual(before);
  });

  it('--json reports the same problems as data', async () => {
    const { root, out, target } = setUpOutput(c);
    const before = listing(out);
    const text = readFileSync(join(CASES, name, 'expected.txt'), 'utf8').split('<tmp>').join(root);
    const r = await runCli(['export', model, '--out', target, '--json']);
    expect(r.code).toBe(exit);
    const parsed = JSON.parse(r.stdout) as { ok: boolean; issues: { severity: string; code: string; message: string; path?: string; source?: { file: string; line: number; col: number } }[] };
    expect(parsed.ok).toBe(false);
    const errors = parsed.issues.filter((i) => i.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    for (const i of errors) {
      expect(i.code).toMatch(/^[a-z_]+$/);
      const where = i.source ? `${i.source.file}:${i.source.line}:${i.source.col} ` : '';
      expect(text).toContain(`${where}${i.path ? `${i.path}: ` : ''}${i.message}`);
    }
    expect(listing(out)).toEqual(before);
  });

  if (c.out === undefined) {
    it('validate gives the same message and exit code', async () => {
      const r = await runCli(['validate', model]);
      expect(r.code).toBe(exit);
      expect(`${r.stderr}\n`).toBe(readFileSync(join(CASES, name, 'expected.txt'), 'utf8'));
    });
  }
});

describe('fixture folders', () => {
  it('each hold their model file and the expected message', () => {
    for (const name of names) {
      expect(existsSync(join(CASES, name, 'expected.txt')), `${name}/expected.txt`).toBe(true);
      const c = spec(name);
      if (name !== 'missing-model-file') expect(existsSync(join(CASES, name, c.model ?? 'model.yaml')), name).toBe(true);
    }
  });
});

describe('through the built CLI (a real process: exit code, stderr, no stack trace)', () => {
  it.each(['invalid-yaml', 'unknown-key-typo', 'bad-date-month', 'reference-cycle', 'formula-unclosed-multiline', 'sheet-name-clashes-with-generated'])('%s', (name) => {
    const model = join(CASES, name, spec(name).model ?? 'model.yaml');
    const expected = readFileSync(join(CASES, name, 'expected.txt'), 'utf8');
    for (const command of ['export', 'validate']) {
      const out = join(tempDir(), 'never.xlsx');
      const r = runBin(command === 'export' ? ['export', model, '--out', out] : ['validate', model]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toBe(expected);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    }
  });
});
