// The last gate before a file is written: every planned cell, sheet and name against
// Excel's limits (exceljs enforces none of them), and text made safe for CSV and terminals.
import type { LineInfo, Program } from '../compile/program.js';
import {
  MAX_COLS,
  MAX_ROWS,
  MAX_SIGNIFICANT_DIGITS,
  cellTextProblem,
  definedNameProblem,
  describeCharacter,
  forbiddenCharacter,
  formulaProblem,
  numberProblem,
  sheetNameProblem,
  significantDigits,
} from '../compile/excel-limits.js';
import type { Issue, IssueCode } from '../issues.js';
import { formatPath } from '../issues.js';
import { a1, quoteSheetName } from '../layout/a1.js';
import type { Layout } from '../layout/layout.js';
import type { PlannedCell, PlannedRow, PlannedWorkbook } from './cells.js';

/** More of one kind of problem than this are summed up in one line. */
const MAX_PER_CODE = 20;

/** What the workbook was planned from, to point a cell's problem back at the template. */
export interface PlanOrigin {
  program: Program;
  layout?: Layout;
}

export interface LimitsOptions {
  /**
   * false: leave the cells out, for a workbook whose cells are checked as the writer reads
   * them (cellsCheckedAsWritten): building a large workbook's cells once more only to check
   * them took a fifth of its export. The problems the writer's pass found (CellProblems):
   * those, without building the cells again.
   */
  cells?: boolean | CellProblems;
}

/**
 * Every reason the planned workbook would make Excel repair or refuse the file (errors), and
 * numbers Excel would silently change (warnings).
 */
