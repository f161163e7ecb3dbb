// Print a syntax tree back as template formula text, with brackets exactly where the tree
// needs them (the same rules as expr/excel.ts), so parse(toSource(t)) gives t again.
import type { Node, RefNode } from './ast.js';
import { assertNever, precedence as excelPrecedence } from './ast.js';

// In template text a time function is written as a call, so it binds like one.
const precedence = (node: Node): number => (node.kind === 'shift' ? 4 : excelPrecedence(node));

function ref(r: RefNode): string {
  return `${r.sheet ? `${r.sheet}.` : ''}${r.line}${r.period ? `[${r.period}]` : ''}`;
}

export function toSource(node: Node): string {
  switch (node.kind) {
    case 'num':
      return node.text;
    case 'ref':
      return ref(node);
    case 'range':
      return `${ref(node.from)}:${ref(node.to)}`;
    case 'input':
      return `$${node.name}`;
    case 'neg': {
      const arg = toSource(node.arg);
      return precedence(node.arg) < 3 || node.arg.kind === 'neg' ? `-(${arg})` : `-${arg}`;
    }
    case 'binary': {
      const p = precedence(node);
      const left = precedence(node.left) < p ? `(${toSource(node.left)})` : toSource(node.left);
      const right = precedence(node.right) <= p || node.right.kind === 'neg' ? `(${toSource(node.right)})` : toSource(node.right);
      return `${left} ${node.op} ${right}`;
    }
    case 'compare': {
      const left = precedence(node.left) <= 0 ? `(${toSource(node.left)})` : toSource(node.left);
      const right = precedence(node.right) <= 0 ? `(${toSource(node.right)})` : toSource(node.right);
      return `${left} ${node.op} ${right}`;
    }
    case 'call':
      return `${node.fn}(${node.args.map(toSource).join(', ')})`;
    case 'shift':
      return `${node.fn}(${toSource(node.arg)}${node.step ? `, ${node.step}` : ''})`;
    case 'span':
      return `${node.fn}(${toSource(node.arg)}${node.of ? `, ${node.of}` : ''})`;
    case 'scenario':
      return `scenario(${node.options.map(toSource).join(', ')})`;
    default:
      return assertNever(node);
  }
}
