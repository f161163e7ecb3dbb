// Values from a CSV file, as accounting systems export them. Two shapes, told apart by the
// header row (required):
//   long:  line,period,value          one value per row
//   wide:  line,FY2023,FY2024,...     one row per line, one column per period (a column
//          headed `label` may hold the line's name for people; it is not read)
// `line` is `sheet.line`, or a bare line id when exactly one input line of the template has
// it. A number may use thousands separators (1,234.5) and brackets for negatives ((1,234));
// a cell of only "-" is 0, as statements print zero; an empty cell is no value.
import { parse } from 'csv-parse/sync';
import { didYouMean } from '../compile/suggest.js';
import type { Issue, SourcePosition } from '../issues.js';
import { displayPath } from './load.js';
import type { Model } from './schema.js';
import { byId } from './schema.js';
import { readInputText } from '../input/text.js';

export interface TemplateLine {
  sheet: string;
  id: string;
  /** True when some cell of the line is an input (a line without formula, or with input_for). */
  input: boolean;
  /** The line's formula as written, for messages. */
  formula?: string;
}

export interface CsvValues {
  values: Model['values'];
  /** Where each value was read: "sheet.line[period]" -> position. */
  positions: Map<string, SourcePosition>;
}

interface Row {
  record: string[];
  info: { lines: number };
}

const PLAIN = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
const GROUPED = /^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$/;

/** A CSV cell as a number: null for an empty cell, undefined when it is not a number. */
export function parseAmount(text: string): number | null | undefined {
  let s = text.trim();
  if (s === '') return null;
  if (s === '-' || s === '\u2014' || s === '\u2013') return 0;
  let sign = 1;
  const bracketed = /^\((.*)\)$/.exec(s);
  if (bracketed) {
    s = bracketed[1]!.trim();
    sign = -1;
    if (/^[-+]/.test(s)) return undefined;
  }
  if (!PLAIN.test(s) && !GROUPED.test(s)) return undefined;
  const n = Number(s.replace(/,/g, '')) * sign;
  return Number.isFinite(n) ? n : undefined;
}

export function readCsvValues(file: string, lines: readonly TemplateLine[], periods: ReadonlySet<string>): { ok: true; value: CsvValues } | { ok: false; issues: Issue[] } {
  const shown = displayPath(file);
  const at = (row: number, col: number): SourcePosition => ({ file: shown, line: row, col });
  const read = readInputText(file);
  if (!read.ok) return { ok: false, issues: [{ code: read.code, message: `cannot read the values file: ${read.reason}`, source: at(read.at?.line ?? 1, read.at?.col ?? 1) }] };
  const text = read.text;
  let rows: Row[];
  try {
    rows = parse(text, { bom: true, info: true, skip_empty_lines: true, trim: true }) as unknown as Row[];
  } catch (err) {
    const e = err as { code?: string; message: string; lines?: number };
    return { ok: false, issues: [{ code: 'csv_syntax', message: `invalid CSV: ${e.message.replace(/^[^:]*:\s*/, '')}`, source: at(e.lines ?? 1, 1) }] };
  }
  rows = rows.filter((r) => r.record.some((c) => c !== ''));
  if (rows.length === 0) return { ok: false, issues: [{ code: 'csv_empty', message: 'the values file is empty (expected a header row: line,period,value)', source: at(1, 1) }] };

  const issues: Issue[] = [];
  const problem = (row: number, col: number, column: string, message: string): void => {
    issues.push({ code: 'csv_value', message, path: `row ${row}, column ${col}${column ? ` (${column})` : ''}`, source: at(row, col) });
  };
  const header = rows[0]!.record.map((h) => h.trim());
  const headRow = rows[0]!.info.lines;
  const lower = header.map((h) => h.toLowerCase());
  const long = lower.length === 3 && lower[0] === 'line' && lower[1] === 'period' && lower[2] === 'value';
  if (!long && (lower[0] !== 'line' || header.length < 2)) {
    problem(headRow, 1, header[0] ?? '', `the first row must be a header: line,period,value (one value per row) or line,<period>,<period>... (one column per period); got ${JSON.stringify(header.join(','))}`);
    return { ok: false, issues };
  }
  // wide: a `label` column is for people and is not read
  if (!long)
    header.slice(1).forEach((h, i) => {
      if (h.toLowerCase() !== 'label' && !periods.has(h)) problem(headRow, i + 2, h, `column '${h}' is not a period of the model${didYouMean(h, periods)}`);
    });
  if (issues.length > 0) return { ok: false, issues };

  const values: Model['values'] = byId({});
  const positions = new Map<string, SourcePosition>();
  const resolveLine = (name: string, row: number): TemplateLine | null => {
    const fail = (message: string): null => {
      problem(row, 1, 'line', message);
      return null;
    };
    if (name === '') return fail('the line is empty (expected sheet.line or a line id)');
    const [sheet, id] = name.includes('.') ? (name.split('.', 2) as [string, string]) : [null, name];
    const named = lines.filter((l) => l.id === id && (sheet === null || l.sheet === sheet));
    const inputs = named.filter((l) => l.input);
    if (inputs.length === 1) return inputs[0]!;
    if (inputs.length > 1) return fail(`line '${name}' is an input of several sheets (${inputs.map((l) => l.sheet).join(', ')}): write ${inputs.map((l) => `${l.sheet}.${id}`).join(' or ')}`);
    // a line the template computes: its values are compared with the formula once computed
    // (compute/given.ts), so a file written before the line was computed keeps loading
    if (named.length === 1) return named[0]!;
    if (named.length > 1) return fail(`line '${name}' is in several sheets (${named.map((l) => l.sheet).join(', ')}): write ${named.map((l) => `${l.sheet}.${id}`).join(' or ')}`);
    if (sheet !== null && !lines.some((l) => l.sheet === sheet)) return fail(`the template has no sheet '${sheet}'${didYouMean(sheet, new Set(lines.map((l) => l.sheet)))}`);
    const candidates = lines.filter((l) => l.input && (sheet === null || l.sheet === sheet)).map((l) => (sheet === null ? l.id : `${l.sheet}.${l.id}`));
    return fail(`'${name}' is not an input line of the template${didYouMean(sheet === null ? name : `${sheet}.${id}`, candidates)}`);
  };
  const put = (line: TemplateLine, period: string, cell: string, row: number, col: number, column: string): void => {
    const n = parseAmount(cell);
    if (n === null) return;
    if (n === undefined) {
      problem(row, col, column, `expected a number (such as 1234.5, 1,234.5 or (1,234) for a negative), got ${JSON.stringify(cell)}`);
      return;
    }
    const key = `${line.sheet}.${line.id}[${period}]`;
    const before = positions.get(key);
    if (before) {
      problem(row, col, column, `${line.sheet}.${line.id} has a value for ${period} already, in row ${before.line}`);
      return;
    }
    ((values[line.sheet] ??= byId({}))[line.id] ??= byId({}))[period] = n;
    positions.set(key, at(row, col));
  };

  for (const { record, info } of rows.slice(1)) {
    const row = info.lines;
    const line = resolveLine(record[0] ?? '', row);
    if (!line) continue;
    if (long) {
      const period = record[1] ?? '';
      if (!periods.has(period)) {
        problem(row, 2, 'period', period === '' ? 'the period is empty' : `'${period}' is not a period of the model${didYouMean(period, periods)}`);
        continue;
      }
      put(line, period, record[2] ?? '', row, 3, 'value');
    } else header.slice(1).forEach((p, i) => p.toLowerCase() !== 'label' && put(line, p, record[i + 1] ?? '', row, i + 2, p));
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: { values, positions } };
}
