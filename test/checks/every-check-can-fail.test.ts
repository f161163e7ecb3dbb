// Every check can fail: for each check row of each shipped model, some input of the model,
// changed, makes exactly that row (among others) fail, in TypeScript and after LibreOffice
// recalculates the workbook with the change typed in. A check that compares a figure with
// itself (a link with its source, a total with the sum that defines it) has no such input
// and fails this test. A forecast row's identity holds by construction whatever the inputs
// (the outlook's balance sheet): it must fail when a formula on the way is typed over.
// Needs soffice for the second half: skipped without it, except under CI, where a missing
// soffice fails.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CheckSide, LineInfo, Program } from '../../src/compile/program.js';
import { cellFormula, isInputCell, readScope, whenOf } from '../../src/compile/program.js';
import type { CellRead } from '../../src/compile/reads.js';
import { cellReads } from '../../src/compile/reads.js';
import { compute } from '../../src/compute/compute.js';
import { findSoffice, recalculateWithOffice, withOfficeSession } from '../../src/office/index.js';
import { DEFAULT_MODEL, ROOT, runCli, tempDir } from '../helpers/cli.js';
import type { TypedNumber } from '../helpers/type-into.js';
import { typeNumbers } from '../helpers/type-into.js';
import { computeOrThrow, failedInWorkbook, readCheckStatus, rowKey, statusCells } from './helpers.js';
import type { Computed } from '../../src/pipeline.js';
import { a1 } from '../../src/layout/a1.js';
import { readFileSync, writeFileSync } from 'node:fs';

const MODELS: [string, string][] = [
  ['the default IIJ model', DEFAULT_MODEL],
  ['Photronics fiscal 2011', join(ROOT, 'data/photronics-fy2011.yaml')],
  ['the quarterly example', join(ROOT, 'data/quarterly-example.yaml')],
  ['Photronics with its three-year forecast', join(ROOT, 'data/photronics-forecast.yaml')],
];
const runsOffice = findSoffice() !== null || Boolean(process.env.CI);

/** One cell typed in: an input changed, or (for a forecast row) a formula typed over. */
interface Change {
  line: LineInfo;
  index: number;
  /** The number typed in. */
  to: number;
}

interface Breaker {
  change: Change;
  /** Every check row that fails with this one change. */
  fails: string[];
}

interface Reached {
  cell: CellRead<LineInfo>;
  /** 0 for a cell a side of the check names itself. */
  depth: number;
}

/**
 * The cells a check row depends on, nearest first (breadth-first through formulas). A side
 * that is a printed figure is a constant; the tie-out's counts depend on every input cell.
 */
