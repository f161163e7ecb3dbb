// What hostile input may cost is bounded, and every such mistake is a user mistake (exit 2
// with file:line:col), never "internal error": alias bombs and alias cycles, nesting
// thousands deep in YAML, JSON and formulas, tens of thousands of problems (reported in
// linear time, the first 100 in full), a period named __proto__, archives that inflate
// past verify's bound, sheets past Excel's row and column limits.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_SHOWN_ISSUES } from '../../src/cli/output.js';
import { unzipBounded } from '../../src/verify/unzip-bounded.js';
import { BIN, runCli } from '../helpers/cli.js';
import { formatIssue } from '../../src/issues.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { checkPlannedWorkbook } from '../../src/plan/text-safety.js';
import { BASE, baseCopy, cleanUp } from './files.js';

afterEach(cleanUp);

const NO_STACK = /\n\s+at .+:\d+:\d+\)?$/m;

/** The base model with `edit` applied to its text (and the template's), validated. */
async function validate(edit: (model: string) => string, template?: (t: string) => string, name = 'model.yaml'): Promise<{ code: number; stderr: string }> {
  const dir = baseCopy();
  const model = edit(readFileSync(join(dir, 'model.yaml'), 'utf8'));
  writeFileSync(join(dir, name), model);
  if (template) writeFileSync(join(dir, 'template.yaml'), template(readFileSync(join(dir, 'template.yaml'), 'utf8')));
  const r = await runCli(['validate', join(dir, name)]);
  expect(r.stderr).not.toMatch(NO_STACK);
  expect(r.stderr).not.toMatch(/internal error/);
  return r;
}

const formula = (f: string) => (t: string): string => {
  expect(t).toContain('formula: "revenue - costs"');
  return t.replace('formula: "revenue - costs"', `formula: "${f}"`);
};

