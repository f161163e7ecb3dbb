// docs/templates.md stays true: every example in it loads, compiles and computes, and every
// field, column kind, format, style, function and placeholder of the format is documented.
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { FUNCTIONS, TIME_FUNCTIONS } from '../../src/expr/ast.js';
import { formatIssue } from '../../src/issues.js';
import { readCsvValues } from '../../src/model/csv-values.js';
import { resolveTemplateFile, templateLines } from '../../src/model/prepare.js';
import type { Period } from '../../src/model/schema.js';
import { EACH } from '../../src/model/period-columns.js';
import { compute } from '../../src/compute/compute.js';
import { COLUMN_KINDS, FORMATS, INPUT_SELECTORS, PERIOD_KINDS, STYLES, checkSchema, columnSchema, lineSchema, modelSchema, sheetSchema, tableSchema, templateSchema } from '../../src/model/schema.js';
import { addColumnsSchema, addLinesSchema, changeLineSchema, templateChangesShape } from '../../src/model/template-changes.js';
import { knownKeys } from '../../src/model/zod-messages.js';
import { loadAndCompute } from '../../src/pipeline.js';
import { inputCells } from '../../src/compile/input-cells.js';
import { ROOT, tempDir } from '../helpers/cli.js';

const DOC = readFileSync(join(ROOT, 'docs/templates.md'), 'utf8');

interface Example {
  kind: 'template' | 'lines' | 'model' | 'values';
  text: string;
  line: number;
}

/** Fenced blocks whose info string is `yaml template`, `yaml lines`, `yaml model` or `csv values`. */
function examples(): Example[] {
  const out: Example[] = [];
  const re = /^```(yaml|csv) (template|lines|model|values)\n([\s\S]*?)^```$/gm;
  for (const m of DOC.matchAll(re)) out.push({ kind: m[2] as Example['kind'], text: m[3]!, line: DOC.slice(0, m.index).split('\n').length });
  return out;
}

const PERIODS: Period[] = [
  { id: 'FY2024', label: 'Fiscal 2024', kind: 'year', start: '2024-01-01', end: '2024-12-31' },
  { id: 'FY2023', label: 'Fiscal 2023', kind: 'year', start: '2023-01-01', end: '2023-12-31' },
];
/** A template example about forecasts is also run with two forecast years after the actual ones. */
const FORECAST_PERIODS: Period[] = [
  ...PERIODS,
  { id: 'FY2025E', label: 'FY2025E', kind: 'year', start: '2025-01-01', end: '2025-12-31', forecast: true },
  { id: 'FY2026E', label: 'FY2026E', kind: 'year', start: '2026-01-01', end: '2026-12-31', forecast: true },
];

/** A folder like the repository: templates/ with finbook's own, data/ for the examples. */
function workspace(): string {
  const dir = tempDir('finbook-docs-');
  mkdirSync(join(dir, 'templates'));
  mkdirSync(join(dir, 'data'));
  for (const f of readdirSync(join(ROOT, 'templates'))) copyFileSync(join(ROOT, 'templates', f), join(dir, 'templates', f));
  return dir;
}

/** A model for a template example: both periods, an FX input, and a value for every input line. */
function modelFor(dir: string, templateFile: string, periods: Period[] = PERIODS): string {
  const t = resolveTemplateFile(join(dir, 'data', templateFile), periods);
  if (!t.ok) throw new Error(t.issues.map(formatIssue).join('\n'));
  // a value for every input cell (as finbook init asks for them), none for computed cells
  const cells = inputCells(t.value, periods, join(dir, 'data/model.yaml'), ['fx_rate']);
  if (!cells.ok) throw new Error(cells.issues.map(formatIssue).join('\n'));
  const values: Record<string, Record<string, Record<string, number>>> = {};
  cells.lines.forEach((l, i) => ((values[l.sheet] ??= {})[l.id] = Object.fromEntries(l.periods.map((p) => [p, p === 'FY2024' ? 100 + i : 90 + i]))));
  const model = {
    finbook_model: 1,
    template: templateFile,
    entity: { name: 'Docs Example', currency: 'USD', scale: 'thousands' },
    source: { title: 'docs/templates.md', date: '2025-01-31' },
    periods,
    inputs: { fx_rate: { label: 'USD per EUR 1', value: 1.08 } },
    values,
  };
  writeFileSync(join(dir, 'data/model.yaml'), stringify(model));
  return join(dir, 'data/model.yaml');
}

function linesTemplate(lines: string): string {
  const indented = lines.trimEnd().split('\n').map((l) => `      ${l}`).join('\n');
  return `finbook_template: 1\nname: Lines example\nsheets:\n  - id: s\n    name: Example\n    columns:\n      - { each: period, kind: value, period: "{period}" }\n    lines:\n${indented}\n`;
}