function cellsOf(program: Program, rowLeft: CheckSide, rowRight: CheckSide, period: string | null): Reached[] {
  const scope = readScope(program);
  const first: CellRead<LineInfo>[] = [];
  for (const side of [rowLeft, rowRight]) {
    if (side.kind === 'formula') cellReads(scope, side.node, null, whenOf(program, period), first);
    else if (side.kind === 'tie_out')
      for (const line of program.sheets.flatMap((s) => s.ordered)) line.table.valuePeriods.forEach((_, index) => isInputCell(line, index) && first.push({ line, index }));
  }
  const queue: Reached[] = first.map((cell) => ({ cell, depth: 0 }));
  const seen = new Set<string>();
  const out: Reached[] = [];
  while (queue.length > 0) {
    const r = queue.shift()!;
    const key = `${r.cell.line.key}@${r.cell.index}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(r);
    if (isInputCell(r.cell.line, r.cell.index)) continue;
    const next: CellRead<LineInfo>[] = [];
    cellReads(scope, cellFormula(program, r.cell.line, r.cell.index)!, r.cell.line.sheet.id, whenOf(program, r.cell.line.table.valuePeriods[r.cell.index]!), next);
    queue.push(...next.map((cell) => ({ cell, depth: r.depth + 1 })));
  }
  return out;
}

/** Which check rows fail with these cells typed in (the model is restored afterwards). */
function failingWith(program: Program, changes: Change[]): string[] {
  const values = program.model.value.values;
  const undo: (() => void)[] = [];
  for (const c of changes) {
    const period = c.line.table.valuePeriods[c.index]!;
    const byLine = (values[c.line.sheet.id] ??= {});
    const byPeriod = byLine[c.line.id];
    // a loaded line's values are a read-only view (src/model/compact-values.ts): type into a
    // plain copy of the line, and put the view back afterwards
    byLine[c.line.id] = { ...byPeriod, [period]: c.to };
    const inputAt = c.line.inputAt;
    if (!isInputCell(c.line, c.index)) (c.line.inputAt = c.line.table.valuePeriods.map((_, i) => inputAt?.[i] === true))[c.index] = true;
    undo.push(() => {
      c.line.inputAt = inputAt;
      if (byPeriod === undefined) delete byLine[c.line.id];
      else byLine[c.line.id] = byPeriod;
    });
  }
  try {
    return compute(program)
      .checks.filter((r) => !r.ok)
      .map((r) => rowKey(r.check.spec.id, r.row.period));
  } finally {
    for (const u of undo.reverse()) u();
  }
}

/**
 * For every check row, one typed cell that makes it fail: an input, moved well past the
 * tolerance either way; for a row of a forecast period, whose inputs cannot break an identity
 * that holds by construction (the balance sheet), a formula typed over, as an analyst might,
 * though never a cell the check names itself.
 */
function breakers(program: Program): { found: Map<string, Breaker>; unbreakable: string[] } {
  const results = compute(program);
  const found = new Map<string, Breaker>();
  const unbreakable: string[] = [];
  for (const check of program.checks)
    for (const row of check.rows) {
      const key = rowKey(check.spec.id, row.period);
      if (found.has(key)) continue;
      const forecast = row.period !== null && program.periods.get(row.period)?.forecast === true;
      const reached = cellsOf(program, row.left, row.right, row.period);
      const candidates = [...reached.filter((r) => isInputCell(r.cell.line, r.cell.index)), ...(forecast ? reached.filter((r) => r.depth > 0 && !isInputCell(r.cell.line, r.cell.index)) : [])];
      let hit: Breaker | undefined;
      for (const { cell } of candidates) {
        const value = results.cellValue(cell.line, cell.line.table.valuePeriods[cell.index]!);
        const size = Math.abs(value) * 0.5 + check.spec.tolerance * 10 + 1000;
        for (const delta of [size, -size]) {
          const change = { line: cell.line, index: cell.index, to: value + delta };
          const fails = failingWith(program, [change]);
          if (fails.includes(key)) {
            hit = { change, fails };
            break;
          }
        }
        if (hit) break;
      }
      if (!hit) unbreakable.push(key);
      // one change that breaks several rows covers them all
      else for (const k of hit.fails) if (!found.has(k)) found.set(k, hit);
    }
  return { found, unbreakable };
}

/**
 * Changes that can be typed into one workbook together: together they fail exactly the rows
 * they fail one by one (none masks another's), checked in TypeScript before LibreOffice
 * confirms it.
 */
function batches(program: Program, chosen: Breaker[]): Breaker[][] {
  const out: { members: Breaker[]; rows: Set<string> }[] = [];
  for (const b of chosen) {
    const batch = out.find((g) => sameSet(failingWith(program, [...g.members, b].map((m) => m.change)), [...g.rows, ...b.fails]));
    if (batch) {
      batch.members.push(b);
      for (const k of b.fails) batch.rows.add(k);
    } else out.push({ members: [b], rows: new Set(b.fails) });
  }
  return out.map((g) => g.members);
}

function sameSet(a: string[], b: string[]): boolean {
  return a.length === new Set(b).size && a.every((x) => b.includes(x));
}

const cases = MODELS.map(([name, model]) => {
  const computed = computeOrThrow(model);
  return { name, model, computed, ...breakers(computed.program) };
});

describe.each(cases)('every check of $name can fail', ({ computed, found, unbreakable }) => {
  it('has, for each check row, an input whose change makes it fail in TypeScript', () => {
    expect(unbreakable).toEqual([]);
    expect(found.size).toBe(computed.results.checks.length);
  });
});

describe('every check can fail in the workbook', () => {
  (runsOffice ? it : it.skip)(
    'fails the same rows when the changes are typed into the written workbook and LibreOffice recalculates',
    async () => {
      const dir = tempDir();
      // per model: its workbook with the changes of one batch typed in, and the rows they break
      const typed: { name: string; computed: Computed; bytes: Uint8Array; expected: string[]; what: string }[] = [];
      for (const c of cases) {
        const good = join(dir, `${typed.length}.xlsx`);
        expect((await runCli(['export', c.model, '--out', good])).code).toBe(0);
        const groups = batches(c.computed.program, [...new Set(c.found.values())]);
        // every check row fails in some workbook
        expect(new Set(groups.flat().flatMap((b) => b.fails)).size, c.name).toBe(c.computed.results.checks.length);
        const bytes = readFileSync(good);
        for (const group of groups)
          typed.push({
            name: c.name,
            computed: c.computed,
            bytes: typeNumbers(bytes, group.map((b) => typedChange(c.computed, b))),
            expected: [...new Set(group.flatMap((b) => b.fails))].sort(),
            what: group.map((b) => `${b.change.line.key}[${b.change.line.table.valuePeriods[b.change.index]}] = ${b.change.to}`).join(', '),
          });
      }
      const recalculated = await withOfficeSession(async (s) => {
        const all: Uint8Array[] = [];
        for (const [i, t] of typed.entries()) {
          const file = join(dir, `typed-${i}.xlsx`);
          writeFileSync(file, t.bytes);
          all.push(await recalculateWithOffice(s, file));
        }
        return all;
      });
      for (const [i, t] of typed.entries()) {
        const status = await readCheckStatus(recalculated[i]!, statusCells(t.computed));
        expect(failedInWorkbook(status).sort(), `${t.name}, typed: ${t.what}`).toEqual(t.expected);
        expect(status.master).toBe('FAIL');
      }
    },
    240_000,
  );
});

/** A change as typed into the workbook: the cell and its new number (over a formula too). */
function typedChange(c: Computed, b: Breaker): TypedNumber {
  const at = c.layout.address(b.change.line, b.change.line.table.valuePeriods[b.change.index]!);
  return { sheet: at.sheet, ref: a1(at.col, at.row), value: b.change.to };
}
