// Formula text as Excel, LibreOffice and openpyxl save it, read for comparison: tokens
// (excel-formula-tokenizer, a port of the tokenizer Excel's own formula grammar is usually
// described by), references resolved to cells, and one canonical spelling so that two
// programs' ways of writing the same formula compare equal: function names in upper case
// without the _xlfn. prefix Excel adds to newer functions, sheet names unquoted, no white
// space, no $ (absolute and relative references point at the same cell), numbers as numbers.
import { tokenize } from 'excel-formula-tokenizer';
import type { ReadWorkbook } from '../verify/read-xlsx.js';
import { parseA1 } from '../verify/read-xlsx.js';

/** A reference inside a formula: one cell, a rectangle, whole rows or columns, or a defined name. */
export type Reference =
  | { kind: 'cell'; sheet: string | null; col: number; row: number }
  | { kind: 'area'; sheet: string | null; from: { col: number; row: number }; to: { col: number; row: number } }
  | { kind: 'rows'; sheet: string | null; from: number; to: number }
  | { kind: 'cols'; sheet: string | null; from: number; to: number }
  | { kind: 'name'; sheet: string | null; name: string }
  /** A reference to a cell that was deleted: #REF! (with or without its sheet). */
  | { kind: 'deleted'; sheet: string | null };

export type FormulaPiece = { kind: 'ref'; ref: Reference } | { kind: 'text'; text: string };

/** Split `Sheet!A1`, `'IS Quarter'!C10`, `'Bob''s'!A1` into sheet and the rest (the tokenizer has undone the doubled quote). */
function splitSheet(text: string): { sheet: string | null; local: string } {
  if (text.startsWith("'")) {
    const close = text.indexOf("'!", 1);
    if (close > 0) return { sheet: text.slice(1, close), local: text.slice(close + 2) };
  }
  // an unquoted sheet name has no '!' of its own
  const bang = text.indexOf('!');
  if (bang < 0) return { sheet: null, local: text };
  return { sheet: text.slice(0, bang), local: text.slice(bang + 1) };
}

const COLUMN = /^\$?([A-Za-z]{1,3})$/;
const ROW = /^\$?(\d+)$/;

