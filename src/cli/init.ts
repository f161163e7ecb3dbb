// `finbook init`: scaffold a model for a new company from a template. The file lists every
// input line of the template for every period with an empty value (null) and a comment
// naming the line, so `finbook validate` can then report what is still missing, line by line.
// `--forecast N` adds N forecast years after the last of `--periods` (FY2025E, ...): the
// template's forecast block computes them from the actual years, so only those are asked for.
import { neutraliseFormulaText } from '../plan/text-safety.js';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { displayPath } from '../model/load.js';
import { resolveTemplateFile } from '../model/prepare.js';
import type { Model, Period, Template } from '../model/schema.js';
import type { InputLine } from '../compile/input-cells.js';
import { inputCells } from '../compile/input-cells.js';
import { SCALES } from '../model/schema.js';
import { writeFileAtomically } from '../write/atomic.js';
import { writeFailure } from './export.js';
import { OutputRefusedError } from '../write/safe-path.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import type { Output } from './output.js';
import { reportIssues } from './output.js';
import { packageRoot } from './paths.js';

export interface InitArgs {
  template: string;
  entity: string;
  currency: string;
  periods: string;
  out: string;
  scale?: string;
  ticker?: string;
  yearEnd?: string;
  /** Also write a wide CSV to fill in instead of the YAML values. */
  csv?: string;
  /** Forecast years to add after the last of `periods` (text as given on the command line). */
  forecast?: string;
  force?: boolean;
  json?: boolean;
}

/** A template named by a bare name (`generic`) is one of finbook's own, in templates/. */
export function templatePath(name: string): string {
  return /^[a-z0-9][a-z0-9_-]*$/i.test(name) ? join(packageRoot(), 'templates', `${name}.yaml`) : resolve(name);
}

/** FY2024 or 2024: the fiscal year that ends on `yearEnd` (MM-DD) of that calendar year. */
export function fiscalYear(id: string, yearEnd: string): Period {
  const m = /^(?:FY)?(\d{4})$/i.exec(id);
  if (!m) return { id, label: id, kind: 'year' };
  const year = Number(m[1]);
  const end = new Date(`${year}-${yearEnd}T00:00:00Z`);
  const start = new Date(Date.UTC(year - 1, end.getUTCMonth(), end.getUTCDate() + 1));
  return { id, label: id, kind: 'year', start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) };
}

function usage(o: Output, message: string): ExitCode {
  o.err(`finbook init: ${message}`);
  return EXIT.invalid;
}

