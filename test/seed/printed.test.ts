// The default model's printed figures (data/iij-fy2002.yaml, `printed:`) are the release's
// five statement tables, figure for figure as printed: compared here with the release's text,
// so a typo, a missing figure or a figure in the wrong column fails. The differences the model
// explains are exactly the cells the release moved to make its columns foot.
import { describe, expect, it } from 'vitest';
import { loadFile } from '../../src/model/load.js';
import type { Model } from '../../src/model/schema.js';
import { modelSchema } from '../../src/model/schema.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { DEFAULT_MODEL } from '../helpers/cli.js';
import type { ReleaseTable, ReleaseTableKey } from './release-tables.js';
import { publishedRoundingAdjustments, readReleaseTables, releaseTable } from './release-tables.js';

const KEYS: ReleaseTableKey[] = ['is_q', 'is_y', 'bs', 'cf_q', 'cf_y'];
const release = readReleaseTables();
const file = loadFile(DEFAULT_MODEL, modelSchema, 'the model');
if (!file.ok) throw new Error('the default model does not load');
const model = file.file.value;
const loaded = loadAndCompute(DEFAULT_MODEL);
if (!loaded.ok) throw new Error(loaded.issues.map((i) => i.message).join('\n'));
const { program, results } = loaded.value;

/** Every place where the model's printed figures and the release's text disagree. */
function differencesFromRelease(printed: NonNullable<Model['printed']>, tables: readonly ReleaseTable[]): string[] {
  const out: string[] = [];
  for (const key of KEYS) {
    const table = releaseTable(tables, key);
    const mine = printed.tables.filter((t) => t.sheet === key);
    if (mine.length !== 1) {
      out.push(`${key}: ${mine.length} printed tables`);
      continue;
    }
    const sheet = program.sheetById.get(key)!;
    const lines = sheet.tables[0]!.lines;
    const { columns, lines: rows } = mine[0]!;
    // release column i is template column i: the printed columns name them in that order
    const template = sheet.tables[0]!.columns.map((c) => `${c.kind} ${c.period}${c.base ? `/${c.base}` : ''}`);
    const named = columns.map((c) => `${c.kind} ${c.period}${c.base ? `/${c.base}` : ''}`);
    if (JSON.stringify(named) !== JSON.stringify(template)) out.push(`${key}: columns ${named.join(', ')}; the release's are ${template.join(', ')}`);
    const seen = new Set<string>();
    table.rows.forEach((row, i) => {
      const id = lines[i]?.id;
      if (!id) {
        if (row.texts.some((t) => t !== '')) out.push(`${key} "${row.label}": a heading row with figures`);
        return;
      }
      seen.add(id);
      const figures = rows[id];
      const expected = row.texts.map((t) => (t === '' ? null : t));
      if (!figures) out.push(`${key}.${id} ("${row.label}"): not in the model's printed figures`);
      else if (JSON.stringify(figures) !== JSON.stringify(expected)) out.push(`${key}.${id}: ${JSON.stringify(figures)}; the release prints ${JSON.stringify(expected)}`);
    });
    for (const id of Object.keys(rows)) if (!seen.has(id)) out.push(`${key}.${id}: printed in the model, not in the release's table`);
  }
  return out;
}

describe("the default model's printed figures", () => {
  it('are the release text of the five statement tables, figure for figure', () => {
    expect(model.printed).toBeDefined();
    expect(differencesFromRelease(model.printed!, release)).toEqual([]);
  });

  it('would show a typo (the comparison is not vacuous)', () => {
    const typo = structuredClone(model.printed!);
    typo.tables[0]!.lines['dialup_access']![2] = '5.8';
    expect(differencesFromRelease(typo, release)).toEqual([
      'is_q.dialup_access: ["6,479","764,958","5.8","844,279","7.0","(9.4)","776,173","7.4","(1.4)"]; the release prints ["6,479","764,958","5.9","844,279","7.0","(9.4)","776,173","7.4","(1.4)"]',
    ]);
  });

  it('explain exactly the 35 cells the release moved to make its columns foot, with the footing reason', () => {
    const moved = publishedRoundingAdjustments(release).map((a) => {
      const line = program.sheetById.get(a.key)!.tables[0]!.lines[releaseTable(release, a.key).rows.findIndex((r) => r.label === a.label)]!;
      return `${a.key}.${line.id} column ${a.column}`;
    });
    const explained = program.printed.all.filter((f) => f.reason).map((f) => `${f.line.key} column ${f.columnIndex + 1}`);
    expect(explained.sort()).toEqual(moved.sort());
    expect(new Set(program.printed.all.flatMap((f) => (f.reason ? [f.reason.id] : [])))).toEqual(new Set(['release_footing']));
  });

  it('tie out: 530 figures of derived cells on the Tie-out sheet, 495 within rounding, the 35 moved ones explained, none failing', () => {
    const { rows, within, explained } = results.tieOut;
    expect(rows).toHaveLength(530);
    expect(within).toBe(495);
    expect(explained).toBe(35);
    expect(rows.filter((r) => r.status === 'EXPLAINED').map((r) => r.figure)).toEqual(program.printed.listed.filter((f) => f.reason));
    // a moved figure is more than half a unit and at most one and a half units away
    for (const r of rows.filter((x) => x.status === 'EXPLAINED')) {
      expect(r.differenceUnits!.abs().toNumber()).toBeGreaterThan(0.5);
      expect(r.differenceUnits!.abs().toNumber()).toBeLessThanOrEqual(1.5);
    }
    // the leaf JPY figures are the model's inputs and equal them: not listed; the cash flows'
    // net loss, equity-method loss, minority interests and beginning cash where the balance
    // sheet has the day before are links, and their printed figures tie out like any other
    expect(program.printed.all.length - program.printed.listed.length).toBe(268);
    const links = program.printed.listed.filter((f) => /^cf_[qy]\.(net_loss|equity_method_loss|minority_interests|cash_beginning)$/.test(f.line.key) && f.column.kind === 'value');
    expect(links.map((f) => `${f.line.key}[${f.column.period}]`)).toEqual([
      'cf_q.net_loss[4Q02]', 'cf_q.net_loss[4Q01]', 'cf_q.net_loss[3Q02]',
      'cf_q.equity_method_loss[4Q02]', 'cf_q.equity_method_loss[4Q01]', 'cf_q.equity_method_loss[3Q02]',
      'cf_q.minority_interests[4Q02]', 'cf_q.minority_interests[4Q01]', 'cf_q.minority_interests[3Q02]',
      'cf_q.cash_beginning[4Q02]',
      'cf_y.net_loss[FY2002]', 'cf_y.net_loss[FY2001]',
      'cf_y.equity_method_loss[FY2002]', 'cf_y.equity_method_loss[FY2001]',
      'cf_y.minority_interests[FY2002]', 'cf_y.minority_interests[FY2001]',
      'cf_y.cash_beginning[FY2002]',
    ]);
    expect(program.printed.all.filter((f) => f.input).every((f) => !f.listed)).toBe(true);
    expect(results.checks.find((c) => c.check.spec.id === 'tie_out')?.ok).toBe(true);
  });

  it("list every figure the release prints for a derived cell: totals, USD, shares, changes, per-share figures", () => {
    const kinds = new Map<string, number>();
    for (const f of program.printed.listed) {
      const kind = f.column.kind === 'value' ? `value (${f.line.spec.format})` : f.column.kind;
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
    }
    expect(Object.fromEntries(kinds)).toEqual({ translated: 137, share: 214, change: 69, 'value (amount)': 100, 'value (amount_2dp)': 5, 'value (count)': 5 });
  });
});
