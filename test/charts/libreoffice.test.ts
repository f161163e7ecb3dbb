// The written package opens in LibreOffice: printed to PDF, every chart is there (its title
// and its data labels are text of the PDF), an input changed in the workbook moves the chart
// after LibreOffice recalculates, and the default workbook still passes `finbook verify`.
// Needs soffice and pdftotext: skipped without soffice, except under CI, where it fails.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sheetParts } from '../../src/write/charts/package.js';
import { a1 } from '../../src/layout/a1.js';
import { findSoffice, withOfficeSession } from '../../src/office/index.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { DEFAULT_MODEL, runCli, tempDir } from '../helpers/cli.js';

const runs = findSoffice() !== null || Boolean(process.env.CI);
const LO_TIMEOUT_MS = 240_000;
const FIXTURE = join(__dirname, 'fixtures/basic/model.yaml');
// recalculated before printing, whatever the LibreOffice's own setting (an input was typed over)
const PDF = { ext: 'pdf', filter: 'calc_pdf_Export', recalc: true } as const;

/** The PDF's text, one string per page (pdftotext separates pages with a form feed). */
function pdfPages(pdf: string): string[] {
  const r = spawnSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`pdftotext failed (is poppler-utils installed?): ${r.stderr || r.error?.message}`);
  return r.stdout.split('\f');
}

const chartsPage = (pages: string[]): string => {
  const page = pages.find((p) => p.includes('Native charts: every series points at the statement cells'));
  if (!page) throw new Error('no page of the Charts sheet in the PDF');
  return page;
};

/** A copy of the workbook with one input cell's value replaced (as if typed in Excel). */
function withCellValue(xlsx: string, sheet: string, ref: string, value: number, out: string): void {
  const parts = unzipSync(readFileSync(xlsx));
  const path = sheetParts((n) => (parts[n] ? strFromU8(parts[n]) : undefined)).get(sheet)!;
  const xml = strFromU8(parts[path]!);
  const cell = new RegExp(`(<c r="${ref}"[^>]*>)<v>[^<]*</v>`);
  expect(xml).toMatch(cell);
  parts[path] = strToU8(xml.replace(cell, `$1<v>${value}</v>`));
  writeFileSync(out, zipSync(parts));
}

async function exportTo(model: string, out: string): Promise<void> {
  const r = await runCli(['export', model, '--out', out, '--quiet']);
  expect(r.code, r.stderr).toBe(0);
}

describe.skipIf(!runs)('charts in LibreOffice', () => {
  it(
    'prints every chart, and a changed input moves the chart once LibreOffice recalculates',
    async () => {
      const dir = tempDir();
      const good = join(dir, 'fixture.xlsx');
      const edited = join(dir, 'edited.xlsx');
      await exportTo(FIXTURE, good);
      // 4Q02 selling, general and administrative expenses up by 1,000,000: operating income
      // (a formula the line chart points at) falls from (559,037) to (1,559,037)
      const loaded = loadAndCompute(FIXTURE);
      if (!loaded.ok) throw new Error('fixture does not load');
      const sga = loaded.value.program.sheetById.get('is_q')!.lines.get('sga')!;
      const at = loaded.value.layout.address(sga, '4Q02');
      withCellValue(good, 'IS Quarter', a1(at.col, at.row), 1563581 + 1_000_000, edited);

      // read inside the session: its files go with it
      const [pages, editedPages] = await withOfficeSession(async (s) => [pdfPages(await s.convert(good, PDF)), pdfPages(await s.convert(edited, PDF))]);
      const charts = chartsPage(pages!);
      for (const title of ['Revenue by service line', 'Revenue mix 4Q02', 'Gross margin by segment', 'Operating income (loss)']) expect(charts).toContain(title);
      // the chart beside the balance sheet's table prints on that sheet's page
      expect(pages!.find((p) => p.includes('Assets at Mar 31, 2003'))).toContain('Accounts receivable');
      // category labels from the Charts sheet's cells and from the statement's label cells
      expect(charts).toMatch(/Mar 2002\s+Dec 2002\s+Mar 2003/);
      expect(charts).toContain('Dial-up access services');
      expect(charts).toContain('(559,037)');

      const moved = chartsPage(editedPages!);
      expect(moved).toContain('(1,559,037)');
      expect(moved).not.toContain('(559,037)');
    },
    LO_TIMEOUT_MS,
  );

  it(
    'shows the default workbook charts with the release figures, and the workbook still verifies',
    async () => {
      const out = join(tempDir(), 'iij.xlsx');
      await exportTo(DEFAULT_MODEL, out);
      const charts = chartsPage(await withOfficeSession(async (s) => pdfPages(await s.convert(out, PDF))));
      for (const title of ['Revenues by service line, quarterly', 'Revenue portfolio mix, 4Q02', 'Gross margin by segment', 'Operating income (loss) and adjusted EBITDA, quarterly']) expect(charts).toContain(title);
      // data labels drawn by LibreOffice from the cells: EBITDA and operating income in JPY
      // millions, the doughnut's shares
      for (const label of ['968', '349', '459', '186', '(567)', '(446)', '25.6%', '37.6%', '20.8%']) expect(charts).toContain(label);

      const verified = await runCli(['verify', out, '--model', DEFAULT_MODEL]);
      expect(verified.stderr).toBe('');
      expect(verified.code).toBe(0);
      expect(verified.stdout).toMatch(/0 differences/);
    },
    LO_TIMEOUT_MS,
  );
});
