// `finbook generate`: a synthetic model and its template of a requested size, for
// benchmarks and tests. Pure: returns the two files' text; the CLI writes them.
import { basename, dirname, extname, join } from 'node:path';
import type { Values } from './model.js';
import { buildModelHeader, buildValues } from './model.js';
import { months } from './periods.js';
import { seededRandom } from './random.js';
import type { ModelFormat } from './serialize.js';
import { modelText, templateYaml } from './serialize.js';
import type { SheetPlan, TemplateInput } from './template.js';
import { buildTemplate, planSheet } from './template.js';

export interface GenerateOptions {
  /** Numeric lines (with ids) per sheet. */
  lines: number;
  periods: number;
  sheets: number;
  seed: number;
}

export interface GeneratedFiles {
  modelPath: string;
  templatePath: string;
  model: string;
  template: string;
  /** Cells holding a number (inputs and formulas), all sheets. */
  numericCells: number;
}

/** The model keeps the name asked for; its template sits next to it as <stem>.template.yaml. */
export function companionTemplatePath(modelPath: string): string {
  return join(dirname(modelPath), `${basename(modelPath, extname(modelPath))}.template.yaml`);
}

export function modelFormat(modelPath: string): ModelFormat | null {
  const ext = extname(modelPath).toLowerCase();
  return ext === '.json' ? 'json' : ext === '.yaml' || ext === '.yml' ? 'yaml' : null;
}

export function generateCommandLine(o: GenerateOptions): string {
  return `finbook generate --lines ${o.lines} --periods ${o.periods} --sheets ${o.sheets} --seed ${o.seed}`;
}

export interface Generated {
  template: TemplateInput;
  sheets: SheetPlan[];
  values: Values;
}

export function generateModel(o: GenerateOptions): Generated {
  // one stream for the structure and one for the values, so the shape of a model does
  // not change when only its number of periods does
  const shape = seededRandom(o.seed);
  const numbers = seededRandom(o.seed ^ 0x9e3779b9);
  const periods = months(o.periods);
  const sheets = Array.from({ length: o.sheets }, (_, i) => planSheet(i, o.lines, shape));
  const template = buildTemplate(sheets, periods, `Synthetic statements (${o.lines} lines x ${o.periods} months x ${o.sheets} sheets, seed ${o.seed})`);
  return { template, sheets, values: buildValues(sheets, periods, numbers) };
}

export function generateFiles(o: GenerateOptions, modelPath: string): GeneratedFiles {
  const format = modelFormat(modelPath);
  if (!format) throw new Error(`internal: ${modelPath} has no model extension`);
  const templatePath = companionTemplatePath(modelPath);
  const g = generateModel(o);
  const header = buildModelHeader({ template: basename(templatePath), seed: o.seed, command: generateCommandLine(o) }, months(o.periods));
  const extraColumns = o.periods > 1 ? 2 : 1;
  return {
    modelPath,
    templatePath,
    model: modelText(header, g.values, format),
    template: templateYaml(g.template),
    numericCells: numericCellCount(g.sheets, o.periods, extraColumns),
  };
}

/** Amount lines show in every column; the ratio (a percent) only in the value columns. */
function numericCellCount(sheets: SheetPlan[], periods: number, extraColumns: number): number {
  let n = 0;
  for (const s of sheets) {
    const amounts = s.lines.filter((l) => l.id && l.format !== 'percent').length;
    const percents = s.lines.filter((l) => l.id && l.format === 'percent').length;
    n += amounts * (periods + extraColumns) + percents * periods;
  }
  return n;
}
