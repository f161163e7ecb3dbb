// A model's values (sheet -> line -> period -> number) held in 8 bytes a value. A parsed
// line of 1,000 periods is an object in V8's dictionary mode, about 50 bytes a value: the
// values were most of a large model's memory (3M values, 150 MB). Each line here is one
// Float64Array and the period ids it gives, shared by every line that gives the same ones,
// behind a read-only view that answers like the object it replaces (keys in the same order,
// `in`, spreading, JSON), so the rest of finbook reads values as before; compute reads the
// array directly (lineValuesOf).
//
// The fast path takes only values the schema would accept unchanged: ids the schema's
// patterns allow and finite numbers, no null (an empty value, which the schema drops).
// Anything else is left to zod, whose messages name each problem (load.ts).
import type { Model } from './schema.js';

type Values = Model['values'];

/** The periods a line gives, in the order its object had them, and each one's index. */
export interface PeriodKeys {
  readonly keys: readonly string[];
  readonly index: ReadonlyMap<string, number>;
}

/** One line's values: data[i] is the value for period keys.keys[i]. */
export interface LineValues {
  readonly periods: PeriodKeys;
  readonly data: Float64Array;
}

const LINE = Symbol('finbook compact line');

// the schema's patterns (schema.ts): sheet and line ids, period ids
export const ID = /^[a-z][a-z0-9_]*$/;
const PERIOD_ID = /^[A-Za-z0-9_]+$/;

/** The compact storage behind a line's view, or undefined for a plain object. */
export function lineValuesOf(line: unknown): LineValues | undefined {
  return typeof line === 'object' && line !== null ? ((line as Record<symbol, unknown>)[LINE] as LineValues | undefined) : undefined;
}

/**
 * The values in compact form, or undefined when anything about them is not what the schema
 * accepts as it is (then zod validates them and reports the problems).
 */
export function compactValues(raw: unknown): Values | undefined {
  if (!isPlainObject(raw)) return undefined;
  const out = Object.create(null) as Values;
  let last: PeriodKeys | undefined;
  for (const sheet of Object.keys(raw)) {
    const lines = raw[sheet];
    if (!ID.test(sheet) || !isPlainObject(lines)) return undefined;
    const byLine = Object.create(null) as Values[string];
    for (const line of Object.keys(lines)) {
      const periods = lines[line];
      if (!ID.test(line) || !isPlainObject(periods)) return undefined;
      const keys = Object.keys(periods);
      // most lines give the same periods as the line before: their keys are checked once
      const shared = last !== undefined && sameKeys(last.keys, keys) ? last : periodKeys(keys);
      if (!shared) return undefined;
      last = shared;
      const data = new Float64Array(keys.length);
      for (let i = 0; i < keys.length; i++) {
        const v = periods[keys[i]!];
        if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
        data[i] = v;
      }
      byLine[line] = lineView({ periods: shared, data });
    }
    out[sheet] = byLine;
  }
  return out;
}

/** The period ids of a line, indexed, or undefined when one is not an id the schema accepts. */
export function periodKeys(keys: string[]): PeriodKeys | undefined {
  const index = new Map<string, number>();
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i]!;
    // every object has a __proto__ already: the schema refuses it as a period id
    if (!PERIOD_ID.test(k) || k === '__proto__') return undefined;
    index.set(k, i);
  }
  return { keys, index };
}

function sameKeys(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A read-only object view of one line: what the schema would have made of it (no prototype). */
export function lineView(line: LineValues): Record<string, number> {
  const { index } = line.periods;
  const target = Object.create(null) as Record<string, number>;
  return new Proxy(target, {
    get: (_, key) => {
      if (key === LINE) return line;
      if (typeof key !== 'string') return undefined;
      const i = index.get(key);
      return i === undefined ? undefined : line.data[i];
    },
    has: (_, key) => typeof key === 'string' && index.has(key),
    ownKeys: () => [...line.periods.keys],
    getOwnPropertyDescriptor: (_, key) => {
      const i = typeof key === 'string' ? index.get(key) : undefined;
      return i === undefined ? undefined : { value: line.data[i], writable: false, enumerable: true, configurable: true };
    },
    // the model's values are read, never changed (prepare.ts merges CSV values into copies)
    set: () => false,
    defineProperty: () => false,
    deleteProperty: () => false,
  });
}

/** The periods a line of values gives, in order (a compact line's shared list, not a copy). */
export function periodIdsOf(line: Readonly<Record<string, number>>): readonly string[] {
  return lineValuesOf(line)?.periods.keys ?? Object.keys(line);
}

/** A reader of one line's values by period: one look-up per value, also for a compact line. */
export function periodReader(line: Readonly<Record<string, number>> | undefined): (period: string) => number | undefined {
  if (line === undefined) return () => undefined;
  const compact = lineValuesOf(line);
  if (!compact) return (p) => line[p];
  const { index } = compact.periods;
  const { data } = compact;
  return (p) => {
    const i = index.get(p);
    return i === undefined ? undefined : data[i];
  };
}