export async function runInit(args: InitArgs, o: Output): Promise<ExitCode> {
  const yearEnd = args.yearEnd ?? '12-31';
  if (!/^\d{2}-\d{2}$/.test(yearEnd) || Number.isNaN(new Date(`2001-${yearEnd}T00:00:00Z`).getTime()) || new Date(`2001-${yearEnd}T00:00:00Z`).toISOString().slice(5, 10) !== yearEnd)
    return usage(o, `--year-end takes a month and day MM-DD such as 12-31 or 06-30, got ${JSON.stringify(yearEnd)}`);
  if (!/^[A-Z]{3}$/.test(args.currency)) return usage(o, `--currency takes a three-letter code such as USD, got ${JSON.stringify(args.currency)}`);
  const scale = args.scale ?? 'units';
  if (!(scale in SCALES)) return usage(o, `--scale takes one of ${Object.keys(SCALES).join(', ')}, got ${JSON.stringify(scale)}`);
  if (args.entity.trim() === '') return usage(o, '--entity needs the company name');
  const ids = args.periods.split(',').map((p) => p.trim()).filter(Boolean);
  if (ids.length === 0) return usage(o, '--periods needs at least one period id, e.g. FY2023,FY2024');
  const bad = ids.find((p) => !/^[A-Za-z0-9_]+$/.test(p));
  if (bad) return usage(o, `period id ${JSON.stringify(bad)} may only have letters, digits and _`);
  if (new Set(ids).size !== ids.length) return usage(o, 'a period is listed twice in --periods');
  const actual = ids.map((id) => fiscalYear(id, yearEnd));
  const forecast = forecastYears(actual, args.forecast, yearEnd);
  if (typeof forecast === 'string') return usage(o, forecast);
  // forecast years continue the order of --periods: after them, or before them when newest first
  const newestFirst = actual.length > 1 && actual[0]!.end! > actual[actual.length - 1]!.end!;
  const periods = newestFirst ? [...[...forecast].reverse(), ...actual] : [...actual, ...forecast];

  const out = resolve(args.out);
  if (existsSync(out) && !args.force) return usage(o, `${displayPath(out)} exists already; choose another --out or add --force to replace it`);
  const csvOut = args.csv ? resolve(args.csv) : undefined;
  if (csvOut && existsSync(csvOut) && !args.force) return usage(o, `${displayPath(csvOut)} exists already; add --force to replace it`);

  const tplFile = templatePath(args.template);
  if (!existsSync(tplFile)) return usage(o, `no template ${JSON.stringify(args.template)} (looked for ${displayPath(tplFile)})`);
  const template = resolveTemplateFile(tplFile, periods as Model['periods']);
  if (!template.ok) {
    reportIssues(o, template.issues, args.json ?? false);
    return EXIT.invalid;
  }
  const t = template.value.value;
  const found = inputCells(template.value, periods, out, globalInputs(t));
  if (!found.ok) {
    reportIssues(o, found.issues, args.json ?? false);
    return EXIT.invalid;
  }
  const lines = found.lines;
  const relTemplate = relative(dirname(out), tplFile).split('\\').join('/');
  const text = modelText({ args, periods, actual, scale, template: relTemplate, lines, inputs: globalInputs(t), csv: csvOut ? relative(dirname(out), csvOut).split('\\').join('/') : undefined });
  try {
    mkdirSync(dirname(out), { recursive: true });
    await writeFileAtomically(out, async (s) => {
      s.end(text);
    });
    if (csvOut) {
      mkdirSync(dirname(csvOut), { recursive: true });
      // the actual years: the forecast ones are computed
      await writeFileAtomically(csvOut, async (s) => {
        s.end(csvText(lines, ids));
      });
    }
  } catch (err) {
    o.err(writeFailure(err, out).message);
    return err instanceof OutputRefusedError ? EXIT.invalid : EXIT.environment;
  }
  const required = lines.filter((l) => !l.optional).length;
  const years = forecast.length > 0 ? ` and ${forecast.length} forecast year${forecast.length === 1 ? '' : 's'} (${forecast.map((p) => p.id).join(', ')}), computed from them` : '';
  o.out(`wrote ${displayPath(out)}${csvOut ? ` and ${displayPath(csvOut)}` : ''}: ${lines.length} input lines (${required} required, ${lines.length - required} optional) for ${ids.length} period${ids.length === 1 ? '' : 's'}${years}`);
  o.out(`next: fill in the values, then run  finbook validate ${displayPath(out)}  and  finbook export ${displayPath(out)}`);
  return EXIT.ok;
}

/**
 * `--forecast N`: N fiscal years after the latest of the actual ones, ids in their style with
 * an E (FY2024 -> FY2025E, 2024 -> 2025E), or a message saying what is wrong.
 */
export function forecastYears(actual: Period[], text: string | undefined, yearEnd: string): Period[] | string {
  if (text === undefined) return [];
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 30) return `--forecast takes a number of years from 1 to 30, got ${JSON.stringify(text)}`;
  const undated = actual.find((p) => !p.end);
  if (undated) return `--forecast adds years after the last of --periods, which must be fiscal years such as FY2024 or 2024 (got ${JSON.stringify(undated.id)})`;
  const last = actual.reduce((a, p) => (p.end! > a.end! ? p : a));
  const m = /^(FY)?(\d{4})$/i.exec(last.id)!;
  return Array.from({ length: Number(text) }, (_, i) => {
    const id = `${m[1] ?? ''}${Number(m[2]) + i + 1}E`;
    const dated = fiscalYear(String(Number(m[2]) + i + 1), yearEnd);
    return { ...dated, id, label: id, forecast: true };
  });
}

/** Global inputs the template's formulas and translated columns use ($name), except the built-in unit_scale. */
function globalInputs(t: Template): string[] {
  const names = new Set<string>();
  const text = JSON.stringify(t);
  for (const m of text.matchAll(/\$([a-z][a-z0-9_]*)/g)) names.add(m[1]!);
  for (const m of text.matchAll(/"rate":"([a-z][a-z0-9_]*)"/g)) names.add(m[1]!);
  names.delete('unit_scale');
  return [...names].sort();
}

/**
 * A YAML double-quoted scalar holding exactly `s`: JSON's escapes are YAML's, and every
 * control character, line or paragraph separator and byte-order mark is escaped too, so no
 * text given on the command line or taken from a template (a newline, a quote, DEL) can end
 * the string or the line, or be changed when the file is read back.
 */
