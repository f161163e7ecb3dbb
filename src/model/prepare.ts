// Between loading the model and compiling: build the template the model asks for
// (`extends:` chain, the model's `template_changes`, per-period columns, its forecast block
// or none, drivers per scenario), read values from
// CSV files, and drop optional lines the model does not use. Returns a model and a
// template exactly like the ones loadFile gives, so compile sees nothing new.
import { compactValues, periodIdsOf } from './compact-values.js';
import { dirname, resolve } from 'node:path';
import type { Issue, SourcePosition } from '../issues.js';
import { formatPath, sortIssues } from '../issues.js';
import type { CsvValues, TemplateLine } from './csv-values.js';
import { readCsvValues } from './csv-values.js';
import type { RawTemplate, Resolved } from './extends.js';
import { applyChanges, isRecord, readTemplate } from './extends.js';
import type { Located } from './load.js';
import { displayPath } from './load.js';
import { dropUnusedLines } from './optional-lines.js';
import { expandPeriods } from './period-columns.js';
import { expandDrivers } from './drivers.js';
import { forForecast } from './forecast-block.js';
import type { PreparedTemplate } from './template-cache.js';
import { cachedTemplate, keepTemplate, periodsKey, templateText } from './template-cache.js';
import type { Model, Template } from './schema.js';
import { byId, templateSchema } from './schema.js';
import { describeZodIssues } from './zod-messages.js';

export interface PrepareOptions {
  /** A CSV file of values given on the command line (relative to the working directory). */
  valuesFile?: string;
  /** The template's text, when it is not read from the file the model names (a template built in code, src/api/load.ts). */
  templateText?: string;
}

export interface Prepared {
  model: Located<Model>;
  template: Located<Template>;
  /** Optional lines dropped because the model gives them no values (sheet.line). */
  dropped: string[];
  /**
   * Template issues (found by compile) with the path of the file that wrote the piece, e.g.
   * `template_changes.change_lines[0].formula` for a formula a model changed.
   */
  remap(issues: Issue[]): Issue[];
}

