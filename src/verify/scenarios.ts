// verify for a workbook with a scenario selector: besides the scenario it was written with,
// choose every other scenario in the selector (as a user would from the drop-down), let
// LibreOffice recalculate, and compare every cell with the TypeScript model's figures for
// that scenario. Cached values are not compared there: choosing a scenario makes them stale.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Computed } from '../pipeline.js';
import type { PlannedWorkbook } from '../plan/cells.js';
import { SELECTOR_ROW } from '../plan/statement.js';
import { FIRST_DATA_COL } from '../layout/layout.js';
import { a1 } from '../layout/a1.js';
import { withOfficeSession, recalculateWithOffice } from '../office/index.js';
import type { Comparison, Difference } from './compare.js';
import { compareWorkbooks } from './compare.js';
import { readInputFile } from '../input/read.js';
import { readXlsx, WorkbookReadError } from './read-xlsx.js';
import { withScenarioSelected } from './select-scenario.js';

export interface ScenarioPlan {
  label: string;
  sheet: string;
  ref: string;
  plan: PlannedWorkbook;
}

/** Where the selector is: the drivers sheet's selector cell (none without scenarios). */
export function scenarioSelector(c: Computed): { sheet: string; ref: string } | null {
  const drivers = c.program.sheets.find((s) => s.spec.drivers);
  if (!drivers || !c.program.template.value.scenarios?.length) return null;
  return { sheet: drivers.name, ref: a1(FIRST_DATA_COL, SELECTOR_ROW) };
}

/** Differences per scenario, each tagged with its scenario's label. */
export async function verifyScenarios(path: string, scenarios: ScenarioPlan[]): Promise<{ labels: string[]; differences: Difference[] }> {
  // a regular file within the size limit only (src/input/read.ts)
  const read = readInputFile(path);
  if (!read.ok) throw new WorkbookReadError(read.reason, true);
  const bytes = new Uint8Array(read.bytes);
  const dir = await mkdtemp(join(tmpdir(), 'finbook-scenarios-'));
  try {
    return await withOfficeSession(async (session) => {
      const out: Difference[] = [];
      for (const [i, sc] of scenarios.entries()) {
        const switched = withScenarioSelected(bytes, sc.sheet, sc.ref, sc.label);
        const file = join(dir, `scenario-${i}.xlsx`);
        await writeFile(file, switched);
        const recalculated = readXlsx(await recalculateWithOffice(session, file));
        const found = compareWorkbooks(readXlsx(switched), recalculated, sc.plan).differences.filter((d) => d.reason !== 'cached');
        out.push(...found.map((d) => ({ ...d, scenario: sc.label })));
      }
      return { labels: scenarios.map((sc) => sc.label), differences: out };
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The comparison of the written scenario, with the other scenarios' differences and names. */
export function withScenarios(c: Comparison, others: { labels: string[]; differences: Difference[] }): Comparison {
  return { ...c, differences: [...c.differences, ...others.differences], scenarios: others.labels };
}
