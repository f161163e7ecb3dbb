// Periods found by their dates, never by their order in the file: the period before this
// one, the balance dates at a period's start and end, the periods a longer one consists of.
// Both back-ends and the dependency graph ask this one module, so they agree on every cell.
import type { ShiftNode, SpanNode, StepKind } from '../expr/ast.js';
import { assertNever, isStepKind } from '../expr/ast.js';
import type { Period } from '../model/schema.js';

/**
 * Where a formula is read: a period of the model, or a balance date reached through
 * opening()/closing()/prev(). `from` is the kind of the period the date was reached from:
 * where a quarter and a year both end on that date, a quarter's opening balance is read
 * from the quarter's column.
 */
export type When = { at: 'period'; period: Period } | { at: 'date'; date: string; from: string };

/** A period the formula needs and the model does not have: said in words for the message. */
export interface Missing {
  missing: string;
}

/** A formula used where its function has no meaning (opening() of a balance date): a template mistake. */
export class TimeError extends Error {}

export function isMissing<T>(x: T | Missing): x is Missing {
  return typeof x === 'object' && x !== null && 'missing' in x;
}

const DAY = 86_400_000;

/** 2003-01-01 -> 2002-12-31 (calendar dates, no time zone). */
export function dayBefore(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) - DAY).toISOString().slice(0, 10);
}

export function dayAfter(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + DAY).toISOString().slice(0, 10);
}

/** The date a period ends on (an instant: its date). */
export function endOf(p: Period): string {
  return p.end ?? p.date ?? '';
}

export function describeWhen(w: When): string {
  return w.at === 'period' ? w.period.id : w.date;
}

/** Periods of one kind that make up twelve months: the span of ltm(). */
const PER_YEAR: Record<StepKind, number> = { month: 12, quarter: 4, half: 2, year: 1 };

export class Calendar {
  private readonly byKindEnd = new Map<string, Period>();
  private readonly byKind = new Map<string, Period[]>();

  constructor(periods: Iterable<Period>) {
    for (const p of periods) {
      const key = `${p.kind}@${endOf(p)}`;
      if (!this.byKindEnd.has(key)) this.byKindEnd.set(key, p);
      let list = this.byKind.get(p.kind);
      if (!list) this.byKind.set(p.kind, (list = []));
      list.push(p);
    }
    // ISO dates (YYYY-MM-DD, or '' for a period without dates) sort as text: compared by code
    // unit, which is their order, not by localeCompare, whose ICU collator costs an export more
    // to set up than all its periods take to sort
    const byStart = (p: Period): string => p.start ?? endOf(p);
    for (const list of this.byKind.values()) list.sort((a, b) => (byStart(a) < byStart(b) ? -1 : byStart(a) > byStart(b) ? 1 : 0));
  }

  /** The model's period of a kind that ends on a date. */
  private ending(kind: string, date: string): Period | undefined {
    return this.byKindEnd.get(`${kind}@${date}`);
  }

  /** Where prev(), opening() or closing() reads its argument. */
  shift(when: When, node: ShiftNode): When | Missing {
    const fn = node.fn;
    // A period whose dates are not known yet (finbook init leaves them to the user) has no
    // neighbours; its closing balance is in its own column, where a table shows one.
    if (when.at === 'period' && (!endOf(when.period) || (when.period.kind !== 'instant' && !when.period.start)))
      return fn === 'closing' && when.period.kind !== 'instant' ? when : { missing: `the dates of ${when.period.id}` };
    switch (fn) {
      case 'prev': {
        if (when.at === 'period' && when.period.kind !== 'instant') {
          const p = when.period;
          if (!isStepKind(p.kind)) throw new TimeError(`prev() steps by a month, quarter, half or year; '${p.id}' is a ${p.kind} period`);
          if (node.step !== null && node.step !== p.kind) throw new TimeError(`prev(x, ${node.step}) in '${p.id}', a ${p.kind}: a period steps back by its own kind (write prev(x))`);
          const date = dayBefore(p.start!);
          const q = this.ending(p.kind, date);
          return q ? { at: 'period', period: q } : { missing: `the ${p.kind} before ${p.id} (ending ${date})` };
        }
        // a balance date steps back through the period of the given kind that ends on it
        const date = when.at === 'date' ? when.date : endOf(when.period);
        if (node.step === null) throw new TimeError(`prev() at the balance date ${date} needs the kind of step: prev(x, year) or prev(x, quarter)`);
        const q = this.ending(node.step, date);
        if (!q) return { missing: `the ${node.step} that ends ${date}` };
        return { at: 'date', date: dayBefore(q.start!), from: node.step };
      }
      case 'opening':
      case 'closing': {
        if (when.at === 'date' || when.period.kind === 'instant')
          throw new TimeError(`${fn}() reads the balance at a period's ${fn === 'opening' ? 'start' : 'end'}; ${describeWhen(when)} is a balance date`);
        const p = when.period;
        return { at: 'date', date: fn === 'opening' ? dayBefore(p.start!) : p.end!, from: p.kind };
      }
      default:
        return assertNever(fn);
    }
  }

