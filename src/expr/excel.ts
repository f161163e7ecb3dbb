// Back-end 2: print a syntax tree as Excel formula text (no leading '='), keeping the
// tree's shape exactly so Excel evaluates in the same order as the Decimal back-end.
import type { CellAddress } from '../layout/a1.js';
import { a1, qualifiedA1 } from '../layout/a1.js';
import type { Node, RefNode, ShiftNode, SpanNode } from './ast.js';
import { FUNCTIONS, assertNever, precedence } from './ast.js';

export interface ExcelResolver {
  /** The sheet the formula is written on. */
  readonly sheet: string;
  cell(ref: RefNode): CellAddress;
  /** Every line of a range `a:b`, in sheet order. */
  range(from: RefNode, to: RefNode): CellAddress[];
  /** True when the cell holds nothing a SUM would count (a heading or a blank row). */
  isEmptyCell(addr: CellAddress): boolean;
  inputName(name: string): string;
  /** True when a global input is known (validated) to be non-zero. */
  inputIsNonZero(name: string): boolean;
  /** The resolver of the period prev()/opening()/closing() reads (compile/calendar.ts). */
  shift(node: ShiftNode): ExcelResolver;
  /** The resolvers of the periods sum_within()/ytd()/ltm() adds up, in time order. */
  span(node: SpanNode): ExcelResolver[];
  /** Formula text of the selected scenario's number, e.g. MATCH(scenario,scenario_list,0). */
  scenarioIndex(): string;
}

/** A denominator that can never be zero needs no guard. */
export function isNonZeroConstant(node: Node, inputIsNonZero: (name: string) => boolean): boolean {
  if (node.kind === 'num') return Number(node.text) !== 0;
  if (node.kind === 'input') return inputIsNonZero(node.name);
  return false;
}

export function toExcel(node: Node, r: ExcelResolver): string {
  switch (node.kind) {
    case 'num':
      return normaliseNumber(node.text);
    case 'ref':
      return qualifiedA1(r.cell(node), r.sheet);
    case 'range':
      return cellList(r.range(node.from, node.to), r);
    case 'input':
      return r.inputName(node.name);
    case 'neg': {
      const arg = toExcel(node.arg, r);
      // Excel's unary minus binds tighter than anything we have, so any operator needs brackets.
      return precedence(node.arg) < 3 || node.arg.kind === 'neg' ? `-(${arg})` : `-${arg}`;
    }
    case 'binary': {
      const p = precedence(node);
      const left = wrap(node.left, precedence(node.left) < p, r);
      // Brackets on the right whenever the right side binds no tighter: a-(b-c), a/(b*c),
      // and also a+(b+c), so Excel adds in the same order as the tree.
      const right = wrap(node.right, precedence(node.right) <= p || node.right.kind === 'neg', r);
      if (node.op === '/' && !isNonZeroConstant(node.right, (n) => r.inputIsNonZero(n))) return guardedQuotient(left, right, node.right);
      return `${left}${node.op}${right}`;
    }
    case 'compare': {
      const left = wrap(node.left, precedence(node.left) <= 0, r);
      const right = wrap(node.right, precedence(node.right) <= 0, r);
      return `${left}${node.op}${right}`;
    }
    case 'call': {
      const name = FUNCTIONS[node.fn].excel;
      if (node.fn === 'sum' || node.fn === 'min' || node.fn === 'max') return `${name}(${argumentList(node.args, r)})`;
      return `${name}(${node.args.map((a) => toExcel(a, r)).join(',')})`;
    }
    case 'shift':
      // the same expression, its references bound to the other period's cells
      return toExcel(node.arg, r.shift(node));
    case 'span': {
      const over = r.span(node);
      // a line's cells over the periods: one SUM, a range where they stand side by side
      if (node.arg.kind === 'ref') {
        const arg = node.arg;
        return `SUM(${cellList(over.map((x) => x.cell(arg)), r)})`;
      }
      return `SUM(${over.map((x) => toExcel(node.arg, x)).join(',')})`;
    }
    case 'scenario':
      return `CHOOSE(${r.scenarioIndex()},${node.options.map((o) => toExcel(o, r)).join(',')})`;
    default:
      return assertNever(node);
  }
}