function columnIndex(letters: string): number {
  let col = 0;
  for (const ch of letters.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  return col - 1;
}

/** What a range operand refers to. */
export function parseReference(text: string): Reference {
  if (/^#REF!$/i.test(text)) return { kind: 'deleted', sheet: null };
  const { sheet, local } = splitSheet(text);
  if (/^#REF!$/i.test(local)) return { kind: 'deleted', sheet };
  const [a, b] = local.split(':');
  if (b === undefined) {
    const cell = parseA1(a!);
    return cell ? { kind: 'cell', sheet, col: cell.col, row: cell.row } : { kind: 'name', sheet, name: a! };
  }
  const from = parseA1(a!);
  const to = parseA1(b);
  if (from && to) return { kind: 'area', sheet, from, to };
  const rowA = ROW.exec(a!);
  const rowB = ROW.exec(b);
  if (rowA && rowB) return { kind: 'rows', sheet, from: Number(rowA[1]), to: Number(rowB[1]) };
  const colA = COLUMN.exec(a!);
  const colB = COLUMN.exec(b);
  if (colA && colB) return { kind: 'cols', sheet, from: columnIndex(colA[1]!), to: columnIndex(colB[1]!) };
  if (/#REF!/i.test(local)) return { kind: 'deleted', sheet };
  return { kind: 'name', sheet, name: local };
}

/**
 * A formula as references and canonical text between them. White space goes (except where
 * it is Excel's intersection operator), function names are upper case without _xlfn.,
 * numbers and booleans are canonical, strings quoted as Excel quotes them.
 */
export function formulaPieces(formula: string): FormulaPiece[] {
  const pieces: FormulaPiece[] = [];
  const text = (t: string): void => {
    const last = pieces[pieces.length - 1];
    if (last?.kind === 'text') last.text += t;
    else pieces.push({ kind: 'text', text: t });
  };
  const tokens = tokenize(formula);
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    switch (t.type) {
      case 'function':
        if (t.subtype === 'start') {
          if (t.value === 'ARRAY') text('{');
          else if (t.value === 'ARRAYROW') text('');
          else text(`${t.value.replace(/^_xl(?:fn|ws)\./i, '').toUpperCase()}(`);
        } else text(t.value === 'ARRAY' ? '}' : t.value === 'ARRAYROW' ? '' : ')');
        break;
      case 'subexpression':
        text(t.subtype === 'start' ? '(' : ')');
        break;
      case 'argument':
        text(t.value);
        break;
      case 'operand':
        switch (t.subtype) {
          case 'range':
            pieces.push({ kind: 'ref', ref: parseReference(t.value) });
            break;
          case 'number':
            text(String(Number(t.value)));
            break;
          case 'text':
            text(`"${t.value.replace(/"/g, '""')}"`);
            break;
          case 'logical':
          case 'error':
            text(t.value.toUpperCase());
            break;
          default:
            text(t.value);
        }
        break;
      case 'unknown': {
        // 'IS Quarter'!#REF! comes as the sheet (unknown) and the error
        const next = tokens[i + 1];
        if (t.value.endsWith('!') && next?.type === 'operand' && next.subtype === 'error' && /^#REF!$/i.test(next.value)) {
          pieces.push({ kind: 'ref', ref: { kind: 'deleted', sheet: splitSheet(`${t.value}x`).sheet } });
          i++;
        } else text(t.value);
        break;
      }
      case 'white-space':
        break;
      default:
        // operators: infix, prefix, postfix (the intersection operator is a space)
        text(t.value);
    }
  }
  return pieces;
}

/** The operands of an anchor, COUNTA(a,b,c): one reference per argument, in order; null when the formula is not one. */
export function anchorReferences(formula: string): Reference[] | null {
  const tokens = tokenize(formula).filter((t) => t.type !== 'white-space');
  const head = tokens[0];
  if (head?.type !== 'function' || head.subtype !== 'start' || head.value.toUpperCase() !== 'COUNTA') return null;
  const refs: Reference[] = [];
  let expectOperand = true;
  for (let i = 1; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.type === 'function' && t.subtype === 'stop') return i === tokens.length - 1 && !expectOperand ? refs : null;
    if (t.type === 'argument' && t.value === ',' && !expectOperand) {
      expectOperand = true;
      continue;
    }
    if (!expectOperand) return null;
    if (t.type === 'operand' && t.subtype === 'range') refs.push(parseReference(t.value));
    else if (t.type === 'operand' && t.subtype === 'error' && /^#REF!$/i.test(t.value)) refs.push({ kind: 'deleted', sheet: null });
    else if (t.type === 'unknown' && t.value.endsWith('!') && tokens[i + 1]?.type === 'operand' && /^#REF!$/i.test(tokens[i + 1]!.value)) {
      refs.push({ kind: 'deleted', sheet: splitSheet(`${t.value}x`).sheet });
      i++;
    } else return null;
    expectOperand = false;
  }
  return null;
}

const A1_PART = /^(\$?)([A-Za-z]{1,3})(\$?)(\d+)$/;

function shiftA1(text: string, dr: number, dc: number): string {
  const m = A1_PART.exec(text);
  if (!m) return text;
  let col = 0;
  for (const ch of m[2]!.toUpperCase()) col = col * 26 + (ch.charCodeAt(0) - 64);
  const c = m[1] ? col - 1 : col - 1 + dc;
  const r = m[3] ? Number(m[4]) : Number(m[4]) + dr;
  if (c < 0 || r < 1) return '#REF!';
  let letters = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${m[1]}${letters}${m[3]}${r}`;
}

/**
 * A shared formula's text in a follower cell: the first cell's formula with its relative
 * references moved by the follower's offset (ECMA-376 18.3.1.40), as Excel reads it.
 */
export function shiftFormula(formula: string, dr: number, dc: number): string {
  let out = '';
  for (const t of tokenize(formula)) {
    if (t.type === 'operand' && t.subtype === 'range') {
      const bang = t.value.startsWith("'") ? t.value.indexOf("'!", 1) + 1 : t.value.indexOf('!');
      const sheet = bang > 0 ? t.value.slice(0, bang + 1).replace(/^'(.*)'!$/s, (_, name: string) => `'${name.replace(/'/g, "''")}'!`) : '';
      const local = bang > 0 ? t.value.slice(bang + 1) : t.value;
      out += sheet + local.split(':').map((part) => shiftA1(part, dr, dc)).join(':');
    } else if (t.type === 'operand' && t.subtype === 'text') out += `"${t.value.replace(/"/g, '""')}"`;
    else if (t.type === 'function') out += t.subtype === 'start' ? (t.value === 'ARRAY' ? '{' : t.value === 'ARRAYROW' ? '' : `${t.value}(`) : t.value === 'ARRAY' ? '}' : t.value === 'ARRAYROW' ? '' : ')';
    else if (t.type === 'subexpression') out += t.subtype === 'start' ? '(' : ')';
    else out += t.value;
  }
  return out;
}

const FOLLOWER = /^\(shared formula (.+)\)$/;

/** Give each follower of a shared formula its own text (in place), so it compares like any formula. */
export function expandSharedFormulas(wb: ReadWorkbook): void {
  for (const sheet of wb.sheets) {
    const masters = new Map<string, { row: number; col: number; formula: string }>();
    for (const c of sheet.cells.values()) if (c.sharedIndex !== undefined && c.formula) masters.set(c.sharedIndex, { row: c.row, col: c.col, formula: c.formula });
    if (masters.size === 0) continue;
    for (const c of sheet.cells.values()) {
      const m = c.formula ? FOLLOWER.exec(c.formula) : null;
      const master = m ? masters.get(m[1]!) : undefined;
      if (master) c.formula = shiftFormula(master.formula, c.row - master.row, c.col - master.col);
    }
  }
}
