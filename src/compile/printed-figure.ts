// A figure as a source prints it: "3,341,255", "(8.3%)", "-905", "0.28", "-" (nil). Its
// value, and its printed precision: the number of digits after the point, which sets the
// tolerance of the tie-out (half a unit of the last printed digit).
import { Decimal } from '../compute/decimal.js';

export interface PrintedNumber {
  /** The value in the printed unit divided by 10^shift (a percentage as a fraction when shift is 2). */
  value: Decimal;
  /** Digits printed after the decimal point. */
  decimals: number;
  /** The figure in units of its last printed digit: "(47.52)" is -4752. */
  units: bigint;
  /** The text carries a % sign. */
  percent: boolean;
  /** "n/m": the source prints no ratio because it means nothing (a zero or negative base). */
  notMeaningful: boolean;
}

// Brackets or a leading minus for negatives; thousands grouped by commas (all or none);
// an optional fraction; an optional % sign inside the brackets.
const FIGURE = /^(\()?(-)?([0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.([0-9]+))?(%)?(\))?$/;
// A dash alone (hyphen, en dash or em dash) is how statements print nil.
const NIL = /^[-\u2013\u2014]$/;

const ZERO = new Decimal(0);
/** How a ratio that means nothing is printed (and shown by finbook's share and change cells). */
const NOT_MEANINGFUL = 'n/m';

export const PRINTED_FORMS = '"1,234", "(1,234)", "-1,234", "12.5%", "(0.28)", "-" for nil, "n/m" for a ratio that means nothing';

/**
 * The figure of a printed text, or a message saying why it is none. `shift` moves the point
 * left (2: a percentage's 25.6 becomes 0.256), exactly, without a division.
 */
export function parsePrintedFigure(figure: string, shift = 0): PrintedNumber | string {
  const text = figure.trim();
  if (NIL.test(text)) return { value: ZERO, decimals: 0, percent: false, units: 0n, notMeaningful: false };
  if (text.toLowerCase() === NOT_MEANINGFUL) return { value: ZERO, decimals: 0, percent: false, units: 0n, notMeaningful: true };
  const m = FIGURE.exec(text);
  if (m === null) return `"${figure}" is not a figure as printed (${PRINTED_FORMS})`;
  const [, open, minus, whole = '', fraction, pct, close] = m;
  if ((open === undefined) !== (close === undefined)) return `"${figure}" has an unmatched bracket`;
  if (open !== undefined && minus !== undefined) return `"${figure}" is negative twice (bracket and minus)`;
  const digits = `${whole.replace(/,/g, '')}${fraction ?? ''}`;
  const decimals = fraction?.length ?? 0;
  const magnitude = new Decimal(`${digits}e-${decimals + shift}`);
  const negative = (open !== undefined || minus !== undefined) && !magnitude.isZero();
  return { value: negative ? magnitude.neg() : magnitude, decimals, percent: pct !== undefined, units: negative ? -BigInt(digits) : BigInt(digits), notMeaningful: false };
}