describe('user mistakes that used to be internal errors (exit 3) are exit 2 with a place', () => {
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x]', ...'bcdefg'.split('').map((n, i) => `${n}: &${n} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`)];

  it.each([
    ['an alias bomb', (m: string) => `${m}x_bomb:\n${bomb.map((l) => `  ${l}`).join('\n')}\n`, undefined, /model\.yaml:28:10 invalid YAML in the model: its aliases \(\*name\) expand to too many values/],
    ['an alias that contains itself', (m: string) => `${m}x: &a [1, *a]\n`, undefined, /model\.yaml:26:11 invalid YAML in the model: an alias \(\*name\) stands inside the value it names/],
    ['YAML flow nested 5,000 deep', (m: string) => `${m}deep: ${'['.repeat(5000)}${']'.repeat(5000)}\n`, undefined, /model\.yaml:26:106 the model nests deeper than 100 levels/],
    ['YAML blocks nested 3,000 deep', (m: string) => `${m}deep:\n${Array.from({ length: 3000 }, (_, i) => `${' '.repeat(i + 1)}k:`).join('\n')}\n`, undefined, /model\.yaml:126:101 the model nests deeper than 100 levels/],
    ['brackets nested 5,000 deep in a formula', (m: string) => m, formula(`${'('.repeat(5000)}revenue${')'.repeat(5000)} - costs`), /template\.yaml:18:306 sheets\[0\]\.lines\[3\]\.formula: formula syntax error: the formula nests deeper than 256 levels of brackets, functions and signs/],
    ['prev() nested 3,000 deep', (m: string) => m, formula(`${'prev('.repeat(3000)}revenue${')'.repeat(3000)} - costs`), /formula syntax error: the formula nests deeper than 256 levels/],
    ['20,000 signs in a formula', (m: string) => m, formula(`${'-'.repeat(20000)}revenue`), /formula syntax error: the formula nests deeper than 256 levels/],
    ['4,095 operators in a row (within Excel’s 8,192 characters)', (m: string) => m, formula(`${Array(4095).fill('1').join('+')} - costs`), /formula syntax error: the formula has more than 1000 operators in a row; split it over several lines/],
    ['a period named __proto__', (m: string) => m.replaceAll('FY01', '__proto__'), (t: string) => t.replaceAll('FY01', '__proto__'), /model\.yaml:14:11 periods\[1\]\.id: '__proto__' cannot be a period id; choose another name/],
    ['a value missing for a period named toString', (m: string) => m.replaceAll('FY01', 'toString').replace('costs: { FY02: 700, toString: 650 }', 'costs: { FY02: 700 }'), (t: string) => t.replaceAll('FY01', 'toString'), /values\.is\.costs: input line 'is\.costs' \(Costs\) has no value for period toString/],
  ])('%s', async (_, model, template, message) => {
    const r = await validate(model, template);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('JSON nested 20,000 deep', async () => {
    const r = await validate(() => `{"finbook_model": 1, "x": ${'['.repeat(20000)}${']'.repeat(20000)}}`, undefined, 'model.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/model\.json:1:125 the model nests deeper than 100 levels/);
  });

  it('a period named constructor works like any other', async () => {
    const r = await validate((m) => m.replaceAll('FY01', 'constructor'), (t) => t.replaceAll('FY01', 'constructor'));
    expect(r.code, r.stderr).toBe(0);
  });
});

describe('a model with 32,000 lines its template lacks', () => {
  it('is reported in linear time: the first 100 problems in full, then a count', async () => {
    const started = Date.now();
    const r = await validate((m) => m.replace('  bs:\n', `${Array.from({ length: 32_000 }, (_, i) => `    extra_${i}: { FY02: ${i} }\n`).join('')}  bs:\n`));
    expect(r.code).toBe(2);
    const lines = r.stderr.split('\n');
    expect(lines).toHaveLength(MAX_SHOWN_ISSUES + 2);
    expect(lines[0]).toMatch(/model\.yaml:22:14 values\.is\.extra_0: sheet 'is' has no line 'extra_0'$/);
    expect(lines.at(-2)).toBe('… and 31,900 more (the first 100 are shown)');
    expect(lines.at(-1)).toBe('32,000 problems found; nothing was written.');
    // it took over 100 s when each problem searched the file's mappings from the start
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it('--json lists the first 1,000 and counts the rest', async () => {
    const dir = baseCopy();
    const model = readFileSync(join(dir, 'model.yaml'), 'utf8').replace('  bs:\n', `${Array.from({ length: 1500 }, (_, i) => `    extra_${i}: { FY02: ${i} }\n`).join('')}  bs:\n`);
    writeFileSync(join(dir, 'model.yaml'), model);
    const r = await runCli(['validate', join(dir, 'model.yaml'), '--json']);
    const parsed = JSON.parse(r.stdout) as { issues: unknown[]; omitted: number };
    expect([parsed.issues.length, parsed.omitted]).toEqual([1000, 500]);
  });
});

/** A zip archive of one stored-or-deflated part, with the sizes its directory states. */
function zip(name: string, data: Buffer, stated: { size?: number } = {}): Buffer {
  const deflated = deflateRawSync(data);
  const n = Buffer.from(name);
  const size = stated.size ?? data.length;
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(n.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(n.length, 28);
  central.writeUInt32LE(0, 42);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(46 + n.length, 12);
  end.writeUInt32LE(30 + n.length + deflated.length, 16);
  return Buffer.concat([local, n, deflated, central, n, end]);
}

describe('verify reads archives within a bound on what they inflate to', () => {
  it('refuses a workbook whose parts state 2 GiB, without inflating anything', async () => {
    const dir = baseCopy();
    writeFileSync(join(dir, 'bomb.xlsx'), zip('xl/worksheets/sheet1.xml', Buffer.alloc(1000, 0x20), { size: 2 ** 31 }));
    const r = await runCli(['verify', join(dir, 'bomb.xlsx')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/bomb\.xlsx: cannot be verified: its parts would inflate to 2,048 MiB; finbook verifies workbooks whose sheets and strings hold up to 512 MiB/);
  });

  it('stops a part that inflates past the size the archive states for it', () => {
    const archive = zip('xl/workbook.xml', Buffer.alloc(10 * 1024 * 1024, 0x20), { size: 1000 });
    expect(() => unzipBounded(archive, () => true)).toThrow('xl/workbook.xml inflates to more than the 1,000 bytes the archive states for it');
  });

  it('reads an honest archive', () => {
    expect(unzipBounded(zip('a.xml', Buffer.from('<a/>')), () => true)['a.xml']!.toString()).toBe('<a/>');
  });
});

describe('Excel’s row and column limits name the file, line and column', () => {
  // (a real model needs over a million rows or 16,384 columns: the planned sheet is made larger instead)
  it.each([
    ['rows', (sh: { lastRow: number }) => (sh.lastRow = 1_048_577), /template\.yaml:\d+:\d+ sheets\[0\]\.lines: sheet 'Income Statement' needs 1,048,577 rows; Excel allows 1,048,576/],
    ['columns', (sh: { lastCol: number }) => (sh.lastCol = 16_384), /template\.yaml:\d+:\d+ sheets\[0\]\.columns: sheet 'Income Statement' needs 16,385 columns; Excel allows 16,384/],
  ] as const)('too many %s', (_, grow, message) => {
    const loaded = loadAndCompute(join(BASE, 'model.yaml'));
    if (!loaded.ok) throw new Error('the base model loads');
    const workbook = plan(loaded.value);
    const sheet = workbook.sheets.find((x) => x.kind === 'statement')!;
    grow(sheet);
    const issues = checkPlannedWorkbook(workbook, loaded.value);
    expect(issues.map(formatIssue).join('\n')).toMatch(message);
  });
});

describe('a closed stdout', () => {
  it('ends the command quietly: no stack trace, its own exit code', () => {
    const r = spawnSync('bash', ['-c', `"${process.execPath}" "${BIN}" validate | true; echo "exit \${PIPESTATUS[0]}"`], { encoding: 'utf8' });
    expect(r.stdout.trim()).toBe('exit 0');
    expect(r.stderr).toBe('');
  });
});
