// The library's API (src/index.ts) against what `finbook export` does: the same model gives
// the same workbook bytes whether written to a path, a stream or a Buffer; mistakes come back
// as issues with documented codes (a path for objects, a file position for files).
import { createHash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import type { Issue, ModelInput, TemplateInput } from '../../src/index.js';
import { ISSUE_CODES, computeFigures, loadModel, workbookBuffer, writeWorkbook } from '../../src/index.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { DEFAULT_MODEL, ROOT, runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('finbook-api-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const sha = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

const template: TemplateInput = {
  finbook_template: 1,
  name: 'In code',
  sheets: [
    {
      id: 'is',
      name: 'IS',
      columns: [
        { kind: 'value', period: 'y1', title: 'Y1' },
        { kind: 'value', period: 'y2', title: 'Y2' },
      ],
      lines: [
        { id: 'sales', label: 'Sales' },
        { id: 'costs', label: 'Costs' },
        { id: 'profit', label: 'Profit', formula: 'sales - costs', style: 'total' },
        { id: 'reported', label: 'Profit as reported' },
      ],
    },
  ],
  checks: [{ id: 'profit_ties', label: 'Profit ties', periods: ['y1', 'y2'], left: 'is.profit', right: 'is.reported' }],
};

const model = (reportedY2 = 0.3): ModelInput => ({
  finbook_model: 1,
  entity: { name: 'Code Co', currency: 'USD', scale: 'units' },
  source: { title: 'figures', date: '2025-01-01' },
  periods: [
    { id: 'y1', kind: 'year', start: '2024-01-01', end: '2024-12-31' },
    { id: 'y2', kind: 'year', start: '2025-01-01', end: '2025-12-31' },
  ],
  values: { is: { sales: { y1: 10, y2: 0.7 }, costs: { y1: 4, y2: 0.4 }, reported: { y1: 6, y2: reportedY2 } } },
});

function loaded(m: ModelInput = model()) {
  const r = loadModel(m, { template });
  if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
  return r.value;
}

describe('loadModel', () => {
  it('loads a model file as finbook export does (the same figures and checks)', () => {
    const r = loadModel(DEFAULT_MODEL);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const direct = loadAndCompute(DEFAULT_MODEL);
    if (!direct.ok) throw new Error('the default model loads');
    const figures = computeFigures(r.value);
    if (!figures.ok) throw new Error('figures');
    expect(figures.value.checks.map((c) => c.ok)).toEqual(direct.value.results.checks.map((c) => c.ok));
    expect(figures.value.figures.length).toBeGreaterThan(100);
    expect(r.value.model.entity.name).toBe(direct.value.program.model.value.entity.name);
  });

  it('loads a model and template built as objects, validated by the same schemas', () => {
    const m = loaded();
    expect(m.template.sheets[0]!.id).toBe('is');
    expect(m.model.inputs).toEqual({}); // the schema's default
  });

  // an object has no lines and columns: its issues are placed by path alone; a file's by position
  it.each<[string, () => ReturnType<typeof loadModel>, Partial<Issue>, 'path' | 'file' | 'nowhere']>([
    ['an object with a wrong field', () => loadModel({ ...model(), entity: { name: 'X', currency: 'usd', scale: 'units' } }, { template }), { code: 'schema_invalid_format', path: 'entity.currency' }, 'path'],
    ['a template object with an unknown line', () => loadModel(model(), { template: { ...template, checks: [{ id: 'c', label: 'c', periods: ['y1'], left: 'is.nope', right: 'is.sales' }] } }), { code: 'unknown_line', path: 'checks[0].left' }, 'path'],
    ['an object model without a template', () => loadModel(model()), { code: 'schema_invalid_type', path: 'template' }, 'path'],
    ['a model file with a mistake', () => loadModel(join(ROOT, 'test/errors/cases/duplicate-line-id/model.yaml')), { code: 'duplicate_line' }, 'file'],
    ['a missing model file', () => loadModel(join(dir, 'missing.yaml')), { code: 'file_unreadable' }, 'file'],
    ['a scenario the template does not have', () => loadModel(DEFAULT_MODEL, { scenario: 'nope' }), { code: 'unknown_scenario' }, 'nowhere'],
  ])('returns %s as an issue', (_, run, expected, placed) => {
    const r = run();
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]).toMatchObject(expected);
    for (const i of r.issues) expect(ISSUE_CODES).toContain(i.code);
    for (const i of r.issues) expect(i.source === undefined).toBe(placed !== 'file');
  });
});

