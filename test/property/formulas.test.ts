// Property: for generated templates and models, every formula finbook writes computes, in an
// independent engine (HyperFormula), the value decimal.js computed for it — within a
// relative 1e-9. One case in three is exported to .xlsx bytes and read back (printer, plan,
// writer and reader under test); the others give the plan's formulas to HyperFormula
// directly, which is several times faster and tests the printer and the plan.
//
// FINBOOK_PROPERTY_RUNS=N runs more cases; FINBOOK_PROPERTY_SEED=S (with the path printed on
// failure in FINBOOK_PROPERTY_PATH) replays a failure.
import fc from 'fast-check';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { formatIssue } from '../../src/issues.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { formulaMismatches, plannedAsRead, recalculateWithHyperFormula } from '../verify/hyperformula.js';
import { xlsxBytes } from '../verify/support.js';
import type { GeneratedCase, RawCase } from './generate.js';
import { buildCase, rawCase } from './generate.js';

const RUNS = Number(process.env.FINBOOK_PROPERTY_RUNS ?? 200);
const SEED = process.env.FINBOOK_PROPERTY_SEED === undefined ? undefined : Number(process.env.FINBOOK_PROPERTY_SEED);
const PATH = process.env.FINBOOK_PROPERTY_PATH;

const dir = mkdtempSync(join(tmpdir(), 'finbook-property-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function shown(c: GeneratedCase): string {
  return `\n(${c.viaFile ? 'exported to .xlsx and read back' : 'planned formulas given to HyperFormula directly'})\n--- template.yaml ---\n${c.templateText}--- model.yaml ---\n${c.modelText}`;
}

/** The case as fast-check prints it in a failure report: the YAML files themselves. */
const generatedCase: fc.Arbitrary<GeneratedCase> = rawCase.map((raw: RawCase) => {
  const c = buildCase(raw);
  return Object.assign(c, { [fc.toStringMethod]: () => shown(c) });
});

async function mismatches(c: GeneratedCase): Promise<string[]> {
  writeFileSync(join(dir, 'template.yaml'), c.templateText);
  writeFileSync(join(dir, 'model.yaml'), c.modelText);
  const loaded = loadAndCompute(join(dir, 'model.yaml'));
  if (!loaded.ok) throw new Error(`the generated case does not compile:\n${loaded.issues.map(formatIssue).join('\n')}${shown(c)}`);
  const workbook = plan(loaded.value);
  return formulaMismatches(workbook, recalculateWithHyperFormula(c.viaFile ? readXlsx(await xlsxBytes(workbook)) : plannedAsRead(workbook)));
}

describe('generated templates and models', () => {
  it(`compute the Decimal value in every formula cell when recalculated by HyperFormula (${RUNS} cases)`, async () => {
    await fc.assert(
      fc.asyncProperty(generatedCase, async (c) => {
        const wrong = await mismatches(c);
        if (wrong.length > 0) throw new Error(`${wrong.length} cell(s) differ:\n${wrong.slice(0, 12).join('\n')}${shown(c)}`);
      }),
      { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}), ...(PATH ? { path: PATH } : {}) },
    );
  }, 600_000);

  it('exercise what the property is about: division guards, brackets, unary minus, quoted cross-sheet references', () => {
    // A sample of generated cases must contain each feature, or the property proves little.
    const texts = fc.sample(generatedCase, { numRuns: 200, seed: 42 }).map((c) => c.templateText);
    const share = (re: RegExp): number => texts.filter((t) => re.test(t)).length / texts.length;
    expect(share(/formula: .*\//)).toBeGreaterThan(0.3); // divisions (guarded unless by a non-zero constant)
    expect(share(/formula: .*\$zero/)).toBeGreaterThan(0.1); // a denominator that is always zero
    expect(share(/formula: .*- \(/)).toBeGreaterThan(0.1); // a - (b - c) and the like
    expect(share(/formula: .*- [^(]+ - /)).toBeGreaterThan(0.1); // subtraction chains
    expect(share(/formula: (.*[-+*/(] )?-[a-z$(0-9]/)).toBeGreaterThan(0.2); // unary minus
    expect(share(/formula: .*s\d\.l\d/)).toBeGreaterThan(0.3); // references to other sheets
    expect(share(/formula: .*\[P\d\]/)).toBeGreaterThan(0.2); // a fixed period
    expect(share(/name: (Balance Sheet|FY2024|Bob's|R1C1|Cash-flow)/)).toBeGreaterThan(0.5); // quoted sheet names
    expect(share(/kind: share/)).toBeGreaterThan(0.2);
    expect(share(/kind: change/)).toBeGreaterThan(0.2);
    expect(share(/formula: .*sum\(/)).toBeGreaterThan(0.1);
  });
});