export function checkPlannedWorkbook(plan: PlannedWorkbook, origin?: PlanOrigin, options: LimitsOptions = {}): Issue[] {
  const issues = new CappedIssues();
  const program = origin?.program;
  const lineAt = rowsToLines(origin);
  const templateSheet = (name: string): Pick<Issue, 'source' | 'path'> => {
    const i = program?.template.value.sheets.findIndex((s) => s.name === name) ?? -1;
    return i >= 0 && program ? { path: `sheets[${i}].name`, source: program.template.locate(['sheets', i, 'name']) } : {};
  };

  // what makes a sheet too long or too wide: a statement's lines or columns (the periods they
  // repeat over are the model's), the checks, the model's inputs
  const whereSheetGrows = (sheet: PlannedWorkbook['sheets'][number], along: 'rows' | 'columns'): Pick<Issue, 'source' | 'path'> => {
    if (!program) return {};
    if (sheet.kind === 'statement') {
      const i = program.template.value.sheets.findIndex((s) => s.name === sheet.name);
      if (i < 0) return {};
      const spec = program.template.value.sheets[i]!;
      const path = ['sheets', i, spec.tables ? 'tables' : along === 'rows' ? 'lines' : 'columns'];
      return { path: formatPath(path), source: program.template.locate(path) };
    }
    if (sheet.kind === 'checks') return { path: 'checks', source: program.template.locate(['checks']) };
    if (sheet.kind === 'inputs') return { path: 'inputs', source: program.model.locate(['inputs']) };
    return { path: 'periods', source: program.model.locate(['periods']) };
  };

  const placeCell = (sheetName: string, rowNumber: number, cell: PlannedCell, found: CellProblem): Issue => {
    const cellName = `${quoteSheetName(sheetName)}!${a1(cell.col, rowNumber)}`;
    const line = lineAt.get(`${sheetName}\u0000${rowNumber}`);
    // an input cell is reported at its value in the model, any other statement cell at
    // its template line (the formula or the label it shows)
    const period = line && cell.kind === 'input' ? line.table.valuePeriods.find((p) => origin?.layout?.address(line, p).col === cell.col) : undefined;
    if (line && program && period) {
      const path = ['values', line.sheet.id, line.id, period];
      return { ...found, message: `${cellName} (${line.key}, ${period}): ${found.message}`, path: formatPath(path), source: program.model.locate(path) };
    }
    if (line && program) {
      const field = cell.kind === 'text' ? 'label' : cell.kind === 'formula' && line.spec.formula !== undefined ? 'formula' : 'id';
      return { ...found, message: `${cellName} (${line.key}): ${found.message}`, path: formatPath([...line.path, field]), source: program.template.locate([...line.path, field]) };
    }
    return { ...found, path: cellName };
  };

  const seen = new Map<string, string>();
  for (const sheet of plan.sheets) {
    const problem = sheetNameProblem(sheet.name);
    if (problem) issues.add({ code: 'sheet_name', message: problem, ...templateSheet(sheet.name) });
    // Excel compares sheet names ignoring case; finbook adds its own Cover, Inputs and Checks.
    const folded = sheet.name.toLowerCase();
    const other = seen.get(folded);
    if (other !== undefined) {
      const message = `sheet name "${sheet.name}" clashes with the sheet "${other}" (Excel ignores case; finbook names its own sheets ${plan.sheets.filter((s) => s.kind !== 'statement').map((s) => s.name).join(', ')})`;
      issues.add({ code: 'duplicate_sheet_name', message, ...templateSheet(sheet.name) });
    }
    seen.set(folded, sheet.name);
    if (sheet.lastRow > MAX_ROWS) issues.add({ code: 'too_many_rows', message: `sheet '${sheet.name}' needs ${sheet.lastRow.toLocaleString('en-US')} rows; Excel allows ${MAX_ROWS.toLocaleString('en-US')}`, ...whereSheetGrows(sheet, 'rows') });
    if (sheet.lastCol >= MAX_COLS) issues.add({ code: 'too_many_columns', message: `sheet '${sheet.name}' needs ${(sheet.lastCol + 1).toLocaleString('en-US')} columns; Excel allows ${MAX_COLS.toLocaleString('en-US')}`, ...whereSheetGrows(sheet, 'columns') });
    // the map's cells are within Excel's limits by construction (plan/map.ts): ASCII text in
    // pieces under 32,767 characters, anchors under 8,192
    if (sheet.kind === 'map' || options.cells === false) continue;
    if (options.cells instanceof CellProblems) {
      options.cells.reportTo(sheet.name, issues, placeCell);
      continue;
    }
    for (const row of sheet.rows)
      for (const cell of row.cells) {
        const found = cellProblem(cell);
        if (!found) continue;
        // placed only if it is one of the first MAX_PER_CODE of its kind (CappedIssues): a wide
        // model can have tens of thousands of cells with too many digits, and placing each one
        // in the model file cost a search of the line's periods and a look-up in the file
        issues.addUnplaced(found, () => placeCell(sheet.name, row.row, cell, found));
      }
  }
  for (const n of plan.definedNames) {
    const problem = definedNameProblem(n.name);
    if (!problem) continue;
    // global inputs become defined names under their own ids: point at the input
    const input = program?.inputs.get(n.name);
    if (input && !input.builtin) {
      const message = `global input '${n.name}' becomes the defined name ${n.name}, which ${problem}; Excel refuses it, so rename the input`;
      issues.add({ code: 'defined_name', message, path: `inputs.${n.name}`, source: program!.model.locate(['inputs', n.name]) });
    } else issues.add({ code: 'defined_name', message: `defined name ${n.name} ${problem}; Excel refuses it`, path: n.name });
  }
  for (const [field, text] of [['title', plan.title], ['subject', plan.subject], ['company', plan.company], ['keywords', plan.keywords]] as const) {
    const bad = forbiddenCharacter(text);
    if (bad) issues.add({ code: 'control_character', message: `the workbook's ${field} contains ${describeCharacter(bad.codePoint)}, which an Excel file cannot hold` });
  }
  return issues.done();
}

/** The problems checkPlannedWorkbook found in cells the writer had written (the file is not kept). */
export class CellLimitsError extends Error {
  constructor(readonly issues: Issue[]) {
    super('cells beyond what Excel accepts');
  }
}

