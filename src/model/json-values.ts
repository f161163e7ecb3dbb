// A JSON model's values (sheet -> line -> period -> number) read from the text straight into
// compact lines (compact-values.ts). JSON.parse made an object for every line first, about
// 50 bytes a value, and held all of them at once: for a 10M-value model, 500 MB on top of
// the file's text, the peak of the whole export. Read here, a line's numbers go into one
// reused buffer and are copied into their Float64Array; a line that gives the same periods
// as the line before compares its keys with that line's in the text, making no strings.
//
// The same values as JSON.parse and compactValues give, or none: anything this reader does
// not take (a key given twice, an escape, a value that is not a finite number, a period id
// JavaScript would put first, text that is not JSON) leaves the values to them, whose
// messages and positions are unchanged (load.ts).
import type { LineValues, PeriodKeys } from './compact-values.js';
import { ID, lineView, periodKeys } from './compact-values.js';
import { skipSpace } from './json-scan.js';
import type { Model } from './schema.js';

type Values = Model['values'];

const QUOTE = 0x22;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN = 0x7b;
const CLOSE = 0x7d;

// An object's keys that are array indices come first in JavaScript's order, whatever the
// text's order: the compact line keeps the object's order, so such a line is left to JSON.parse.
const ARRAY_INDEX = /^(?:0|[1-9]\d{0,9})$/;
const isArrayIndex = (k: string): boolean => ARRAY_INDEX.test(k) && Number(k) < 2 ** 32 - 1;

const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** The values object starting at `from` and where it ends, or undefined (see above). */
export function compactValuesFromJson(text: string, from: number): { value: Values; end: number } | undefined {
  let i = from;
  let scratch = new Float64Array(4096);
  let last: PeriodKeys | undefined;

  /** A key without escapes and the colon after it; i is then at its value. */
  const key = (): string | undefined => {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const end = text.indexOf('"', i + 1);
    if (end < 0) return undefined;
    const k = text.slice(i + 1, end);
    if (k.includes('\\')) return undefined;
    i = skipSpace(text, end + 1);
    if (text.charCodeAt(i) !== COLON) return undefined;
    i = skipSpace(text, i + 1);
    return k;
  };

  /** An object, each member's value read by `member`; i is then just past its brace. */
  const object = (member: (k: string) => boolean): boolean => {
    if (text.charCodeAt(i) !== OPEN) return false;
    i = skipSpace(text, i + 1);
    if (text.charCodeAt(i) === CLOSE) return (i++, true);
    for (;;) {
      const k = key();
      if (k === undefined || !member(k)) return false;
      i = skipSpace(text, i);
      const c = text.charCodeAt(i);
      if (c === CLOSE) return (i++, true);
      if (c !== COMMA) return false;
      i = skipSpace(text, i + 1);
    }
  };

  /** A JSON number as JSON.parse reads it, if finite. */
  const number = (): number | undefined => {
    const start = i;
    let c = text.charCodeAt(i);
    const negative = c === 0x2d;
    if (negative) c = text.charCodeAt(++i);
    if (!isDigit(c)) return undefined;
    let whole = 0;
    let digits = 0;
    // JSON allows no leading zero: a digit after "0" ends the number here, and the caller
    // then finds no comma or brace
    if (c === 0x30) c = text.charCodeAt(++i);
    else
      for (; isDigit(c); c = text.charCodeAt(++i)) {
        whole = whole * 10 + (c - 0x30);
        digits++;
      }
    // up to 15 digits, a whole number is exact in a double: the value itself (-0 for "-0", as JSON.parse)
    if (c !== 0x2e && c !== 0x65 && c !== 0x45 && digits <= 15) return negative ? -whole : whole;
    if (c === 0x2e) {
      c = text.charCodeAt(++i);
      if (!isDigit(c)) return undefined;
      while (isDigit(c)) c = text.charCodeAt(++i);
    }
    if (c === 0x65 || c === 0x45) {
      c = text.charCodeAt(++i);
      if (c === 0x2b || c === 0x2d) c = text.charCodeAt(++i);
      if (!isDigit(c)) return undefined;
      while (isDigit(c)) c = text.charCodeAt(++i);
    }
    // the text of a JSON number is a decimal literal: Number() rounds it as JSON.parse does
    const v = Number(text.slice(start, i));
    return Number.isFinite(v) ? v : undefined;
  };

  /** One line's periods and numbers. */
  const line = (): LineValues | undefined => {
    if (text.charCodeAt(i) !== OPEN) return undefined;
    i = skipSpace(text, i + 1);
    const expected = last?.keys;
    // the line's keys, made only once they differ from the line before's
    let keys: string[] | undefined;
    let n = 0;
    if (text.charCodeAt(i) !== CLOSE)
      for (;;) {
        if (text.charCodeAt(i) !== QUOTE) return undefined;
        const end = text.indexOf('"', i + 1);
        if (end < 0) return undefined;
        const want = keys === undefined && expected !== undefined ? expected[n] : undefined;
        if (want === undefined || end - i - 1 !== want.length || !text.startsWith(want, i + 1)) {
          keys ??= expected ? expected.slice(0, n) : [];
          const k = text.slice(i + 1, end);
          if (k.includes('\\')) return undefined;
          keys.push(k);
        }
        i = skipSpace(text, end + 1);
        if (text.charCodeAt(i) !== COLON) return undefined;
        i = skipSpace(text, i + 1);
        const v = number();
        if (v === undefined) return undefined;
        if (n === scratch.length) {
          const grown = new Float64Array(n * 2);
          grown.set(scratch);
          scratch = grown;
        }
        scratch[n++] = v;
        i = skipSpace(text, i);
        const c = text.charCodeAt(i);
        if (c === CLOSE) break;
        if (c !== COMMA) return undefined;
        i = skipSpace(text, i + 1);
      }
    i++;
    let periods = last;
    if (keys !== undefined || expected === undefined || n !== expected.length) {
      keys ??= expected ? expected.slice(0, n) : [];
      periods = periodKeys(keys);
      // a key given twice (the index has fewer), or one JavaScript would order first
      if (!periods || periods.index.size !== keys.length || keys.some(isArrayIndex)) return undefined;
    }
    last = periods;
    return { periods: periods!, data: scratch.slice(0, n) };
  };

  const value = Object.create(null) as Values;
  const read = object((sheet) => {
    if (!ID.test(sheet) || sheet in value) return false;
    const byLine = Object.create(null) as Values[string];
    const ok = object((id) => {
      if (!ID.test(id) || id in byLine) return false;
      const l = line();
      if (!l) return false;
      byLine[id] = lineView(l);
      return true;
    });
    value[sheet] = byLine;
    return ok;
  });
  return read ? { value, end: i } : undefined;
}
