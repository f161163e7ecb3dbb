// Mutated inputs, always: models, templates, CSV values and jobs files, mutated byte by byte,
// line by line and with hostile tokens (aliases, brackets, quotes, control characters,
// Unicode spaces, __proto__, long runs), run through the CLI. Every run must end with exit
// code 0, 1 or 2; an exit 2 must say where (file:line:col); no stack trace and no "internal
// error"; each run within bounded time and memory; no input file changed and nothing written
// but the output (no temporary file or lock left beside it).
//
// Fixed seed and a fixed number of cases, with a time budget (CI runs it as it is); replay
// or widen a run with FINBOOK_FUZZ_SEED=<n> FINBOOK_FUZZ_CASES=<n>.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../atomic/fixtures.js';
import { runCli } from '../helpers/cli.js';
import { BASE } from './files.js';

const SEED = Number(process.env.FINBOOK_FUZZ_SEED ?? 17);
const CASES = Number(process.env.FINBOOK_FUZZ_CASES ?? 60);
/** Past this, no new case starts (the cases run so far still count); each case is bounded too. */
const BUDGET_MS = 8_000;
const CASE_MS = 5_000;
const RSS_LIMIT = 1.5 * 1024 ** 3;

const root = mkdtempSync(join(tmpdir(), 'finbook-fuzz-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const TOKENS = [
  '*a', '&a ', '&a [*a, *a]', '[[[[[[', ']]]', '{', '}', '"', "'", ': ', '- ', '? ', '#', '|', '>-', '!!str ', '%YAML 1.2', '---', '...',
  '\t', '\r', '\r\n', '\u0000', '\u0007', '\u007f', '\u0085', '\u00a0', '\u2028', '\ufeff', '\ud800', '\u00fc', '\uffff',
  '__proto__', 'constructor', 'toString', '1e999', '-0', '0x10', '.nan', 'null', '~', 'true', '=HYPERLINK("x")', '@SUM(1)',
  '(((((((((((', ')', '+-+-+-', 'x'.repeat(40_000), '9'.repeat(400), '\\', '\\u', ',', '"a"""b"', '../', '/dev/null',
];

type Rnd = () => number;
const pick = <T>(r: Rnd, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function mutate(r: Rnd, text: string): Buffer {
  let bytes = Buffer.from(text, 'utf8');
  const times = 1 + Math.floor(r() * 3);
  for (let n = 0; n < times; n++) {
    const at = Math.floor(r() * (bytes.length + 1));
    switch (pick(r, ['flip', 'delete', 'insert', 'token', 'line', 'line', 'token'] as const)) {
      case 'flip':
        if (bytes.length > 0) bytes[Math.min(at, bytes.length - 1)] = Math.floor(r() * 256);
        break;
      case 'delete':
        bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1 + Math.floor(r() * 20))]);
        break;
      case 'insert':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([Math.floor(r() * 256)]), bytes.subarray(at)]);
        break;
      case 'token':
        bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(pick(r, TOKENS), 'utf8'), bytes.subarray(at)]);
        break;
      case 'line': {
        const lines = bytes.toString('latin1').split('\n');
        const i = Math.floor(r() * lines.length);
        const j = Math.floor(r() * lines.length);
        const op = pick(r, ['dup', 'drop', 'swap', 'indent', 'outdent'] as const);
        if (op === 'dup') lines.splice(i, 0, lines[j]!);
        else if (op === 'drop') lines.splice(i, 1);
        else if (op === 'swap') [lines[i], lines[j]] = [lines[j]!, lines[i]!];
        else if (op === 'indent') lines[i] = `  ${lines[i]}`;
        else lines[i] = lines[i]!.replace(/^ {1,2}/, '');
        bytes = Buffer.from(lines.join('\n'), 'latin1');
        break;
      }
    }
  }
  return bytes;
}

const FILES = {
  model: readFileSync(join(BASE, 'model.yaml'), 'utf8'),
  template: readFileSync(join(BASE, 'template.yaml'), 'utf8'),
  csv: 'line,period,value\nis.revenue,FY02,"1,200"\nis.revenue,FY01,1000\n',
  jobs: 'finbook_jobs: 1\njobs:\n  - name: acme\n    model: model.yaml\n    output: out/{ticker}-{period}.xlsx\n  - name: again\n    model: model.yaml\n    output: out/{job}.xlsx\n    protect: true\n',
};

/** Every file under dir (but out/) with its hash. */
function inputs(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const full = join(d, name);
      if (statSync(full).isDirectory()) {
        if (name !== 'out') walk(full);
      } else out[relative(dir, full)] = createHash('sha256').update(readFileSync(full)).digest('hex');
    }
  };
  walk(dir);
  return out;
}