/**
 * The problems of the cells of a workbook as the writer read them: the first MAX_PER_CODE
 * of each kind with their cells, and how many more of each kind each sheet had. Checking
 * the workbook again with these (checkPlannedWorkbook's `cells`) gives the issues it would
 * give by building every cell once more: a 10M-cell model with half a million over-long
 * numbers spent a third of its export, and the garbage of 10M cells made in one
 * synchronous pass, doing that.
 */
export class CellProblems {
  private readonly kept = new Map<string, { row: number; cell: PlannedCell; problem: CellProblem }[]>();
  private readonly more = new Map<string, Map<IssueCode, { n: number; severity: Issue['severity'] }>>();
  private readonly seen = new Map<IssueCode, number>();

  get any(): boolean {
    return this.seen.size > 0;
  }

  note(sheet: string, row: number, cell: PlannedCell, problem: CellProblem): void {
    const n = (this.seen.get(problem.code) ?? 0) + 1;
    this.seen.set(problem.code, n);
    if (n <= MAX_PER_CODE) {
      let kept = this.kept.get(sheet);
      if (!kept) this.kept.set(sheet, (kept = []));
      kept.push({ row, cell, problem });
      return;
    }
    let more = this.more.get(sheet);
    if (!more) this.more.set(sheet, (more = new Map()));
    const count = more.get(problem.code) ?? { n: 0, severity: problem.severity };
    more.set(problem.code, count);
    count.n++;
  }

  /** One sheet's problems, in the order the cells were written (row by row, left to right). */
  reportTo(sheet: string, issues: CappedIssues, place: (sheet: string, row: number, cell: PlannedCell, problem: CellProblem) => Issue): void {
    for (const { row, cell, problem } of this.kept.get(sheet) ?? []) issues.addUnplaced(problem, () => place(sheet, row, cell, problem));
    // each kind past its cap is only counted, whichever of the sheet's cells it was
    for (const [code, { n, severity }] of this.more.get(sheet) ?? []) issues.count({ code, severity }, n);
  }
}

/**
 * The same workbook, each of whose cells (the map's aside, as above) is checked against
 * Excel's limits as the writer reads it, its problems noted in `problems`.
 */
export function cellsCheckedAsWritten(plan: PlannedWorkbook, problems: CellProblems): PlannedWorkbook {
  return { ...plan, sheets: plan.sheets.map((sheet) => (sheet.kind === 'map' ? sheet : { ...sheet, rows: sheet.rows.map((row) => checkedRow(sheet.name, row, problems)) })) };
}

function checkedRow(sheet: string, row: PlannedRow, problems: CellProblems): PlannedRow {
  // a large sheet's row builds its cells when read (plan/statement.ts): read them once here;
  // a row the writer reads twice (exceljs' way after the direct one declined it) is noted once
  let noted = false;
  const checked: PlannedRow = {
    row: row.row,
    get cells(): PlannedCell[] {
      const cells = row.cells;
      if (noted) return cells;
      noted = true;
      for (const c of cells) {
        const problem = cellProblem(c);
        if (problem) problems.note(sheet, row.row, c, problem);
      }
      return cells;
    },
  };
  if (row.outline !== undefined) checked.outline = row.outline;
  if (row.height !== undefined) checked.height = row.height;
  return checked;
}

type CellProblem = Pick<Issue, 'code' | 'message' | 'severity'>;

