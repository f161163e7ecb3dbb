// Three independent engines recalculate every example from its formulas and inputs alone:
// HyperFormula (in-process), LibreOffice (headless, recalculating on load) and Gnumeric
// (ssconvert --recalc). Every cached value must be what each of them computes, and a value
// they all compute as exactly 0 must be cached as exactly 0 (no Decimal rounding residue
// such as the 1e-38 the Checks sheet once cached).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { recalculateAllWithOffice, withOfficeSession } from '../../src/office/index.js';
import type { Comparison } from '../../src/verify/compare.js';
import { compareWorkbooks, formatValue } from '../../src/verify/compare.js';
import type { ReadWorkbook } from '../../src/verify/read-xlsx.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { EXAMPLES, exampleBytes } from '../helpers/examples.js';
import { tempDir } from '../helpers/cli.js';
import { describeWithGnumeric, recalculateWithGnumeric } from '../helpers/gnumeric.js';
import { MAP_SHEET } from '../../src/plan/map-format.js';
import { recalculateWithHyperFormula } from '../verify/hyperformula.js';
import { describeWithOffice } from '../verify/office.js';

const LO_TIMEOUT_MS = 240_000;

/** Cell values as another engine left them, as a workbook compareWorkbooks reads. */
function asWorkbook(original: ReadWorkbook, values: Map<string, Map<string, unknown>>): ReadWorkbook {
  return {
    definedNames: original.definedNames,
    sheets: original.sheets.map((s) => ({
      name: s.name,
      cells: new Map([...s.cells].map(([ref, c]) => [ref, { ...c, value: c.formula === null ? c.value : ((values.get(s.name)?.get(ref) ?? null) as never) }])),
    })),
  };
}

/** Differences and Decimal residues, each a line naming sheet, cell, formula and both values. */
function problems(engine: string, original: ReadWorkbook, recalculated: ReadWorkbook): string[] {
  const c: Comparison = compareWorkbooks(original, recalculated);
  const out = c.differences.map((d) => `${engine}: ${d.sheet}!${d.cell} =${d.formula}: cached ${formatValue(d.expected)}, ${engine} ${formatValue(d.actual)}`);
  const again = new Map(recalculated.sheets.map((s) => [s.name, s]));
  for (const sheet of original.sheets)
    for (const cell of sheet.cells.values()) {
      if (cell.formula === null || typeof cell.value !== 'number' || cell.value === 0) continue;
      if (again.get(sheet.name)?.cells.get(cell.ref)?.value === 0) out.push(`${engine}: ${sheet.name}!${cell.ref} =${cell.formula}: cached ${cell.value} where ${engine} computes exactly 0`);
    }
  if (c.formulaCells === 0) out.push(`${engine}: no formula cells compared`);
  return out;
}

const examples = EXAMPLES.map((e) => [e.name, e] as const);
const written = new Map<string, Uint8Array>();

beforeAll(async () => {
  for (const e of EXAMPLES) written.set(e.name, await exampleBytes(e));
});

describe('HyperFormula agrees with every cached value of every example', () => {
  it.each(examples)('%s', (name) => {
    const original = readXlsx(written.get(name)!);
    expect(problems('HyperFormula', original, asWorkbook(original, recalculateWithHyperFormula(original)))).toEqual([]);
  });
});

describe('a cached rounding residue is caught', () => {
  it('1e-38 cached where the engines compute exactly 0 is reported (sameValue alone would pass it)', () => {
    const original = readXlsx(written.get(EXAMPLES[0]!.name)!);
    const sheet = original.sheets.find((s) => s.name === 'Checks')!;
    const cell = [...sheet.cells.values()].find((c) => c.formula !== null && c.value === 0)!;
    sheet.cells.set(cell.ref, { ...cell, value: 1e-38 });
    expect(problems('HyperFormula', original, asWorkbook(original, recalculateWithHyperFormula(original)))).toEqual([
      `HyperFormula: Checks!${cell.ref} =${cell.formula}: cached 1e-38 where HyperFormula computes exactly 0`,
    ]);
  });
});

describeWithGnumeric('Gnumeric agrees with every cached value of every example', () => {
  it.each(examples)('%s', (name) => {
    const bytes = written.get(name)!;
    // Gnumeric 1.12 cannot read a sheet name with a doubled apostrophe ('Bob''s R1C1'!B7) in
    // a formula and keeps such a formula as text; of these examples only the map's anchors
    // name such sheets (finbook diff reads the anchors' text, never Gnumeric's results)
    const found = problems('Gnumeric', readXlsx(bytes), recalculateWithGnumeric(bytes));
    expect(found.filter((p) => !(p.startsWith(`Gnumeric: ${MAP_SHEET}!`) && p.includes("''")))).toEqual([]);
  });

  it('really recalculates: a cached value changed in the file is not what Gnumeric gives back', () => {
    const bytes = written.get(EXAMPLES[0]!.name)!;
    const original = readXlsx(bytes);
    const sheet = original.sheets.find((s) => s.name === 'Checks')!;
    const cell = [...sheet.cells.values()].find((c) => c.formula !== null && typeof c.value === 'number' && c.value !== 0)!;
    const tampered = { ...original, sheets: original.sheets.map((s) => (s === sheet ? { ...s, cells: new Map([...s.cells, [cell.ref, { ...cell, value: (cell.value as number) + 1 }]]) } : s)) };
    expect(problems('Gnumeric', tampered, recalculateWithGnumeric(bytes))).toEqual([expect.stringContaining(`Checks!${cell.ref}`)]);
  });
});

describeWithOffice('LibreOffice agrees with every cached value of every example', () => {
  // every example recalculated in one LibreOffice run (one start-up, not one each)
  const recalculated = new Map<string, ReadWorkbook>();
  beforeAll(async () => {
    const dir = tempDir('finbook-engines-');
    try {
      const paths = EXAMPLES.map((e, i) => {
        const path = join(dir, `example-${i}.xlsx`);
        writeFileSync(path, written.get(e.name)!);
        return path;
      });
      const results = await withOfficeSession((session) => recalculateAllWithOffice(session, paths));
      EXAMPLES.forEach((e, i) => recalculated.set(e.name, readXlsx(results[i]!)));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, LO_TIMEOUT_MS);

  it.each(examples)('%s', (name) => {
    expect(problems('LibreOffice', readXlsx(written.get(name)!), recalculated.get(name)!)).toEqual([]);
  });
});
