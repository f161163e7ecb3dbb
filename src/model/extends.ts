// Templates that build on other templates: `extends: base.yaml` plus changes (added lines,
// changed lines, added columns, replaced or added sheets and checks). The same changes can
// come from a model's `template_changes:`. Everything here works on the raw YAML data,
// before the template schema runs, so the merged template is validated once, as a whole,
// and every problem is still reported in the file that wrote it (see origins.ts).
import { dirname, resolve } from 'node:path';
import * as z from 'zod';
import type { Issue, IssueCode } from '../issues.js';
import { formatPath } from '../issues.js';
import type { Located, Reference } from './load.js';
import { displayPath, loadFile } from './load.js';
import type { Origin } from './origins.js';
import { Origins } from './origins.js';
import type { TemplateChanges } from './template-changes.js';
import { templateChangesShape } from './template-changes.js';
import { describeZodIssues } from './zod-messages.js';

export type Raw = Record<string, unknown>;

export interface RawTemplate {
  root: Raw;
  origins: Origins;
  /** The file named by the model (the last of an `extends:` chain). */
  top: Located<unknown>;
}

export type Resolved<T> = { ok: true; value: T } | { ok: false; issues: Issue[] };

const MAX_DEPTH = 10;

const extendingSchema = z
  .object({
    finbook_template: z.literal(1).optional(),
    extends: z.string().min(1),
    name: z.string().min(1).optional(),
    ...templateChangesShape,
  })
  .strict();

export function isRecord(v: unknown): v is Raw {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);
}

/** Read a template file (or take its `text`) and, if it `extends:` another, the whole chain, merged. */
export function readTemplate(file: string, from?: Reference, chain: string[] = [], text?: string): Resolved<RawTemplate> {
  const loaded = loadFile(file, z.unknown(), 'the template', from, text);
  if (!loaded.ok) return loaded;
  const loc = loaded.file;
  const raw = loc.value;
  if (!isRecord(raw)) return fail('template_shape', 'the template must be a mapping of fields at the top level', { loc, path: [] });
  const origins = new Origins();
  origins.registerTree(raw, { loc, path: [] });
  if (!('extends' in raw)) return { ok: true, value: { root: raw, origins, top: loc } };

  const parsed = extendingSchema.safeParse(raw);
  if (!parsed.success) {
    const issues = describeZodIssues(parsed.error.issues, raw, extendingSchema, 'a template that extends another').map((d) => ({
      code: d.code,
      message: d.message,
      path: formatPath(d.path) || undefined,
      source: loc.locate(d.path),
    }));
    return { ok: false, issues };
  }
  const baseFile = resolve(dirname(file), parsed.data.extends);
  if (baseFile === file || chain.includes(baseFile)) {
    const names = [...chain, file, baseFile].map(displayPath);
    return fail('extends_cycle', `templates extend each other in a circle: ${names.join(' -> ')}`, { loc, path: ['extends'] });
  }
  if (chain.length >= MAX_DEPTH) return fail('extends_depth', `more than ${MAX_DEPTH} templates extend one another; merge some of them`, { loc, path: ['extends'] });
  const base = readTemplate(baseFile, { source: loc.locate(['extends']), path: 'extends' }, [...chain, file]);
  if (!base.ok) return base;
  const merged = applyChanges(base.value, parsed.data, { loc, path: [] });
  if (!merged.ok) return merged;
  const root = merged.value.root;
  if (parsed.data.name !== undefined) {
    root.name = parsed.data.name;
    merged.value.origins.setField(root, 'name', { loc, path: ['name'] });
  }
  return { ok: true, value: { ...merged.value, top: loc } };
}

/**
 * Apply changes to a template. `at` says where the changes are written (a template file's
 * top level, or a model's `template_changes`), for messages and for locating added pieces.
 */
