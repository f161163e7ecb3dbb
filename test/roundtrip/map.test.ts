// The map every workbook carries: on a very hidden, protected last sheet; every input and
// formula cell in it once, with its own role and what finbook wrote; anchors that point at
// the cells; nothing for workbooks too large to map.
import { strFromU8, unzipSync } from 'fflate';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { a1 } from '../../src/layout/a1.js';
import type { PlannedCell, PlannedWorkbook } from '../../src/plan/cells.js';
import { generateFiles } from '../../src/generate/generate.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { planWorkbookMap } from '../../src/plan/map.js';
import { MAP_MAX_CELLS, MAP_SHEET, loadStoredMap, mapJsonPieces, mapJsonText } from '../../src/plan/map-format.js';
import fc from 'fast-check';
import { readWorkbookMap } from '../../src/roundtrip/read-map.js';
import { readXlsx } from '../../src/verify/read-xlsx.js';
import { DEFAULT_MODEL, tempDir } from '../helpers/cli.js';
import { planModel, xlsxBytes } from '../verify/support.js';

const SMALL = join(__dirname, 'fixtures/small/model.yaml');

/** Every input and formula cell the plan writes outside the map, and the scenario selector: "sheet!A1" -> the cell. */
function plannedCells(p: PlannedWorkbook): Map<string, PlannedCell> {
  const out = new Map<string, PlannedCell>();
  for (const sheet of p.sheets) {
    if (sheet.kind === 'map') continue;
    for (const row of sheet.rows) for (const c of row.cells) if (c.kind !== 'text' || c.role === 'selector') out.set(`${sheet.name}!${a1(c.col, row.row)}`, c);
  }
  return out;
}

describe('the map in a written workbook', () => {
  it('is the last sheet, very hidden and protected without a password', async () => {
    const p = planModel(DEFAULT_MODEL);
    const parts = unzipSync(await xlsxBytes(p));
    const workbookXml = strFromU8(parts['xl/workbook.xml']!);
    expect(workbookXml).toMatch(new RegExp(`<sheet sheetId="${p.sheets.length}" name="${MAP_SHEET}" state="veryHidden" r:id="rId\\d+"/></sheets>`));
    // every other sheet stays visible
    expect(workbookXml.match(/state="visible"/g)).toHaveLength(p.sheets.length - 1);
    const mapXml = strFromU8(parts[`xl/worksheets/sheet${p.sheets.length}.xml`]!);
    expect(mapXml).toMatch(/<sheetProtection sheet="1"/);
    expect(mapXml).not.toMatch(/<sheetProtection[^>]*(password|hashValue)=/);
  });

  it.each([
    ['the default IIJ workbook', DEFAULT_MODEL],
    ['the small fixture', SMALL],
  ])('%s: lists every input and formula cell once, with its role and what was written, and each anchor points at its cells', async (_name, model) => {
    const p = planModel(model);
    const read = readWorkbookMap(readXlsx(await xlsxBytes(p)))!;
    expect(read.brokenAnchors).toBe(0);
    const planned = plannedCells(p);
    const seen = new Set<string>();
    for (const m of read.cells) {
      const at = `${m.sheet.name}!${a1(m.cell.c, m.row.r)}`;
      expect(seen.has(at), at).toBe(false);
      seen.add(at);
      // the anchor says where the cell is: where it was written
      expect(m.at).toEqual({ sheet: m.sheet.name, row: m.row.r, col: m.cell.c });
      const c = planned.get(at)!;
      expect(c, at).toBeDefined();
      if (c.kind === 'input') expect([m.cell.t, m.cell.v]).toEqual(['input', c.value]);
      else if (c.kind === 'text') expect([m.cell.t, m.cell.v]).toEqual(['choice', c.text]);
      else expect([m.cell.t, m.cell.v]).toEqual([c.link ? 'link' : 'formula', c.formula]);
    }
    expect(seen.size).toBe(planned.size);
  });

  it("records each cell's own role, not its line's: a line that is an input in one period and a formula in another", () => {
    const p = planModel(SMALL);
    // make FY's fees a formula, as a template can from issue 13 on (references through time)
    const results = p.sheets.find((s) => s.name === 'Results')!;
    const fees = results.rows.find((r) => r.cells.some((c) => c.kind === 'text' && c.text === 'Fees'))!;
    const fy = fees.cells.findIndex((c) => c.kind === 'input' && c.col === 3);
    fees.cells[fy] = { kind: 'formula', col: 3, formula: `B${fees.row}+C${fees.row}`, value: 22, format: 'amount', style: 'normal', link: false };
    const loaded = loadAndCompute(SMALL);
    if (!loaded.ok) throw new Error('fixture');
    const map = loadStoredMap(planWorkbookMap(loaded.value.program, loaded.value.layout, loaded.value.results, p.sheets.filter((s) => s.kind !== 'map'), p.definedNames, 'test')!)!;
    const row = map.rows.find((r) => r.id === 'fees')!;
    expect(row.cells.map((c) => [c.k, c.t, c.m?.join('.')])).toEqual([
      ['Q1', 'input', 'values.is.fees.Q1'],
      ['Q2', 'input', 'values.is.fees.Q2'],
      ['FY', 'formula', undefined],
      ['FY / fx', 'formula', undefined],
    ]);
  });

  it('stores its JSON with backticks for quotes, ASCII only, in pieces that read back whole whatever the text (fast-check)', () => {
    const map = planModel(DEFAULT_MODEL).map!;
    const pieces = mapJsonPieces(map);
    expect(pieces.length).toBeGreaterThan(1);
    expect(JSON.parse(mapJsonText(pieces))).toEqual(map);
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'binary', maxLength: 40 }), { minLength: 1, maxLength: 30 }), (texts) => {
        const edited = structuredClone(map);
        texts.forEach((t, i) => {
          const row = edited.rows[i % edited.rows.length]!;
          if (i % 2) row.label = t;
          else row.cells[0]![3] = t;
        });
        const stored = mapJsonPieces(edited);
        for (const piece of stored) expect(piece).toMatch(/^[\x20-\x21\x23-\x7e]*$/);
        expect(JSON.parse(mapJsonText(stored))).toEqual(edited);
      }),
      { numRuns: 100 },
    );
  });

  describe('a workbook too large to map', () => {
    const dir = tempDir('finbook-map-');
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it(`carries no map above ${MAP_MAX_CELLS.toLocaleString('en-US')} input and formula cells`, () => {
      // 100 lines x 300 months x 2 sheets: 60,000 cells of figures
      const files = generateFiles({ lines: 100, periods: 300, sheets: 2, seed: 3 }, join(dir, 'big.json'));
      expect(files.numericCells).toBeGreaterThan(MAP_MAX_CELLS);
      writeFileSync(files.modelPath, files.model);
      writeFileSync(files.templatePath, files.template);
      const loaded = loadAndCompute(files.modelPath);
      if (!loaded.ok) throw new Error(loaded.issues[0]!.message);
      const p = plan(loaded.value);
      expect(p.map).toBeUndefined();
      expect(p.sheets.some((s) => s.kind === 'map')).toBe(false);
    });
  });
});
