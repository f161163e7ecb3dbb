// Whether a line's cell holds an input or a formula: the template's rule, on its own so that
// what the compiler calls (printed.ts) can ask it without importing the compiler back.
import type { LineInfo } from './program.js';

/** A line is derived when the template gives it any formula; otherwise it is an input. */
export function isDerived(line: LineInfo): boolean {
  return line.spec.formula !== undefined || line.spec.formula_for !== undefined;
}

/** True when the line's cell for value period `index` holds an input (a blue constant). */
export function isInputCell(line: LineInfo, index: number): boolean {
  return !isDerived(line) || line.inputAt?.[index] === true;
}