/**
 * n/d under the one division-by-zero policy of both back-ends: a zero denominator gives 0
 * (compute/evaluate.ts). A cell or a name is tested and then divided by: IF(d=0,0,n/d), which
 * hides no error. Any other denominator is written once, IFERROR(n/d,0): written twice, as
 * IF would, every division inside it would be too, doubling the text at each level (24
 * nested divisions made 62 million characters). Excel, LibreOffice, Gnumeric and
 * HyperFormula give #DIV/0! for n/0 and IFERROR turns it into 0 in all four; a formula finbook
 * writes has no other error for IFERROR to hide.
 */
function guardedQuotient(numerator: string, denominator: string, node: Node): string {
  return writtenAsOneCell(node) ? `IF(${denominator}=0,0,${numerator}/${denominator})` : `IFERROR(${numerator}/${denominator},0)`;
}

/** A cell, a name or a number: a reference shifted to another period (prev(x)) is one cell too. */
function writtenAsOneCell(node: Node): boolean {
  return node.kind === 'ref' || node.kind === 'input' || node.kind === 'num' || (node.kind === 'shift' && writtenAsOneCell(node.arg));
}

function wrap(node: Node, brackets: boolean, r: ExcelResolver): string {
  const text = toExcel(node, r);
  return brackets ? `(${text})` : text;
}

function normaliseNumber(text: string): string {
  let t = text.startsWith('.') ? `0${text}` : text;
  if (t.includes('.')) t = t.replace(/0+$/, '').replace(/\.$/, '');
  t = t.replace(/^0+(?=\d)/, '');
  return t;
}

/** SUM/MIN/MAX arguments: plain references in one column compact to a range (C7:C10). */
function argumentList(args: Node[], r: ExcelResolver): string {
  const cells: CellAddress[] = [];
  for (const a of args) {
    if (a.kind === 'ref') cells.push(r.cell(a));
    else if (a.kind === 'range') cells.push(...r.range(a.from, a.to));
    else return args.map((x) => toExcel(x, r)).join(',');
  }
  return cellList(cells, r);
}

function cellList(cells: CellAddress[], r: ExcelResolver): string {
  const first = cells[0];
  if (first && cells.length > 1 && cells.every((c) => c.sheet === first.sheet && c.col === first.col)) {
    const rows = cells.map((c) => c.row);
    const ascending = rows.every((row, i) => i === 0 || row > rows[i - 1]!);
    if (ascending) {
      const last = rows[rows.length - 1]!;
      const present = new Set(rows);
      let contiguous = true;
      for (let row = first.row; row <= last && contiguous; row++) {
        if (!present.has(row) && !r.isEmptyCell({ sheet: first.sheet, col: first.col, row })) contiguous = false;
      }
      if (contiguous) return rangeText(first, { ...first, row: last }, r);
    }
  }
  // cells of one row in adjacent columns (a year's quarters side by side): C7:F7. Only when
  // no other column stands between them: a share or change column holds numbers a SUM would add.
  if (first && cells.length > 1 && cells.every((c, i) => c.sheet === first.sheet && c.row === first.row && c.col === first.col + i)) {
    return rangeText(first, cells[cells.length - 1]!, r);
  }
  return cells.map((c) => qualifiedA1(c, r.sheet)).join(',');
}

function rangeText(from: CellAddress, to: CellAddress, r: ExcelResolver): string {
  const text = `${a1(from.col, from.row)}:${a1(to.col, to.row)}`;
  return from.sheet === r.sheet ? text : `${qualifiedA1(from, r.sheet).split('!')[0]}!${text}`;
}