export const q = (s: string): string => JSON.stringify(s).replace(/[\u007f-\u009f\u2028\u2029\ufeff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Text inside a `#` comment: one line, whatever it holds. */
export const comment = (s: string): string => s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ');
/** A period id as YAML text: quoted where YAML would read a number (2024). */
const yamlId = (id: string): string => (/^[0-9_]+$/.test(id) ? q(id) : id);

function modelText(p: { args: InitArgs; periods: Period[]; actual: Period[]; scale: string; template: string; lines: InputLine[]; inputs: string[]; csv: string | undefined }): string {
  const { args, periods } = p;
  const ends = p.actual.map((x) => x.end).filter((x): x is string => x !== undefined).sort();
  const forecasts = periods.filter((x) => x.forecast);
  const out: string[] = [
    `# ${comment(args.entity)}: a finbook model written by \`finbook init\` from the template ${comment(p.template)}.`,
    '# Fill in every null with the reported figure, as printed in the filing (sign convention:',
    '# revenues, income, assets, liabilities and equity positive; costs, expenses, losses and',
    '# cash outflows negative). Lines marked "optional" may stay null: they are then left out',
    '# of the workbook. `finbook validate` lists what is still missing.',
    ...(forecasts.length > 0
      ? [
          `# The forecast years (${forecasts.map((x) => x.id).join(', ')}) are computed from the actual ones: their drivers`,
          '# (Assumptions sheet) start from the last actual year. To set a driver yourself, give it',
          '# here, e.g. under values: assumptions: revenue_growth_base: { ' + `${forecasts[0]!.id}: 0.05 }.`,
        ]
      : []),
    'finbook_model: 1',
    `template: ${q(p.template)}`,
    'entity:',
    `  name: ${q(args.entity)}`,
    ...(args.ticker ? [`  ticker: ${q(args.ticker)}`] : []),
    `  currency: ${args.currency}`,
    `  scale: ${p.scale}                # ${Object.keys(SCALES).join(' | ')}: the unit of every figure below`,
    'source:                      # where the figures come from (shown on the cover sheet)',
    `  title: ${q(`${args.entity} annual report`)}`,
    `  date: ${ends[ends.length - 1] ?? new Date().toISOString().slice(0, 10)}            # the report's date: the workbook's created date`,
    '  # url: https://...',
    'periods:',
    ...periods.map((x) =>
      x.start
        ? `  - { id: ${yamlId(x.id)}, label: ${q(x.label ?? x.id)}, kind: year, start: ${x.start}, end: ${x.end}${x.forecast ? ', forecast: true' : ''} }`
        : `  - { id: ${yamlId(x.id)}, label: ${q(x.label ?? x.id)}, kind: year }   # add start: YYYY-MM-DD, end: YYYY-MM-DD`,
    ),
  ];
  if (p.inputs.length > 0) {
    out.push('inputs:                      # global inputs the template uses');
    for (const name of p.inputs) out.push(`  ${name}: { label: ${q(name.replace(/_/g, ' '))}, value: null }`);
  }
  if (p.csv) {
    out.push(`values_file: ${q(p.csv)}     # one row per line, one column per period`, 'values: {}');
    return `${out.join('\n')}\n`;
  }
  out.push('values:');
  const width = Math.max(...p.lines.map((l) => l.id.length)) + 1;
  let sheet = '';
  for (const l of p.lines) {
    if (l.sheet !== sheet) {
      sheet = l.sheet;
      out.push(`  ${l.sheet}:                       # ${comment(l.sheetName)}`);
    }
    const nulls = `{ ${l.periods.map((x) => `${x}: null`).join(', ')} }`;
    out.push(`    ${`${l.id}:`.padEnd(width + 1)} ${nulls}   # ${comment(l.label)}${l.optional ? ' (optional)' : ''}${onlySome(l, p.actual)}`);
  }
  return `${out.join('\n')}\n`;
}

/** For a line typed in only some periods: which, and why the others are not asked for. */
function onlySome(l: InputLine, periods: Period[]): string {
  return l.periods.length < periods.length ? ` (${l.periods.join(', ')} only: the template computes the other periods)` : '';
}

function csvText(lines: InputLine[], periods: string[]): string {
  // Labels come from templates people edit: text that a spreadsheet would run as a formula
  // (= + - @, OWASP's rule) is neutralised, and quoted where CSV needs it.
  const cell = (text: string): string => {
    const safe = neutraliseFormulaText(text);
    return /[",\r\n]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
  };
  const rows = lines.map((l) => [cell(`${l.sheet}.${l.id}`), cell(`${l.label}${l.optional ? ' (optional)' : ''}${l.periods.length < periods.length ? ` (${l.periods.join(', ')} only)` : ''}`), ...periods.map(() => '')].join(','));
  return `${['line', 'label', ...periods].join(',')}\n${rows.join('\n')}\n`;
}