function cellProblem(cell: PlannedCell): CellProblem | undefined {
  switch (cell.kind) {
    case 'text': {
      const problem = cellTextProblem(cell.text);
      return problem ? { code: 'cell_text', message: problem } : undefined;
    }
    case 'formula': {
      const problem = formulaProblem(cell.formula) ?? (typeof cell.value === 'number' ? numberProblem(cell.value) : cellTextProblem(cell.value));
      return problem ? { code: 'cell_formula', message: problem } : undefined;
    }
    case 'input': {
      const problem = numberProblem(cell.value);
      if (problem) return { code: 'not_finite', message: problem };
      // a whole number below 10^15 has at most 15 digits: the common case, decided cheaply
      if (Number.isSafeInteger(cell.value) && Math.abs(cell.value) < 10 ** MAX_SIGNIFICANT_DIGITS) return undefined;
      const digits = significantDigits(cell.value);
      if (digits <= MAX_SIGNIFICANT_DIGITS) return undefined;
      const kept = Number(cell.value.toPrecision(MAX_SIGNIFICANT_DIGITS));
      return {
        code: 'precision',
        severity: 'warning',
        message: `${String(cell.value)} needs ${digits} significant digits; Excel keeps ${MAX_SIGNIFICANT_DIGITS} and will show ${String(kept)}`,
      };
    }
    default:
      return undefined;
  }
}

function rowsToLines(origin: PlanOrigin | undefined): Map<string, LineInfo> {
  const out = new Map<string, LineInfo>();
  if (!origin?.layout) return out;
  for (const sheet of origin.program.sheets) {
    const sl = origin.layout.sheets.get(sheet.id);
    for (const line of sheet.ordered) {
      const row = sl?.rowOfLine.get(line.id);
      if (row !== undefined) out.set(`${sheet.name}\u0000${row}`, line);
    }
  }
  return out;
}

/**
 * The first MAX_PER_CODE issues of each code, in the order found, then one line for the rest
 * of each code. An issue past its code's cap is only counted, never placed or kept.
 */
class CappedIssues {
  /** An issue, or what places one: placed when all are found (done), not while cells are built. */
  private readonly kept: (Issue | (() => Issue))[] = [];
  private readonly counts = new Map<IssueCode, { n: number; severity: Issue['severity'] }>();

  add(issue: Issue): void {
    if (this.counted(issue)) this.kept.push(issue);
  }

  /**
   * An issue placed (its message, path and position made) only if it is kept, and only once
   * every cell is checked: placing one in a large model file reads the file again, which
   * should not be in memory while the cells are built.
   */
  addUnplaced(found: Pick<Issue, 'code' | 'severity'>, place: () => Issue): void {
    if (this.counted(found)) this.kept.push(place);
  }

  /** `n` issues of a code past its cap (CellProblems), counted only. */
  count(issue: Pick<Issue, 'code' | 'severity'>, n: number): void {
    for (let i = 0; i < n; i++) this.counted(issue);
  }

  /** Counts the issue; whether it is within its code's cap. */
  private counted(issue: Pick<Issue, 'code' | 'severity'>): boolean {
    const count = this.counts.get(issue.code) ?? { n: 0, severity: issue.severity };
    this.counts.set(issue.code, count);
    return ++count.n <= MAX_PER_CODE;
  }

  done(): Issue[] {
    const out = this.kept.map((i) => (typeof i === 'function' ? i() : i));
    for (const [code, { n, severity }] of this.counts)
      if (n > MAX_PER_CODE) out.push({ code, severity: severity ?? 'error', message: `... and ${n - MAX_PER_CODE} more like the above (${code})` });
    return out;
  }
}

// OWASP's CSV-injection rule: a spreadsheet treats a field that starts with = + - @, tab or
// carriage return as a formula, so such text gets a leading apostrophe, every text field is
// quoted, and quotes inside are doubled.
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

/** Text a spreadsheet would run as a formula, made inert with a leading apostrophe. */
export function neutraliseFormulaText(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

/** One CSV field: numbers as they are, text neutralised and quoted. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  return `"${neutraliseFormulaText(value).replace(/"/g, '""')}"`;
}

/** One CSV record, ending in CRLF as RFC 4180 asks. */
export function csvRecord(values: readonly (string | number | null | undefined)[]): string {
  return `${values.map(csvField).join(',')}\r\n`;
}

/** Text for a terminal: control characters (ANSI escapes included) shown as \u001b etc. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
