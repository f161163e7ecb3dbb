// Recursive-descent parser for template formulas. Grammar (lowest binding first):
//   expr    := additive (cmpop additive)?
//   additive:= term (('+'|'-') term)*
//   term    := unary (('*'|'/') unary)*
//   unary   := ('-'|'+') unary | primary
//   primary := number | '$' ident | ref (':' ref)? | ident '(' args ')' | time | '(' expr ')'
//   time    := ('prev'|'opening'|'closing'|'sum_within'|'ytd'|'ltm') '(' expr (',' kind)? ')'
//   choice  := 'scenario' '(' expr (',' expr)* ')'
//   ref     := ident ('.' ident)? ('[' period ']')?
import type { BinaryOp, CompareOp, Node, RefNode, ShiftFunction, SpanFunction, StepKind } from './ast.js';
import { STEP_KINDS, TIME_FUNCTIONS, isFunctionName, isShiftFunction, isStepKind, isTimeFunction } from './ast.js';

export class FormulaSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

type Token =
  | { t: 'num'; text: string; pos: number }
  | { t: 'ident'; text: string; pos: number }
  | { t: 'period'; text: string; pos: number }
  | { t: 'op'; text: string; pos: number }
  | { t: 'end'; pos: number };

const IDENT = /[A-Za-z_][A-Za-z0-9_]*/y;
const NUMBER = /(?:\d+(?:\.\d*)?|\.\d+)/y;
const PERIOD = /[A-Za-z0-9_]+/y;
const OPS = ['<=', '>=', '<>', '+', '-', '*', '/', '(', ')', ',', '.', ':', '$', '[', ']', '<', '>', '='];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r') {
      i++;
      continue;
    }
    // A period id inside [ ] may start with a digit (4Q02), so it is lexed on its own.
    if (out.length > 0 && out[out.length - 1]!.t === 'op' && (out[out.length - 1] as { text: string }).text === '[') {
      PERIOD.lastIndex = i;
      const m = PERIOD.exec(src);
      if (m) {
        out.push({ t: 'period', text: m[0], pos: i });
        i += m[0].length;
        continue;
      }
    }
    NUMBER.lastIndex = i;
    const num = NUMBER.exec(src);
    if (num) {
      const after = src[i + num[0].length];
      if (after !== undefined && /[A-Za-z_]/.test(after)) {
        throw new FormulaSyntaxError(`a name cannot start with a digit`, i);
      }
      out.push({ t: 'num', text: num[0], pos: i });
      i += num[0].length;
      continue;
    }
    IDENT.lastIndex = i;
    const id = IDENT.exec(src);
    if (id) {
      out.push({ t: 'ident', text: id[0], pos: i });
      i += id[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ t: 'op', text: op, pos: i });
      i += op.length;
      continue;
    }
    throw new FormulaSyntaxError(`unexpected character '${ch}'`, i);
  }
  out.push({ t: 'end', pos: src.length });
  return out;
}

/**
 * Brackets, function calls and signs nest at most this deep. The parser, both back-ends and
 * every walk over the tree recurse once per level, so a formula of thousands of '(' is
 * refused instead of overflowing the stack. Excel's own rule, 64 levels of nested functions
 * in the formula it is given, is checked on the written formula (compile/excel-limits.ts),
 * which names the cell: brackets alone do not count there.
 */
export const MAX_FORMULA_NESTING = 256;
/**
 * Operators in a row (a+b+c...) deepen the tree too, one level each: the tree, nesting
 * included, is at most this deep (a formula within Excel's 8,192 characters can hold 4,096
 * operators; this leaves the evaluator's recursion well inside the stack).
 */
export const MAX_FORMULA_DEPTH = 1000;

