// A model and its template built as objects in TypeScript (no YAML), computed, and written as
// a workbook. Run it from a checkout (the compiled file, inside the checkout, imports finbook by
// its name): npm run build && npx esbuild examples/build-in-code.ts --format=esm
// --platform=node --outfile=out/build-in-code.mjs && node out/build-in-code.mjs out/widget-co.xlsx
// (the tests compile and run it: test/api/examples.test.ts).
import { pathToFileURL } from 'node:url';
import type { ModelInput, TemplateInput } from 'finbook';
import { computeFigures, formatIssue, loadModel, writeWorkbook } from 'finbook';

/** Quarterly revenue and costs, from wherever a program keeps them (a database, an API). */
const quarters = [
  { id: '1Q25', start: '2025-01-01', end: '2025-03-31', product: 1_250_000, services: 430_000, costs: 1_310_000 },
  { id: '2Q25', start: '2025-04-01', end: '2025-06-30', product: 1_318_500, services: 452_250, costs: 1_377_125 },
];

export const template: TemplateInput = {
  finbook_template: 1,
  name: 'Quarterly results (built in code)',
  sheets: [
    {
      id: 'is',
      name: 'Income Statement',
      title: 'Statement of Operations',
      units: 'Thousands of USD',
      columns: quarters.map((q) => ({ kind: 'value' as const, period: q.id, title: q.id })),
      lines: [
        { label: 'Revenues:', style: 'bold' },
        { id: 'product', label: 'Product', indent: 1 },
        { id: 'services', label: 'Services', indent: 1 },
        { id: 'revenues', label: 'Total revenues', formula: 'sum(product:services)', style: 'subtotal' },
        { id: 'costs', label: 'Cost and expenses' },
        { id: 'operating_income', label: 'Operating income', formula: 'revenues - costs', style: 'total' },
        { id: 'margin', label: 'Operating margin', formula: 'operating_income / revenues', format: 'percent' },
      ],
    },
  ],
  checks: [{ id: 'operating_income_ties', label: 'Operating income is the revenues less the costs', periods: quarters.map((q) => q.id), left: 'is.operating_income', right: 'is.revenues - is.costs' }],
};

export const model: ModelInput = {
  finbook_model: 1,
  entity: { name: 'Widget Co.', ticker: 'WIDG', currency: 'USD', scale: 'thousands' },
  source: { title: 'Widget Co. quarterly figures', date: '2025-07-15' },
  periods: quarters.map((q) => ({ id: q.id, kind: 'quarter' as const, start: q.start, end: q.end })),
  values: {
    is: {
      product: Object.fromEntries(quarters.map((q) => [q.id, q.product])),
      services: Object.fromEntries(quarters.map((q) => [q.id, q.services])),
      costs: Object.fromEntries(quarters.map((q) => [q.id, q.costs])),
    },
  },
};

export async function main(out: string): Promise<number> {
  const loaded = loadModel(model, { template });
  if (!loaded.ok) {
    for (const issue of loaded.issues) console.error(`${issue.code}: ${formatIssue(issue)}`);
    return 2;
  }
  const figures = computeFigures(loaded.value);
  if (!figures.ok) return 2;
  for (const f of figures.value.figures.filter((x) => x.line === 'operating_income')) console.log(`${f.period} operating income ${f.exact}`);
  const written = await writeWorkbook(loaded.value, out);
  if (!written.ok) {
    for (const issue of written.issues) console.error(formatIssue(issue));
    return 2;
  }
  console.log(`wrote ${written.value.path} (${written.value.sheets} sheets, ${written.value.checks.ok}/${written.value.checks.total} checks OK)`);
  return figures.value.ok ? 0 : 1;
}

// run as a program (node build-in-code.mjs OUT.xlsx), not when imported
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) process.exitCode = await main(process.argv[2] ?? 'out/widget-co.xlsx');