interface Case {
  n: number;
  kind: keyof typeof FILES;
  argv: (dir: string) => string[];
}

function caseFor(n: number): { c: Case; dir: string } {
  const r = seededRandom(SEED * 1_000_003 + n);
  const kind = pick(r, ['model', 'template', 'csv', 'jobs'] as const);
  const dir = join(root, `case-${n}`);
  mkdirSync(dir);
  for (const [name, text] of Object.entries(FILES)) {
    const file = { model: 'model.yaml', template: 'template.yaml', csv: 'values.csv', jobs: 'jobs.yaml' }[name as keyof typeof FILES];
    // a CSV case gives the values the model leaves out
    const base = name === 'model' && kind === 'csv' ? text.replace('revenue: { FY02: 1200, FY01: 1000 }', 'revenue: {}') : text;
    writeFileSync(join(dir, file), name === kind ? mutate(r, base) : base);
  }
  const argv: Record<typeof kind, (d: string) => string[]> = {
    model: (d) => (r() < 0.5 ? ['validate', join(d, 'model.yaml')] : ['export', join(d, 'model.yaml'), '--out', join(d, 'out', 'book.xlsx')]),
    template: (d) => ['export', join(d, 'model.yaml'), '--out', join(d, 'out', 'book.xlsx'), ...(r() < 0.5 ? ['--json'] : [])],
    csv: (d) => ['export', join(d, 'model.yaml'), '--values', join(d, 'values.csv'), '--out', join(d, 'out', 'book.xlsx')],
    jobs: (d) => ['run', join(d, 'jobs.yaml')],
  };
  return { c: { n, kind, argv: argv[kind] }, dir };
}

const LOCATED = /(^|\s|")\S+:\d+:\d+[ "]/m;
/** Whether an exit 2 says where: a file:line:col in the text, or a source on every error under --json. */
function located(r: { stdout: string; stderr: string }): boolean {
  if (!r.stdout.startsWith('{')) return LOCATED.test(r.stderr) || LOCATED.test(r.stdout);
  const issues = (JSON.parse(r.stdout) as { issues: { severity: string; source?: { line: number; col: number } }[] }).issues;
  return issues.some((i) => i.severity === 'error') && issues.every((i) => i.severity !== 'error' || (i.source !== undefined && i.source.line > 0 && i.source.col > 0));
}

const STACK = /\n\s+at .+:\d+:\d+\)?$/m;

describe(`mutated inputs (seed ${SEED}, ${CASES} cases)`, () => {
  it('always end with 0, 1 or 2, a located message for 2, no stack trace, nothing written but the output', async () => {
    const started = Date.now();
    const codes = new Map<number, number>();
    let ran = 0;
    for (let n = 0; n < CASES && Date.now() - started < BUDGET_MS; n++) {
      const { c, dir } = caseFor(n);
      const before = inputs(dir);
      const argv = c.argv(dir);
      const replay = `replay: FINBOOK_FUZZ_SEED=${SEED} case ${n} (${c.kind}): finbook ${argv.map((a) => (a.startsWith(dir) ? relative(dir, a) : a)).join(' ')}`;
      const t0 = Date.now();
      const r = await runCli(argv);
      const took = Date.now() - t0;
      const said = `${r.stdout}\n${r.stderr}`;
      expect([0, 1, 2], `${replay}\n${said}`).toContain(r.code);
      expect(said, `${replay}\n${said}`).not.toMatch(STACK);
      expect(said, replay).not.toMatch(/internal error/);
      if (r.code === 2) expect(located(r), `${replay}\n${said}`).toBe(true);
      expect(took, replay).toBeLessThan(CASE_MS);
      expect(process.memoryUsage().rss, replay).toBeLessThan(RSS_LIMIT);
      expect(inputs(dir), replay).toEqual(before);
      // the output directory holds workbooks only: no temporary file, no lock
      let written: string[] = [];
      try {
        written = readdirSync(join(dir, 'out'));
      } catch {
        // nothing written
      }
      expect(written.filter((name) => !name.endsWith('.xlsx')), replay).toEqual([]);
      codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
      ran++;
      rmSync(dir, { recursive: true, force: true });
    }
    // the mutations reach both outcomes: some inputs stay valid, most do not
    expect(ran).toBeGreaterThanOrEqual(Math.min(CASES, 20));
    expect(codes.get(2) ?? 0).toBeGreaterThan(0);
    expect((codes.get(0) ?? 0) + (codes.get(1) ?? 0)).toBeGreaterThan(0);
  }, 60_000);
});
