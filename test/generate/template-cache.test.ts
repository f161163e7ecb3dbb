// A process keeps the templates it has read, expanded and validated (src/model/template-cache.ts),
// so a batch of models of one template reads it once. Whatever was read before, each export
// in a process must give the workbook a fresh process gives.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBin, runCli } from '../helpers/cli.js';
import { BASE_TEMPLATE, modelHead, writeFiles } from '../generic/files.js';

const VALUES = `values:
  is:
    sales: { FY2024: 100, FY2023: 90 }
    costs: { FY2024: -60, FY2023: -50 }
`;
/** The same model with one period. */
const ONE_PERIOD = modelHead('template.yaml').replace(/^ {2}- \{ id: FY2023.*\n/m, '') + VALUES.replace(/, FY2023: -?\d+/g, '');

async function exportHere(dir: string, model: string, out: string): Promise<Buffer> {
  const r = await runCli(['export', join(dir, model), '--out', join(dir, out), '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(dir, out));
}

function exportFresh(dir: string, model: string, out: string): Buffer {
  const r = runBin(['export', join(dir, model), '--out', join(dir, out), '--quiet']);
  expect(r.code, r.stderr).toBe(0);
  return readFileSync(join(dir, out));
}

describe('templates kept by a process', () => {
  it('a template edited between two exports is read again', async () => {
    const dir = writeFiles({ 'template.yaml': BASE_TEMPLATE, 'model.yaml': modelHead('template.yaml') + VALUES });
    const before = await exportHere(dir, 'model.yaml', 'before.xlsx');
    writeFileSync(join(dir, 'template.yaml'), BASE_TEMPLATE.replace('label: "Profit"', 'label: "Net profit"'));
    const after = await exportHere(dir, 'model.yaml', 'after.xlsx');
    expect(after.equals(before)).toBe(false);
    expect(after.equals(exportFresh(dir, 'model.yaml', 'fresh.xlsx'))).toBe(true);
  });

  it('models of one template with other periods each get their own columns', async () => {
    const dir = writeFiles({ 'template.yaml': BASE_TEMPLATE, 'two.yaml': modelHead('template.yaml') + VALUES, 'one.yaml': ONE_PERIOD });
    const two = await exportHere(dir, 'two.yaml', 'two.xlsx');
    const one = await exportHere(dir, 'one.yaml', 'one.xlsx');
    expect(await exportHere(dir, 'two.yaml', 'two-again.xlsx')).toEqual(two);
    expect(one.equals(exportFresh(dir, 'one.yaml', 'one-fresh.xlsx'))).toBe(true);
    expect(two.equals(exportFresh(dir, 'two.yaml', 'two-fresh.xlsx'))).toBe(true);
  });

  it('a model that changes its template, and a template that extends another, do not change what the next model reads', async () => {
    const dir = writeFiles({
      'template.yaml': BASE_TEMPLATE,
      'child.yaml': 'extends: template.yaml\nchange_lines:\n  - { line: is.profit, label: "Child profit" }\n',
      'plain.yaml': modelHead('template.yaml') + VALUES,
      'changed.yaml': `${modelHead('template.yaml')}template_changes:\n  change_lines:\n    - { line: is.profit, label: "Changed profit" }\n${VALUES}`,
      'extending.yaml': modelHead('child.yaml') + VALUES,
    });
    const plain = await exportHere(dir, 'plain.yaml', 'plain-1.xlsx');
    for (const m of ['changed', 'extending']) {
      const here = await exportHere(dir, `${m}.yaml`, `${m}.xlsx`);
      expect(here.equals(plain)).toBe(false);
      expect(here.equals(exportFresh(dir, `${m}.yaml`, `${m}-fresh.xlsx`))).toBe(true);
      expect((await exportHere(dir, 'plain.yaml', `plain-after-${m}.xlsx`)).equals(plain)).toBe(true);
    }
  });
});
