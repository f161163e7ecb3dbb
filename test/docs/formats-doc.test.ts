// docs/formats.md stays true: its tie-out example (a `yaml template` and a `yaml model` block)
// loads, and the workbook ties out exactly as the page says.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const DOC = readFileSync(join(ROOT, 'docs/formats.md'), 'utf8');
const block = (kind: string): string => {
  const found = [...DOC.matchAll(new RegExp(`^\`\`\`yaml ${kind}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))];
  expect(found, `one \`yaml ${kind}\` block`).toHaveLength(1);
  return found[0]![1]!;
};

const dir = tempDir('finbook-formats-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function computeExample(model: string) {
  mkdirSync(join(dir, 'data'), { recursive: true });
  writeFileSync(join(dir, 'data/tieout-example.yaml'), block('template'));
  writeFileSync(join(dir, 'data/model.yaml'), model);
  const r = loadAndCompute(join(dir, 'data/model.yaml'));
  if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
  return r.value;
}

describe('docs/formats.md, printed figures and the Tie-out sheet', () => {
  it('the example ties out as described: services explained, everything else within rounding', () => {
    const { program, results } = computeExample(block('model'));
    const rows = results.tieOut.rows.map((r) => `${r.figure.line.id} ${r.figure.column.kind} ${r.figure.column.period} ${r.status}`);
    expect(rows).toEqual([
      'products share FY2024 OK',
      'products change FY2024 OK',
      'services share FY2024 EXPLAINED',
      'services change FY2024 OK',
      'licences share FY2024 OK',
      'licences change FY2024 OK',
      'revenue value FY2024 OK',
      'revenue share FY2024 OK',
      'revenue value FY2023 OK',
      'revenue change FY2024 OK',
      'revenue_per_share value FY2024 OK',
      'revenue_per_share value FY2023 OK',
    ]);
    expect(results.tieOut.rows.find((r) => r.figure.line.id === 'services' && r.figure.column.kind === 'share')!.differenceUnits!.toFixed(2)).toBe('0.53');
    // the eight inputs equal their printed figures and are not listed
    expect(program.printed.all.filter((f) => f.input && !f.listed)).toHaveLength(8);
    expect(results.checks.map((c) => `${c.check.spec.id} ${c.ok ? 'OK' : 'FAIL'}`)).toEqual(['revenue_per_share_printed OK', 'revenue_per_share_printed OK', 'tie_out OK']);
  });

  it('a share printed 32% instead of 33% is 1.53 units away, beyond the reason: FAIL', () => {
    const { results } = computeExample(block('model').replace('services:          ["1,006", "33%"', 'services:          ["1,006", "32%"'));
    const services = results.tieOut.rows.find((r) => r.figure.line.id === 'services' && r.figure.column.kind === 'share')!;
    expect(services.differenceUnits!.toFixed(2)).toBe('1.53');
    expect(services.status).toBe('FAIL');
    expect(results.checks.find((c) => c.check.spec.id === 'tie_out')!.ok).toBe(false);
  });
});
