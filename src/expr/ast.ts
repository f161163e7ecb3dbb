// The one syntax tree of the expression language. Both back-ends (Decimal evaluation in
// compute/, Excel formula text in expr/excel.ts) switch over `Node['kind']` exhaustively.

export type BinaryOp = '+' | '-' | '*' | '/';
export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '<>';
export type FunctionName = 'sum' | 'abs' | 'round' | 'min' | 'max' | 'if';

/**
 * Period kinds a formula can step by or sum over (compile/calendar.ts): a month, quarter,
 * half or year. `ytd` and `instant` periods are not steps.
 */
export const STEP_KINDS = ['month', 'quarter', 'half', 'year'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * Time shifts: the argument evaluated in another period than the cell's own.
 *   prev(x)         the period of the same kind that ends the day before this one starts
 *   prev(x, year)   at a balance date: the balance date a year before (the start of the
 *                   model's year that ends on this date)
 *   opening(x)      the balance at the day before this period starts
 *   closing(x)      the balance at the day this period ends
 */
export type ShiftFunction = 'prev' | 'opening' | 'closing';
/**
 * Sums over periods, found by their dates:
 *   sum_within(x, quarter)  the quarters this period consists of (a year = its quarters)
 *   ytd(x)                  this period and the earlier ones of its kind in its fiscal year
 *   ltm(x)                  the last twelve months: this period and the ones before it
 */
export type SpanFunction = 'sum_within' | 'ytd' | 'ltm';

/** A reference to a line: same sheet when `sheet` is null; the column's own period when `period` is null. */
export interface RefNode {
  kind: 'ref';
  sheet: string | null;
  line: string;
  period: string | null;
  pos: number;
  end: number;
}

export type ShiftNode = { kind: 'shift'; fn: ShiftFunction; arg: Node; step: StepKind | null; pos: number; end: number };
/**
 * scenario(a, b, c): the option of the scenario selected in the workbook, one per scenario of
 * the template in its order. Excel: CHOOSE(MATCH(scenario,scenario_list,0),a,b,c).
 */
export type ScenarioNode = { kind: 'scenario'; options: Node[]; pos: number; end: number };
export type SpanNode = { kind: 'span'; fn: SpanFunction; arg: Node; of: StepKind | null; pos: number; end: number };

export type Node =
  | { kind: 'num'; text: string; pos: number }
  | RefNode
  | { kind: 'range'; from: RefNode; to: RefNode; pos: number }
  | { kind: 'input'; name: string; pos: number; end: number }
  | { kind: 'neg'; arg: Node; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node; pos: number }
  | { kind: 'compare'; op: CompareOp; left: Node; right: Node; pos: number }
  | { kind: 'call'; fn: FunctionName; args: Node[]; pos: number; end: number }
  | ShiftNode
  | SpanNode
  | ScenarioNode;

/** Binding strength, as Excel applies it: comparison < + - < * / < unary minus. */
export function precedence(node: Node): number {
  switch (node.kind) {
    case 'compare':
      return 0;
    case 'binary':
      return node.op === '+' || node.op === '-' ? 1 : 2;
    case 'neg':
      return 3;
    // a shift prints as its argument, read in another period: it binds as its argument does
    case 'shift':
      return precedence(node.arg);
    case 'num':
    case 'ref':
    case 'range':
    case 'input':
    case 'call':
    case 'span':
    case 'scenario':
      return 4;
    default:
      return assertNever(node);
  }
}

export const FUNCTIONS: Record<FunctionName, { min: number; max: number; excel: string }> = {
  sum: { min: 1, max: 255, excel: 'SUM' },
  abs: { min: 1, max: 1, excel: 'ABS' },
  round: { min: 2, max: 2, excel: 'ROUND' },
  min: { min: 1, max: 255, excel: 'MIN' },
  max: { min: 1, max: 255, excel: 'MAX' },
  if: { min: 3, max: 3, excel: 'IF' },
};

/** The time functions, their arguments: an expression, then a period kind where one is taken. */
export const TIME_FUNCTIONS: Record<ShiftFunction | SpanFunction, { step: 'none' | 'optional' | 'required' }> = {
  prev: { step: 'optional' },
  opening: { step: 'none' },
  closing: { step: 'none' },
  sum_within: { step: 'required' },
  ytd: { step: 'none' },
  ltm: { step: 'none' },
};

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

export function isTimeFunction(name: string): name is ShiftFunction | SpanFunction {
  return Object.prototype.hasOwnProperty.call(TIME_FUNCTIONS, name);
}

export function isShiftFunction(name: ShiftFunction | SpanFunction): name is ShiftFunction {
  return name === 'prev' || name === 'opening' || name === 'closing';
}

export function isStepKind(name: string): name is StepKind {
  return (STEP_KINDS as readonly string[]).includes(name);
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

/**
 * The direct sub-trees of a node: the one walk every traversal builds on, so a new node
 * kind cannot be skipped silently by a collector. A range's ends are its children.
 */
export function children(node: Node): readonly Node[] {
  switch (node.kind) {
    case 'num':
    case 'ref':
    case 'input':
      return [];
    case 'range':
      return [node.from, node.to];
    case 'neg':
    case 'shift':
    case 'span':
      return [node.arg];
    case 'binary':
    case 'compare':
      return [node.left, node.right];
    case 'call':
      return node.args;
    case 'scenario':
      return node.options;
    default:
      return assertNever(node);
  }
}

/** Calls `visit` on every node of a tree, parents before children (iteratively: no stack limit). */
export function walk(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    visit(node);
    const kids = children(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
  }
}

/** Every reference in a tree, in text order (ranges contribute both ends). */
export function collectRefs(node: Node, out: RefNode[] = []): RefNode[] {
  walk(node, (n) => {
    if (n.kind === 'ref') out.push(n);
  });
  return out;
}

export function collectInputs(node: Node, out: string[] = []): string[] {
  walk(node, (n) => {
    if (n.kind === 'input') out.push(n.name);
  });
  return out;
}

/** True when a formula reads another period than the cell's own through a time function. */
export function usesTime(node: Node): boolean {
  let found = false;
  walk(node, (n) => {
    if (n.kind === 'shift' || n.kind === 'span') found = true;
  });
  return found;
}