export function applyChanges(t: RawTemplate, changes: TemplateChanges, at: Origin): Resolved<RawTemplate> {
  const { origins } = t;
  const issues: Issue[] = [];
  const here = (path: PropertyKey[]): Origin => ({ loc: at.loc, path: [...at.path, ...path] });
  const problem = (code: IssueCode, message: string, path: PropertyKey[]): void => {
    const o = here(path);
    issues.push({ code, message, path: formatPath(o.path) || undefined, source: o.loc.locate(o.path) });
  };
  const root: Raw = { ...t.root };
  origins.copy(t.root, root);
  const sheets = copyArray(origins, t.root.sheets);
  root.sheets = sheets;
  const sheetIndex = (id: string): number => sheets.findIndex((s) => isRecord(s) && s.id === id);

  // whole sheets and checks: replace by id, or append
  changes.sheets?.forEach((body, i) => {
    origins.registerTree(body, here(['sheets', i]));
    const at = sheetIndex(String(body.id));
    if (at >= 0) sheets[at] = body;
    else sheets.push(body);
  });
  const checks = copyArray(origins, t.root.checks);
  root.checks = checks;
  changes.checks?.forEach((body, i) => {
    origins.registerTree(body, here(['checks', i]));
    const at = checks.findIndex((c) => isRecord(c) && c.id === body.id);
    if (at >= 0) checks[at] = body;
    else checks.push(body);
  });
  changes.remove_checks?.forEach((id, i) => {
    const at = checks.findIndex((c) => isRecord(c) && c.id === id);
    if (at < 0) problem('unknown_check', `the template has no check '${id}'`, ['remove_checks', i]);
    else checks.splice(at, 1);
  });

  // lines and columns change inside a copy of their sheet
  const editable = (sheetId: string, path: PropertyKey[]): EditableSheet | null => {
    const si = sheetIndex(sheetId);
    if (si < 0) {
      problem('unknown_sheet', `the template has no sheet '${sheetId}'${known(sheets.map((s) => (isRecord(s) ? String(s.id) : '')))}`, path);
      return null;
    }
    const edit = copySheet(origins, sheets[si] as Raw);
    sheets[si] = edit.sheet;
    return edit;
  };
  changes.add_lines?.forEach((add, i) => {
    const sheet = editable(add.sheet, ['add_lines', i, 'sheet']);
    if (!sheet) return;
    add.lines.forEach((body, j) => origins.registerTree(body, here(['add_lines', i, 'lines', j])));
    const anchor = add.after ?? add.before;
    if (anchor === undefined) {
      sheet.tables[sheet.tables.length - 1]!.lines.push(...add.lines);
      return;
    }
    const found = findLine(sheet, anchor);
    if (!found) {
      problem('unknown_line', `sheet '${add.sheet}' has no line '${anchor}'`, ['add_lines', i, add.after ? 'after' : 'before']);
      return;
    }
    found.lines.splice(found.index + (add.after ? 1 : 0), 0, ...add.lines);
  });
  changes.change_lines?.forEach((change, i) => {
    const [sheetId, lineId] = change.line.split('.') as [string, string];
    const sheet = editable(sheetId, ['change_lines', i, 'line']);
    if (!sheet) return;
    const found = findLine(sheet, lineId);
    if (!found) {
      problem('unknown_line', `sheet '${sheetId}' has no line '${lineId}'`, ['change_lines', i, 'line']);
      return;
    }
    const old = found.lines[found.index] as Raw;
    const line: Raw = { ...old };
    origins.copy(old, line);
    for (const [field, value] of Object.entries(change)) {
      if (field === 'line' || value === undefined) continue;
      line[field] = value;
      origins.setField(line, field, here(['change_lines', i, field]));
    }
    found.lines[found.index] = line;
  });
  changes.add_columns?.forEach((add, i) => {
    const sheet = editable(add.sheet, ['add_columns', i, 'sheet']);
    if (!sheet) return;
    add.columns.forEach((body, j) => origins.registerTree(body, here(['add_columns', i, 'columns', j])));
    if (add.table !== undefined && add.table > sheet.tables.length) {
      problem('unknown_table', `sheet '${add.sheet}' has ${sheet.tables.length} table${sheet.tables.length === 1 ? '' : 's'}`, ['add_columns', i, 'table']);
      return;
    }
    const targets = add.table === undefined ? sheet.tables : [sheet.tables[add.table - 1]!];
    for (const tb of targets) tb.columns.push(...add.columns);
  });
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { root, origins, top: t.top } };
}

function fail<T>(code: IssueCode, message: string, at: Origin): Resolved<T> {
  return { ok: false, issues: [{ code, message, path: formatPath(at.path) || undefined, source: at.loc.locate(at.path) }] };
}

function known(ids: string[]): string {
  return ids.length ? ` (it has: ${ids.join(', ')})` : '';
}

export function copyArray(origins: Origins, v: unknown): unknown[] {
  const out = Array.isArray(v) ? [...(v as unknown[])] : [];
  if (Array.isArray(v)) origins.copy(v, out);
  return out;
}

/** A sheet copied for editing, with its tables (the sheet itself when it has none). */
export interface EditableSheet {
  sheet: Raw;
  tables: { lines: unknown[]; columns: unknown[] }[];
}

function copySheet(origins: Origins, sheet: Raw): EditableSheet {
  const copy: Raw = { ...sheet };
  origins.copy(sheet, copy);
  const table = (owner: Raw): { lines: unknown[]; columns: unknown[] } => {
    const lines = copyArray(origins, owner.lines);
    const columns = copyArray(origins, owner.columns);
    if (owner.lines !== undefined) owner.lines = lines;
    if (owner.columns !== undefined) owner.columns = columns;
    return { lines, columns };
  };
  if (Array.isArray(sheet.tables)) {
    const tables = copyArray(origins, sheet.tables).map((tb) => {
      if (!isRecord(tb)) return tb;
      const t: Raw = { ...tb };
      origins.copy(tb, t);
      return t;
    });
    copy.tables = tables;
    return { sheet: copy, tables: tables.filter(isRecord).map(table) };
  }
  return { sheet: copy, tables: [table(copy)] };
}

function findLine(sheet: EditableSheet, id: string): { lines: unknown[]; index: number } | null {
  for (const tb of sheet.tables) {
    const index = tb.lines.findIndex((l) => isRecord(l) && l.id === id);
    if (index >= 0) return { lines: tb.lines, index };
  }
  return null;
}