describe('computeFigures', () => {
  it('gives every line value as the cached double and its exact decimal, and every check', () => {
    const r = computeFigures(loaded());
    if (!r.ok) throw new Error('figures');
    const profit = r.value.figures.filter((f) => f.line === 'profit');
    // 0.7 - 0.4 is 0.3 exactly in decimal.js (a double subtraction gives 0.29999999999999993)
    expect(profit.map((f) => [f.period, f.exact, f.value])).toEqual([
      ['y1', '6', 6],
      ['y2', '0.3', 0.3],
    ]);
    expect(r.value.checks.map((c) => [c.id, c.period, c.ok])).toEqual([
      ['profit_ties', 'y1', true],
      ['profit_ties', 'y2', true],
    ]);
    expect(r.value.ok).toBe(true);
  });

  it('reports a failing check as data', () => {
    const r = computeFigures(loaded(model(0.31)));
    if (!r.ok) throw new Error('figures');
    expect(r.value.ok).toBe(false);
    expect(r.value.checks.find((c) => c.period === 'y2')).toMatchObject({ ok: false, difference: '-0.01' });
  });

  it('computes another scenario, or names an unknown one as an issue', () => {
    const m = loadModel(join(ROOT, 'data/photronics-forecast.yaml'));
    if (!m.ok) throw new Error(m.issues.map((i) => i.message).join('\n'));
    const scenarios = m.value.template.scenarios ?? [];
    expect(scenarios.length).toBeGreaterThan(1);
    const first = computeFigures(m.value);
    const second = computeFigures(m.value, { scenario: scenarios[1]!.id });
    if (!first.ok || !second.ok) throw new Error('figures');
    expect(second.value.scenario).toBe(scenarios[1]!.id);
    expect(second.value.figures.map((f) => f.exact)).not.toEqual(first.value.figures.map((f) => f.exact));
    const bad = computeFigures(m.value, { scenario: 'nope' });
    expect(bad.ok ? undefined : bad.issues[0]!.code).toBe('unknown_scenario');
  });
});

describe('writeWorkbook and workbookBuffer', () => {
  it('write the bytes finbook export writes, to a path, a stream and a Buffer', async () => {
    const cliOut = join(dir, 'cli.xlsx');
    expect((await runCli(['export', DEFAULT_MODEL, '--out', cliOut, '--quiet'])).code).toBe(0);
    const expected = sha(readFileSync(cliOut));
    const m = loadModel(DEFAULT_MODEL);
    if (!m.ok) throw new Error('loads');

    const path = join(dir, 'nested', 'api.xlsx');
    const written = await writeWorkbook(m.value, path);
    expect(written).toMatchObject({ ok: true, value: { path, checks: { ok: 34, total: 34 } } });
    expect(sha(readFileSync(path))).toBe(expected);

    const stream = new PassThrough();
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise((r) => stream.on('end', r));
    expect((await writeWorkbook(m.value, stream)).ok).toBe(true);
    await ended;
    expect(sha(Buffer.concat(chunks))).toBe(expected);

    const buffer = await workbookBuffer(m.value);
    expect(buffer.ok && sha(buffer.value)).toBe(expected);
  });

  it.each([
    ['a name that is not .xlsx', 'book.xls', 'out_extension'],
    ['a directory', '.', 'out_extension'],
  ])('refuses %s as an issue, writing nothing', async (_, name, code) => {
    const r = await writeWorkbook(loaded(), join(dir, name));
    expect(r.ok ? undefined : r.issues[0]!.code).toBe(code);
  });

  it('refuses to write over a FIFO (output_refused)', async () => {
    const fifo = join(dir, 'pipe.xlsx');
    const { execFileSync } = await import('node:child_process');
    execFileSync('mkfifo', [fifo]);
    const r = await writeWorkbook(loaded(), fifo);
    expect(r.ok ? undefined : r.issues[0]!.code).toBe('output_refused');
  });
});