  /** Where sum_within(), ytd() or ltm() reads its argument, in time order. */
  span(when: When, node: SpanNode): When[] | Missing {
    if (when.at === 'date' || when.period.kind === 'instant') throw new TimeError(`${node.fn}() adds up flows; ${describeWhen(when)} is a balance date`);
    const p = when.period;
    if (!p.start || !p.end) return { missing: `the dates of ${p.id}` };
    const fn = node.fn;
    switch (fn) {
      case 'sum_within':
        return this.tile(node.of!, p.start!, p.end!, `${p.id}`);
      case 'ytd': {
        const kind = p.kind;
        if (!isStepKind(kind)) throw new TimeError(`ytd() adds months, quarters or halves; '${p.id}' is a ${kind} period`);
        const year = (this.byKind.get('year') ?? []).find((y) => y.start! <= p.start! && p.end! <= y.end!);
        if (!year) return { missing: `a fiscal year (a period of kind year) that contains ${p.id}` };
        return this.tile(kind, year.start!, p.end!, `${year.id} to the end of ${p.id}`);
      }
      case 'ltm': {
        const kind = p.kind;
        if (!isStepKind(kind)) throw new TimeError(`ltm() adds months, quarters, halves or years; '${p.id}' is a ${kind} period`);
        const out: When[] = [when];
        let cur = p;
        for (let i = 1; i < PER_YEAR[kind]; i++) {
          const date = dayBefore(cur.start!);
          const q = this.ending(kind, date);
          if (!q) return { missing: `the ${kind} ending ${date} (twelve months to ${p.end})` };
          out.unshift({ at: 'period', period: q });
          cur = q;
        }
        return out;
      }
      default:
        return assertNever(fn);
    }
  }

  /** The model's periods of a kind that cover from..to exactly, one after another. */
  private tile(kind: StepKind, from: string, to: string, what: string): When[] | Missing {
    const out: When[] = [];
    let cursor = from;
    for (const q of this.byKind.get(kind) ?? []) {
      if (q.start! < from || q.end! > to) continue;
      if (q.start! > cursor) return { missing: `the ${kind}s of ${what} from ${cursor} to ${dayBefore(q.start!)}` };
      if (q.start! < cursor) throw new TimeError(`the model's ${kind}s overlap: ${q.id} starts ${q.start}, inside an earlier ${kind}`);
      out.push({ at: 'period', period: q });
      cursor = dayAfter(q.end!);
    }
    if (cursor <= to) return { missing: `the ${kind}s of ${what} from ${cursor} to ${to}` };
    return out;
  }
}

/**
 * The column of a table that holds a line's figure at a point in time: the period itself,
 * or for a balance date the table's instant of that date, else its period ending that day
 * (a balance sheet headed by fiscal years shows each year's closing balance).
 */
export function columnAt(valuePeriods: readonly string[], periodOf: (id: string) => Period, when: When): string | Missing | { ambiguous: string[] } {
  if (when.at === 'period') {
    if (valuePeriods.includes(when.period.id)) return when.period.id;
    if (when.period.kind !== 'instant') return { missing: `a column for ${when.period.id}` };
  }
  const date = when.at === 'date' ? when.date : endOf(when.period);
  const from = when.at === 'date' ? when.from : 'instant';
  let instant: string | undefined;
  const ending: string[] = [];
  for (const id of valuePeriods) {
    const p = periodOf(id);
    if (p.kind === 'instant' && endOf(p) === date) instant ??= id;
    else if (p.kind !== 'instant' && p.end === date) ending.push(id);
  }
  if (instant) return instant;
  if (ending.length === 1) return ending[0]!;
  if (ending.length > 1) {
    const same = ending.filter((id) => periodOf(id).kind === from);
    return same.length === 1 ? same[0]! : { ambiguous: ending };
  }
  return { missing: `a column for ${date}` };
}
