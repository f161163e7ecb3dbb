// The one syntax tree of the expression language. Both back-ends (Decimal evaluation in
// compute/, Excel formula text in expr/excel.ts) switch over `Node['kind']` exhaustively.

export type BinaryOp = '+' | '-' | '*' | '/';
export type CompareOp = '<' | '<=' | '>' | '>=' | '=' | '<>';
export type FunctionName = 'sum' | 'abs' | 'round' | 'min' | 'max' | 'if';

/** A reference to a line: same sheet when `sheet` is null; the column's own period when `period` is null. */
export interface RefNode {
  kind: 'ref';
  sheet: string | null;
  line: string;
  period: string | null;
  pos: number;
  end: number;
}

export type Node =
  | { kind: 'num'; text: string; pos: number }
  | RefNode
  | { kind: 'range'; from: RefNode; to: RefNode; pos: number }
  | { kind: 'input'; name: string; pos: number; end: number }
  | { kind: 'neg'; arg: Node; pos: number }
  | { kind: 'binary'; op: BinaryOp; left: Node; right: Node; pos: number }
  | { kind: 'compare'; op: CompareOp; left: Node; right: Node; pos: number }
  | { kind: 'call'; fn: FunctionName; args: Node[]; pos: number; end: number };

/** Binding strength, as Excel applies it: comparison < + - < * / < unary minus. */
export function precedence(node: Node): number {
  switch (node.kind) {
    case 'compare':
      return 0;
    case 'binary':
      return node.op === '+' || node.op === '-' ? 1 : 2;
    case 'neg':
      return 3;
    case 'num':
    case 'ref':
    case 'range':
    case 'input':
    case 'call':
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

export function isFunctionName(name: string): name is FunctionName {
  return Object.prototype.hasOwnProperty.call(FUNCTIONS, name);
}

export function assertNever(value: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(value)}`);
}

/** Every reference in a tree (ranges contribute both ends). */
export function collectRefs(node: Node, out: RefNode[] = []): RefNode[] {
  switch (node.kind) {
    case 'ref':
      out.push(node);
      break;
    case 'range':
      out.push(node.from, node.to);
      break;
    case 'neg':
      collectRefs(node.arg, out);
      break;
    case 'binary':
    case 'compare':
      collectRefs(node.left, out);
      collectRefs(node.right, out);
      break;
    case 'call':
      for (const a of node.args) collectRefs(a, out);
      break;
    case 'num':
    case 'input':
      break;
    default:
      assertNever(node);
  }
  return out;
}

export function collectInputs(node: Node, out: string[] = []): string[] {
  switch (node.kind) {
    case 'input':
      out.push(node.name);
      break;
    case 'neg':
      collectInputs(node.arg, out);
      break;
    case 'binary':
    case 'compare':
      collectInputs(node.left, out);
      collectInputs(node.right, out);
      break;
    case 'call':
      for (const a of node.args) collectInputs(a, out);
      break;
    case 'num':
    case 'ref':
    case 'range':
      break;
    default:
      assertNever(node);
  }
  return out;
}