describe('docs/templates.md examples', () => {
  const all = examples();

  it('has examples of every kind', () => {
    expect(new Set(all.map((e) => e.kind))).toEqual(new Set(['template', 'lines', 'model', 'values']));
  });

  it.each(all.map((e) => [`${e.kind} at line ${e.line}`, e] as const))('%s loads, compiles and computes', (_name, e) => {
    const dir = workspace();
    if (e.kind === 'values') {
      const t = resolveTemplateFile(join(dir, 'templates/generic.yaml'), PERIODS);
      if (!t.ok) throw new Error(t.issues.map(formatIssue).join('\n'));
      writeFileSync(join(dir, 'data/values.csv'), e.text);
      const r = readCsvValues(join(dir, 'data/values.csv'), templateLines(t.value.value), new Set(PERIODS.map((p) => p.id)));
      expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([]);
      return;
    }
    let model: string;
    if (e.kind === 'model') {
      model = join(dir, 'data/model.yaml');
      writeFileSync(model, e.text);
    } else {
      writeFileSync(join(dir, 'data/example.yaml'), e.kind === 'lines' ? linesTemplate(e.text) : e.text);
      model = modelFor(dir, 'example.yaml');
    }
    const r = loadAndCompute(model);
    expect(r.ok ? [] : r.issues.map(formatIssue)).toEqual([]);
    if (e.kind === 'template' && /forecast/.test(e.text)) {
      const forecast = loadAndCompute(modelFor(dir, 'example.yaml', FORECAST_PERIODS));
      expect(forecast.ok ? [] : forecast.issues.map(formatIssue)).toEqual([]);
      if (forecast.ok) expect(forecast.value.program.periods.get('FY2025E')?.forecast).toBe(true);
    }
  });

  it('has a forecast example whose every check is OK in every scenario', () => {
    const generic = all.filter((e) => e.kind === 'model' && e.text.includes('forecast: true'));
    expect(generic.length).toBeGreaterThan(0);
    for (const e of generic) {
      const dir = workspace();
      try {
        writeFileSync(join(dir, 'data/model.yaml'), e.text);
        const r = loadAndCompute(join(dir, 'data/model.yaml'));
        if (!r.ok) throw new Error(r.issues.map(formatIssue).join('\n'));
        const scenarios = r.value.program.template.value.scenarios ?? [];
        expect(scenarios.length).toBeGreaterThan(1);
        scenarios.forEach((_, scenario) => {
          for (const c of compute(r.value.program, { scenario }).checks) expect(c.ok, `${c.check.spec.id} ${c.row.period}, scenario ${scenario}`).toBe(true);
        });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
  });
});

describe('docs/templates.md covers the whole format', () => {
  const mentioned = (word: string): boolean => DOC.includes(`\`${word}\``);
  const groups: [string, string[]][] = [
    ['template fields', knownKeys(templateSchema, [])],
    ['sheet fields', knownKeys(sheetSchema, [])],
    ['table fields', knownKeys(tableSchema, [])],
    ['column fields', [...knownKeys(columnSchema, []), 'each']],
    ['line fields', knownKeys(lineSchema, [])],
    ['check fields', [...knownKeys(checkSchema, []), 'each']],
    ['changes', ['extends', ...Object.keys(templateChangesShape)]],
    ['change fields', [...knownKeys(addLinesSchema, []), ...knownKeys(changeLineSchema, []), ...knownKeys(addColumnsSchema, [])]],
    ['model fields for templates', ['values_file', 'template_changes']],
    ['column kinds', [...COLUMN_KINDS]],
    ['formats', [...FORMATS]],
    ['styles', [...STYLES]],
    ['period kinds', [...PERIOD_KINDS]],
    ['functions', Object.keys(FUNCTIONS).map((f) => `${f}(`)],
    ['time functions', Object.keys(TIME_FUNCTIONS).map((f) => `${f}(`)],
    ['each values and input_for selectors', [...EACH.map((e) => `each: ${e}`), ...INPUT_SELECTORS.filter((k) => !(PERIOD_KINDS as readonly string[]).includes(k))]],
    ['placeholders', ['{period}', '{label}', '{end}', '{year}', '{estimate}', '{previous}', '{previous_label}', '{previous_end}']],
  ];
  it.each(groups)('documents every one of the %s', (_what, words) => {
    expect(words.length).toBeGreaterThan(0);
    const missing = words.filter((w) => (w.endsWith('(') ? !DOC.includes(`\`${w}`) : !mentioned(w)));
    expect(missing).toEqual([]);
  });

  it('names every model field it documents as one the model schema has', () => {
    const model = knownKeys(modelSchema, []);
    expect(['values_file', 'template_changes'].filter((k) => !model.includes(k))).toEqual([]);
  });
});