export function parseFormula(src: string): Node {
  const tokens = tokenize(src);
  let k = 0;
  let depth = 0;
  let chained = 0;
  const deeper = (pos: number): void => {
    if (++depth > MAX_FORMULA_NESTING) throw new FormulaSyntaxError(`the formula nests deeper than ${MAX_FORMULA_NESTING} levels of brackets, functions and signs`, pos);
  };
  const longer = (tok: Token): void => {
    if (++chained + depth > MAX_FORMULA_DEPTH) throw new FormulaSyntaxError(`the formula has more than ${MAX_FORMULA_DEPTH} operators in a row; split it over several lines`, tok.pos);
  };
  const peek = (): Token => tokens[k]!;
  const isOp = (text: string): boolean => {
    const tok = peek();
    return tok.t === 'op' && tok.text === text;
  };
  const expectOp = (text: string): Token => {
    const tok = peek();
    if (tok.t !== 'op' || tok.text !== text) throw new FormulaSyntaxError(`expected '${text}'${describe(tok)}`, tok.pos);
    k++;
    return tok;
  };
  const describe = (tok: Token): string => (tok.t === 'end' ? ' but the formula ended' : ` but found '${tok.text}'`);

  function expr(): Node {
    const left = additive();
    const tok = peek();
    if (tok.t === 'op' && ['<', '<=', '>', '>=', '=', '<>'].includes(tok.text)) {
      k++;
      const right = additive();
      return { kind: 'compare', op: tok.text as CompareOp, left, right, pos: tok.pos };
    }
    return left;
  }
  function additive(): Node {
    const before = chained;
    let left = term();
    for (;;) {
      const tok = peek();
      if (tok.t === 'op' && (tok.text === '+' || tok.text === '-')) {
        k++;
        longer(tok);
        left = { kind: 'binary', op: tok.text as BinaryOp, left, right: term(), pos: tok.pos };
      } else {
        chained = before;
        return left;
      }
    }
  }
  function term(): Node {
    const before = chained;
    let left = unary();
    for (;;) {
      const tok = peek();
      if (tok.t === 'op' && (tok.text === '*' || tok.text === '/')) {
        k++;
        longer(tok);
        left = { kind: 'binary', op: tok.text as BinaryOp, left, right: unary(), pos: tok.pos };
      } else {
        chained = before;
        return left;
      }
    }
  }
  function unary(): Node {
    const tok = peek();
    if (tok.t === 'op' && (tok.text === '-' || tok.text === '+')) {
      k++;
      deeper(tok.pos);
      const arg = unary();
      depth--;
      return tok.text === '-' ? { kind: 'neg', arg, pos: tok.pos } : arg;
    }
    return primary();
  }
  function ref(first: Token & { t: 'ident' }): RefNode {
    let sheet: string | null = null;
    let line = first.text;
    let end = first.pos + first.text.length;
    if (isOp('.')) {
      k++;
      const second = peek();
      if (second.t !== 'ident') throw new FormulaSyntaxError(`expected a line id after '${first.text}.'${describe(second)}`, second.pos);
      k++;
      sheet = first.text;
      line = second.text;
      end = second.pos + second.text.length;
    }
    let period: string | null = null;
    if (isOp('[')) {
      k++;
      const p = peek();
      if (p.t !== 'period') throw new FormulaSyntaxError(`expected a period id inside [ ]${describe(p)}`, p.pos);
      k++;
      period = p.text;
      end = expectOp(']').pos + 1;
    }
    return { kind: 'ref', sheet, line, period, pos: first.pos, end };
  }
  function primary(): Node {
    const tok = peek();
    if (tok.t === 'num') {
      k++;
      return { kind: 'num', text: tok.text, pos: tok.pos };
    }
    if (tok.t === 'op' && tok.text === '$') {
      k++;
      const name = peek();
      if (name.t !== 'ident') throw new FormulaSyntaxError(`expected an input name after '$'${describe(name)}`, name.pos);
      k++;
      return { kind: 'input', name: name.text, pos: tok.pos, end: name.pos + name.text.length };
    }
    if (tok.t === 'op' && tok.text === '(') {
      k++;
      deeper(tok.pos);
      const inner = expr();
      expectOp(')');
      depth--;
      return inner;
    }
    if (tok.t === 'ident') {
      k++;
      if (isOp('(')) {
        const name = tok.text.toLowerCase();
        if (isTimeFunction(name)) return timeFunction(name, tok.pos);
        if (name === 'scenario') return scenarioChoice(tok.pos);
        if (!isFunctionName(name)) throw new FormulaSyntaxError(`unknown function '${tok.text}'`, tok.pos);
        k++;
        deeper(tok.pos);
        const args: Node[] = [];
        if (!isOp(')')) {
          for (;;) {
            args.push(argument());
            if (isOp(',')) {
              k++;
              continue;
            }
            break;
          }
        }
        const close = expectOp(')');
        depth--;
        return { kind: 'call', fn: name, args, pos: tok.pos, end: close.pos + 1 };
      }
      return ref(tok);
    }
    throw new FormulaSyntaxError(`expected a number, a line, an input or '('${describe(tok)}`, tok.pos);
  }
  // prev(x), opening(x), closing(x), sum_within(x, quarter), ytd(x), ltm(x): x read in other
  // periods than the cell's own; the optional or required second argument is a period kind.
  function timeFunction(fn: ShiftFunction | SpanFunction, pos: number): Node {
    k++; // '('
    deeper(pos);
    const arg = expr();
    let step: StepKind | null = null;
    const rule = TIME_FUNCTIONS[fn].step;
    if (isOp(',')) {
      k++;
      const kind = peek();
      if (rule === 'none') throw new FormulaSyntaxError(`${fn}() takes one argument`, kind.pos);
      if (kind.t !== 'ident' || !isStepKind(kind.text)) throw new FormulaSyntaxError(`expected a period kind (${STEP_KINDS.join(', ')})${describe(kind)}`, kind.pos);
      k++;
      step = kind.text;
    } else if (rule === 'required') {
      throw new FormulaSyntaxError(`${fn}() needs a period kind as its second argument, e.g. ${fn}(x, quarter)`, peek().pos);
    }
    const end = expectOp(')').pos + 1;
    depth--;
    if (isShiftFunction(fn)) return { kind: 'shift', fn, arg, step, pos, end };
    return { kind: 'span', fn, arg, of: step, pos, end };
  }
  // scenario(a, b, c): one option per scenario of the template (compile checks the count)
  function scenarioChoice(pos: number): Node {
    k++; // '('
    deeper(pos);
    const options: Node[] = [expr()];
    while (isOp(',')) {
      k++;
      options.push(expr());
    }
    const end = expectOp(')').pos + 1;
    depth--;
    return { kind: 'scenario', options, pos, end };
  }
  // Inside a call, `a:b` names every line from a to b in sheet order.
  function argument(): Node {
    const start = k;
    const tok = peek();
    if (tok.t === 'ident') {
      k++;
      if (!isOp('(')) {
        const from = ref(tok);
        if (isOp(':')) {
          const colon = peek();
          k++;
          const toTok = peek();
          if (toTok.t !== 'ident') throw new FormulaSyntaxError(`expected a line id after ':'${describe(toTok)}`, toTok.pos);
          k++;
          const to = ref(toTok);
          return { kind: 'range', from, to, pos: colon.pos };
        }
      }
      k = start;
    }
    return expr();
  }

  const tree = expr();
  const rest = peek();
  if (rest.t !== 'end') throw new FormulaSyntaxError(`unexpected '${rest.text}' after the end of the expression`, rest.pos);
  return tree;
}
