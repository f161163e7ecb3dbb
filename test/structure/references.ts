// Sheet references inside formulas, defined names and chart series, checked against the
// workbook's sheets and Excel's quoting: 'Balance Sheet'!A1, 'Data'!A1 and Data!A1 are
// right; Gewinn–Verlust€!A1 needs the quotes Excel requires, and LibreOffice reads it as #N/A
// without them.
import { excelRequiresQuotes, quoteSheetName } from '../../src/layout/a1.js';

export interface SheetReference {
  /** As written before the `!`. */
  written: string;
  /** The sheet name it means. */
  name: string;
}

// a quoted name ('...' with '' for an apostrophe), or a run of characters that are neither
// operators, separators, quotes nor spaces; both followed by !
const REFERENCE = /('(?:[^']|'')+'|[^\s'"!,()=+\-*/<>&^:;{}%]+)!/gu;
const STRING = /"(?:[^"]|"")*"/g;
// error values are literals, not references: #DIV/0!, #REF!, #NULL!
const ERROR = /#(?:NULL!|DIV\/0!|VALUE!|REF!|NAME\?|NUM!|N\/A|GETTING_DATA)/g;

/** Every sheet reference of a formula (text in double quotes left out). */
export function sheetReferences(formula: string): SheetReference[] {
  const out: SheetReference[] = [];
  for (const m of formula.replace(STRING, '""').replace(ERROR, '0').matchAll(REFERENCE)) {
    const written = m[1]!;
    out.push({ written, name: written.startsWith("'") ? written.slice(1, -1).replace(/''/g, "'") : written });
  }
  return out;
}

/** What is wrong with a formula's sheet references: unknown sheets, names left bare that Excel requires quoted. */
export function referenceProblems(formula: string, sheets: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const r of sheetReferences(formula)) {
    if (!sheets.has(r.name)) problems.push(`${formula}: refers to a sheet '${r.name}' the workbook does not have`);
    else if (!r.written.startsWith("'") && excelRequiresQuotes(r.name)) problems.push(`${formula}: sheet ${r.name} is written bare; Excel requires ${quoteSheetName(r.name)}`);
  }
  return problems;
}

// $A$1, $A$1:$H$47, $1:$8, $A:$C
const ABSOLUTE_AREA = /^(\$[A-Z]{1,3}\$\d+(:\$[A-Z]{1,3}\$\d+)?|\$\d+:\$\d+|\$[A-Z]{1,3}:\$[A-Z]{1,3})$/;

/** The areas of a defined name's text (`Sheet!$A$1:$B$2,Sheet!$D$1`), or null when it is not a list of sheet areas. */
export function definedNameAreas(text: string): { sheet: SheetReference; area: string }[] | null {
  const out: { sheet: SheetReference; area: string }[] = [];
  for (const part of splitTopLevel(text)) {
    const bang = part.lastIndexOf('!');
    if (bang < 0) return null;
    const [sheet] = sheetReferences(part.slice(0, bang + 1));
    if (!sheet || sheet.written !== part.slice(0, bang)) return null;
    out.push({ sheet, area: part.slice(bang + 1) });
  }
  return out;
}

export function isAbsoluteArea(area: string): boolean {
  return ABSOLUTE_AREA.test(area);
}

/** A list split at commas outside quotes and brackets. */
function splitTopLevel(text: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === "'" || ch === '"') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      out.push(text.slice(start, i));
      start = i + 1;
    }
  }
  out.push(text.slice(start));
  return out;
}
