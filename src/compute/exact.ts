// Exact values without a Decimal where a double already is exact.
//
// A double holds every integer of magnitude up to 2^53 exactly, and IEEE 754 rounds + - *
// correctly: when both operands are safe integers and the true result is within 2^53 the
// double result IS the true result, and when it is not, the rounded result is not a safe
// integer either (rounding is monotonic), which is how each operation below notices and
// falls back to Decimal. Statements are mostly sums of whole units, so a model with a
// million figures computes without allocating a million Decimals; fractions, quotients
// and large products go through Decimal exactly as before.
import { Decimal } from './decimal.js';

/** A safe integer as a number, anything else as a Decimal: always the exact value. */
export type Exact = number | Decimal;

export function exact(x: number): Exact {
  return Number.isSafeInteger(x) ? x : new Decimal(x);
}

/** A number literal of the expression language: digits only fit a double exactly up to 15 digits. */
export function exactLiteral(text: string): Exact {
  return text.length <= 15 && /^\d+$/.test(text) ? Number(text) : new Decimal(text);
}

export function toDecimal(x: Exact): Decimal {
  return typeof x === 'number' ? new Decimal(x) : x;
}

/** The cached value of a cell: the exact value converted once to a double. */
export function toDouble(x: Exact): number {
  return typeof x === 'number' ? x : x.toNumber();
}

/**
 * toDouble(dividedBy(a, b)) for b not zero, without a Decimal when a and b are whole.
 *
 * For safe integers a and b the double a / b IS that value. dividedBy gives the quotient q
 * rounded to 40 significant digits (decimal.ts), and toDouble rounds that to the nearest
 * double; IEEE 754 division rounds q itself to the nearest double. The two agree unless a
 * midpoint m between two neighbouring doubles lies between q and its 40-digit rounding.
 * q is never a midpoint (m = M * 2^(e-53) with M odd and 2^53 <= M < 2^54, so q = m would
 * need |a| >= 2^53), so |q - m| = |a * 2^(53-e) - M * b| / (b * 2^(53-e)) >= 1 / (b * 2^(53-e)),
 * which relative to |q| < 2^(e+1) is more than 1 / (b * 2^54) > 2^-107 > 6e-33; the 40-digit
 * rounding moves q by at most 10^-39 relative. So no midpoint lies between them, and both
 * roundings give the same double (test/unit/quotient-double.test.ts checks it against Decimal).
 */
export function quotientDouble(a: Exact, b: Exact): number {
  if (typeof a === 'number' && typeof b === 'number') {
    const q = a / b;
    // 0 / b is 0, never -0 (as dividedBy)
    return q === 0 ? 0 : q;
  }
  // A whole number over a short decimal (a rate such as 118.07 = 11807 / 10^2) is the
  // quotient of two whole numbers, a * 10^2 / 11807: the same argument holds while both are
  // safe integers. Its zero keeps the sign Decimal gives it.
  if (typeof a === 'number' && typeof b !== 'number') {
    const d = shortDecimal(b);
    if (d) {
      const scaled = a * 10 ** d.scale;
      if (Number.isSafeInteger(scaled)) return scaled / d.digits;
    }
  }
  return toDouble(dividedBy(a, b));
}

/** A Decimal of at most 15 significant digits as digits / 10^scale (whole digits), or null. */
const shortDecimals = new WeakMap<Decimal, { digits: number; scale: number } | null>();

function shortDecimal(d: Decimal): { digits: number; scale: number } | null {
  let s = shortDecimals.get(d);
  if (s === undefined) {
    const scale = d.decimalPlaces();
    // up to 15 digits, the text read as a double is that whole number exactly
    s = d.isFinite() && d.precision(true) <= 15 && scale <= 15 ? { digits: Number(d.toFixed(scale).replace('.', '')), scale } : null;
    if (s && (!Number.isSafeInteger(s.digits) || s.digits === 0)) s = null;
    shortDecimals.set(d, s);
  }
  return s;
}

export function isZero(x: Exact): boolean {
  return typeof x === 'number' ? x === 0 : x.isZero();
}

export function plus(a: Exact, b: Exact): Exact {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a + b;
    if (Number.isSafeInteger(r)) return r;
  }
  const x = toDecimal(a);
  const y = toDecimal(b);
  return withoutRoundingResidue(x.plus(y), x, y);
}

export function minus(a: Exact, b: Exact): Exact {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a - b;
    if (Number.isSafeInteger(r)) return r;
  }
  const x = toDecimal(a);
  const y = toDecimal(b);
  return withoutRoundingResidue(x.minus(y), x, y);
}

/**
 * Decimal digits of cancellation below which a sum is rounding residue. Quotients carry 40
 * significant digits (decimal.ts), each rounded by at most half a unit of the 40th; two
 * routes to the same figure (net loss / shares / ratio and net loss / (shares * ratio)) can
 * then differ in the 39th or 40th digit, and their difference is that residue (1e-38 for a
 * per-ADS figure of about 50), not a figure: a recalculation in doubles gives 0. Ten digits of
 * headroom cover the rounding of millions of chained operations; no figure a model can state
 * has 30 significant digits (Excel keeps 15), so a true difference is never this small.
 */
const RESIDUE_DIGITS = 30;

/** 0 when a + b (or a - b) cancelled to rounding residue of the operands' 40 digits, else the sum. */
export function withoutRoundingResidue(sum: Decimal, a: Decimal, b: Decimal): Exact {
  if (sum.isZero()) return 0;
  const magnitude = Math.max(a.isZero() ? -Infinity : a.e, b.isZero() ? -Infinity : b.e);
  return sum.e < magnitude - RESIDUE_DIGITS ? 0 : sum;
}

export function times(a: Exact, b: Exact): Exact {
  if (typeof a === 'number' && typeof b === 'number') {
    const r = a * b;
    if (Number.isSafeInteger(r)) return r === 0 ? 0 : r;
  }
  return toDecimal(a).times(toDecimal(b));
}

/** Callers apply the division-by-zero policy first; b is not zero here. */
export function dividedBy(a: Exact, b: Exact): Exact {
  // a whole quotient of whole numbers is exact in doubles
  if (typeof a === 'number' && typeof b === 'number' && a % b === 0) return a / b === 0 ? 0 : a / b;
  return toDecimal(a).div(toDecimal(b));
}

export function negated(x: Exact): Exact {
  return typeof x === 'number' ? (x === 0 ? 0 : -x) : x.neg();
}

export function absolute(x: Exact): Exact {
  return typeof x === 'number' ? Math.abs(x) : x.abs();
}

export function compare(a: Exact, b: Exact): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  return toDecimal(a).comparedTo(toDecimal(b));
}

export function smallest(xs: Exact[]): Exact {
  if (xs.every((x) => typeof x === 'number')) return Math.min(...(xs as number[]));
  return Decimal.min(...xs.map(toDecimal));
}

export function largest(xs: Exact[]): Exact {
  if (xs.every((x) => typeof x === 'number')) return Math.max(...(xs as number[]));
  return Decimal.max(...xs.map(toDecimal));
}