export function prepareModel(model: Located<Model>, modelFile: string, options: PrepareOptions = {}): Resolved<Prepared> {
  const m = model.value;
  const templateFile = resolve(dirname(modelFile), m.template);
  // placed only if the template cannot be read: placing builds a JSON model's YAML document (load.ts)
  const from = { path: 'template', get source() { return model.locate(['template']); } };
  // the same template for the same periods, read for an earlier model (template-cache.ts)
  const text = m.template_changes === undefined ? (options.templateText ?? templateText(templateFile)) : undefined;
  const periods = periodsKey(m.periods);
  let prepared: PreparedTemplate | undefined = text === undefined ? undefined : cachedTemplate(templateFile, text, periods);
  if (!prepared) {
    let read = readTemplate(templateFile, from, [], text ?? options.templateText);
    if (read.ok && m.template_changes) read = applyChanges(read.value, m.template_changes, { loc: model, path: ['template_changes'] });
    if (read.ok) read = expandPeriods(read.value, m.periods);
    if (read.ok) read = expandDrivers(forForecast(read.value, m.periods));
    if (!read.ok) return read;
    const validated = validateTemplate(read.value);
    if (!validated.ok) return validated;
    prepared = { raw: read.value, validated: validated.value };
    const top = read.value.top.value;
    if (text !== undefined && !(isRecord(top) && 'extends' in top)) keepTemplate(templateFile, text, periods, prepared);
  }

  const csvFiles = [
    ...(m.values_file ? [{ file: resolve(dirname(modelFile), m.values_file), from: model.locate(['values_file']) }] : []),
    ...(options.valuesFile ? [{ file: resolve(options.valuesFile), from: undefined }] : []),
  ];
  let values = m.values;
  const csvRows = new Map<string, SourcePosition>();
  if (csvFiles.length > 0) {
    const merged = mergeCsvValues(model, csvFiles, templateLines(prepared.validated.value), new Set(m.periods.map((p) => p.id)), csvRows);
    if (!merged.ok) return merged;
    // CSV values were checked as they were read: held compactly from here, as a model's own
    values = compactValues(merged.value) ?? merged.value;
  }
  const { template: kept, dropped } = dropUnusedLines(prepared.raw, values);
  const template: Resolved<Located<Template>> = dropped.length > 0 ? validateTemplate(kept) : { ok: true, value: prepared.validated };
  if (!template.ok) return template;
  // a driver dropped although the model gives it values is one nothing uses any more (the
  // driver of a line the company does not have): say so rather than drop the values unseen
  const driverSheets = new Set((Array.isArray(prepared.raw.root.sheets) ? prepared.raw.root.sheets : []).filter((x) => isRecord(x) && x.drivers === true).map((x) => String((x as { id: unknown }).id)));
  const unused = dropped.filter((key) => {
    const [s, l] = key.split('.') as [string, string];
    return driverSheets.has(s) && periodIdsOf(values[s]?.[l] ?? {}).length > 0;
  });
  if (unused.length > 0)
    return {
      ok: false,
      issues: unused.map((key) => {
        const [s, l] = key.split('.') as [string, string];
        const at = csvRows.get(key) ?? model.locate(['values', s, l]);
        return { code: 'unused_line', message: `${key} is left out of the workbook: nothing uses it, as the lines it feeds are not in the model (give their figures, or remove these values)`, path: `values.${key}`, source: at };
      }),
    };
  // a dropped line's entry in the model only held empty values: it goes too
  if (dropped.length > 0) {
    const pruned: Model['values'] = byId({});
    for (const [s, byLine] of Object.entries(values)) pruned[s] = byId(Object.fromEntries(Object.entries(byLine).filter(([l]) => !dropped.includes(`${s}.${l}`))));
    values = pruned;
  }
  const root = (dropped.length > 0 ? kept : prepared.raw).root;
  const origins = prepared.raw.origins;
  const remap = (issues: Issue[]): Issue[] =>
    issues.map((i) => {
      // a line whose values came from CSV: point at its first row there
      const value = /^values\.([a-z0-9_]+)\.([a-z0-9_]+)(?:\.[A-Za-z0-9_]+)?$/.exec(i.path ?? '');
      const row = value ? csvRows.get(`${value[1]}.${value[2]}`) : undefined;
      if (row) return { ...i, source: row };
      if (!i.path || !/^(sheets|checks)\b/.test(i.path)) return i;
      const path = [...i.path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map((x) => (x[2] !== undefined ? Number(x[2]) : x[1]!));
      const origin = origins.origin(root, path);
      return origin ? { ...i, path: formatPath(origin) || undefined } : i;
    });
  return { ok: true, value: { model: values === m.values ? model : { ...model, value: { ...m, values } }, template: template.value, dropped, remap } };
}

/** A template file on its own, expanded for a list of periods (for `finbook init`). */
export function resolveTemplateFile(file: string, periods: Model['periods']): Resolved<Located<Template>> {
  const raw = readTemplate(file);
  if (!raw.ok) return raw;
  const expanded = expandPeriods(raw.value, periods);
  const drivers = expanded.ok ? expandDrivers(forForecast(expanded.value, periods)) : expanded;
  return drivers.ok ? validateTemplate(drivers.value) : drivers;
}

export function validateTemplate(t: RawTemplate): Resolved<Located<Template>> {
  const root = t.root;
  const parsed = templateSchema.safeParse(root);
  if (!parsed.success) {
    const issues: Issue[] = describeZodIssues(parsed.error.issues, root, templateSchema, 'the template').map((d) => ({
      code: d.code,
      message: d.message,
      path: formatPath(d.path) || undefined,
      source: t.origins.locate(root, d.path),
    }));
    return { ok: false, issues: sortIssues(issues) };
  }
  return {
    ok: true,
    value: {
      value: parsed.data,
      file: t.top.file,
      locate: (path) => t.origins.locate(root, path),
      locateIn: (path, index) => t.origins.locateIn(root, path, index),
    },
  };
}

export function templateLines(t: Template): TemplateLine[] {
  return t.sheets.flatMap((s) =>
    (s.tables ?? [{ lines: s.lines ?? [] }]).flatMap((tb) =>
      tb.lines.flatMap((l) =>
        l.id
          ? [{ sheet: s.id, id: l.id, input: (l.formula === undefined && l.formula_for === undefined) || l.input_for !== undefined, formula: l.formula ?? Object.values(l.formula_for ?? {}).join(' | ') }]
          : [],
      ),
    ),
  );
}

/** The model's own values plus every CSV file's; a value given twice is a mistake. */
function mergeCsvValues(
  model: Located<Model>,
  files: { file: string; from: Issue['source'] }[],
  lines: TemplateLine[],
  periods: Set<string>,
  rows: Map<string, SourcePosition>,
): Resolved<Model['values']> {
  const values: Model['values'] = byId({});
  for (const [s, byLine] of Object.entries(model.value.values)) values[s] = byId(Object.fromEntries(Object.entries(byLine).map(([l, v]) => [l, byId({ ...v })])));
  const issues: Issue[] = [];
  const seen = new Map<string, string>();
  for (const { file, from } of files) {
    const csv = readCsvValues(file, lines, periods);
    if (!csv.ok) {
      // a file that cannot be read is reported where the model names it
      issues.push(...csv.issues.map((i) => (['file_unreadable', 'not_a_file', 'file_too_large'].includes(i.code) && from ? { ...i, message: `cannot read values file ${displayPath(file)}: ${i.message.split(': ').pop()}`, path: 'values_file', source: from } : i)));
      continue;
    }
    merge(values, csv.value, model, seen, issues);
    for (const [key, at] of csv.value.positions) {
      const line = key.slice(0, key.indexOf('['));
      if (!rows.has(line)) rows.set(line, { ...at, col: 1 });
    }
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: values };
}

function merge(values: Model['values'], csv: CsvValues, model: Located<Model>, seen: Map<string, string>, issues: Issue[]): void {
  for (const [sheet, byLine] of Object.entries(csv.values))
    for (const [line, byPeriod] of Object.entries(byLine))
      for (const [period, n] of Object.entries(byPeriod)) {
        const key = `${sheet}.${line}[${period}]`;
        const here = csv.positions.get(key)!;
        const where = (p: { file: string; line: number; col: number }): string => `${p.file}:${p.line}:${p.col}`;
        const earlier = seen.get(key) ?? (model.value.values[sheet]?.[line]?.[period] !== undefined ? where(model.locate(['values', sheet, line, period])) : undefined);
        if (earlier) {
          issues.push({ code: 'value_twice', message: `${key} is given twice: here and at ${earlier}`, source: here });
          continue;
        }
        seen.set(key, where(here));
        ((values[sheet] ??= byId({}))[line] ??= byId({}))[period] = n;
      }
}
