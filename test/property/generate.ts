// fast-check arbitraries for whole cases: a template (2-3 sheets of lines, each line an
// input or a random expression over earlier lines) and a model with its figures.
//
// Generated trees reference lines by index ("pick"); the case builder resolves each pick
// against the lines that exist before it, so every generated case compiles, and shrinking
// (fewer sheets, fewer lines, smaller trees) stays valid.
//
// Numerics: inputs are multiples of 1/8 (exact in binary), so sums and differences of
// inputs are exact both in decimal.js and in doubles and a zero is a zero in both. Every
// denominator (a divisor, a share column's `of` line, a change column's base) is such a
// linear combination; a quotient could be 1e-40 in Decimal and 0 in a double, and dividing
// by it would make the engines differ for a reason that is not a printer bug.
import fc from 'fast-check';
import { stringify } from 'yaml';

type Op = '+' | '-' | '*' | '/';

export type RawExpr =
  | { t: 'ref'; pick: number; cross: boolean; period: number | null }
  | { t: 'num'; v: string }
  | { t: 'input'; name: 'rate' | 'zero' | 'half' | 'unit_scale' }
  | { t: 'sum'; picks: number[]; range: boolean; cross: boolean }
  | { t: 'fn'; fn: 'abs' | 'min' | 'max'; args: RawExpr[] }
  | { t: 'neg'; arg: RawExpr }
  | { t: 'bin'; op: Op; l: RawExpr; r: RawExpr; paren: boolean };

/** A denominator: sums, differences and small integer multiples of linear lines and constants. */
export type RawDen =
  | { t: 'iref'; pick: number; cross: boolean }
  | { t: 'int'; v: number }
  | { t: 'input'; name: 'rate' | 'zero' }
  | { t: 'neg'; arg: RawDen }
  | { t: 'lin'; op: '+' | '-'; l: RawDen; r: RawDen }
  | { t: 'scale'; k: number; arg: RawDen };

/** true about one time in four */
const rarely = fc.integer({ min: 0, max: 3 }).map((n) => n === 0);

const CONSTANTS = ['0', '1', '2', '3', '0.5', '1.25', '10', '100', '0.1', '1.1', '.75'];

const den: fc.Arbitrary<RawDen> = fc.letrec<{ d: RawDen }>((tie) => ({
  d: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { arbitrary: fc.record({ t: fc.constant('iref' as const), pick: fc.nat(20), cross: fc.boolean() }), weight: 6 },
    { arbitrary: fc.record({ t: fc.constant('int' as const), v: fc.integer({ min: 0, max: 12 }) }), weight: 2 },
    { arbitrary: fc.record({ t: fc.constant('input' as const), name: fc.constantFrom('rate' as const, 'zero' as const) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('neg' as const), arg: tie('d') }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('lin' as const), op: fc.constantFrom('+' as const, '-' as const), l: tie('d'), r: tie('d') }), weight: 2 },
    { arbitrary: fc.record({ t: fc.constant('scale' as const), k: fc.integer({ min: -3, max: 4 }), arg: tie('d') }), weight: 1 },
  ),
})).d;

export const expr: fc.Arbitrary<RawExpr> = fc.letrec<{ e: RawExpr }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true, maxDepth: 4 },
    { arbitrary: fc.record({ t: fc.constant('ref' as const), pick: fc.nat(20), cross: fc.boolean(), period: fc.oneof({ arbitrary: fc.constant(null), weight: 4 }, { arbitrary: fc.nat(2), weight: 1 }) }), weight: 8 },
    { arbitrary: fc.record({ t: fc.constant('num' as const), v: fc.constantFrom(...CONSTANTS) }), weight: 2 },
    { arbitrary: fc.record({ t: fc.constant('input' as const), name: fc.constantFrom('rate' as const, 'zero' as const, 'half' as const, 'unit_scale' as const) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('sum' as const), picks: fc.array(fc.nat(20), { minLength: 1, maxLength: 4 }), range: fc.boolean(), cross: fc.boolean() }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('fn' as const), fn: fc.constantFrom('abs' as const, 'min' as const, 'max' as const), args: fc.array(tie('e'), { minLength: 1, maxLength: 3 }) }), weight: 1 },
    { arbitrary: fc.record({ t: fc.constant('neg' as const), arg: tie('e') }), weight: 2 },
    {
      arbitrary: fc.record({ t: fc.constant('bin' as const), op: fc.constantFrom<Op>('-', '+', '-', '*'), l: tie('e'), r: tie('e'), paren: rarely }),
      weight: 6,
    },
    // a division's right side is a denominator (see above); a zero denominator is common
    {
      arbitrary: fc.record({ t: fc.constant('bin' as const), op: fc.constant<Op>('/'), l: tie('e'), r: den as unknown as fc.Arbitrary<RawExpr>, paren: rarely }),
      weight: 3,
    },
  ),
})).e;

const value = fc.oneof({ arbitrary: fc.constant(0), weight: 1 }, { arbitrary: fc.integer({ min: -1000, max: 1000 }).map((k) => k / 8), weight: 5 });

export interface RawLine {
  input: boolean;
  formula: RawExpr | RawDen;
  /** A linear line (sums/differences of input lines): what share and change columns may divide by. */
  linear: boolean;
  values: number[];
}

export interface RawSheet {
  lines: RawLine[];
  valueOrder: boolean;
  share: { of: number; period: number } | null;
  change: { period: number; base: number; signChange: boolean } | null;
  translated: number | null;
}

export interface RawCase {
  periods: number;
  names: string[];
  sheets: RawSheet[];
  checks: { a: number; b: number; sa: number; sb: number };
  /** Export to .xlsx and read back (one case in three; shrinks towards true), or recalculate the plan directly. */
  viaFile: boolean;
}

const inputLine: fc.Arbitrary<RawLine> = fc.record({ input: fc.constant(true), formula: fc.constant<RawDen>({ t: 'int', v: 0 }), linear: fc.constant(true), values: fc.array(value, { minLength: 3, maxLength: 3 }) });
const formulaLine: fc.Arbitrary<RawLine> = fc.record({ input: fc.constant(false), formula: expr, linear: fc.constant(false), values: fc.constant<number[]>([]) });
const linearLine: fc.Arbitrary<RawLine> = fc.record({ input: fc.constant(false), formula: den, linear: fc.constant(true), values: fc.constant<number[]>([]) });
const line = fc.oneof({ arbitrary: inputLine, weight: 2 }, { arbitrary: formulaLine, weight: 3 }, { arbitrary: linearLine, weight: 1 });

const sheet: fc.Arbitrary<RawSheet> = fc.record({
  // the first line is always an input, so every sheet has one to divide by
  lines: fc.tuple(fc.array(value, { minLength: 3, maxLength: 3 }), fc.array(line, { minLength: 1, maxLength: 6 })).map(([v, rest]) => [{ input: true, formula: { t: 'int', v: 0 } as RawDen, linear: true, values: v }, ...rest]),
  valueOrder: fc.boolean(),
  share: fc.option(fc.record({ of: fc.nat(20), period: fc.nat(2) }), { freq: 2 }),
  change: fc.option(fc.record({ period: fc.nat(2), base: fc.nat(2), signChange: fc.boolean() }), { freq: 2 }),
  translated: fc.option(fc.nat(2), { freq: 2 }),
});

// Sheet names that need quoting in formulas ('Balance Sheet', 'FY2024', 'Bob''s', 'R1C1', and for
// LibreOffice 'Gewinn–Verlust€' and emoji) and some that do not (Σύνοψη).
const NAMES = ['Income', 'Balance Sheet', 'FY2024', "Bob's", 'Q4', 'Data_2', 'R1C1', 'Cash-flow', 'Gewinn–Verlust€', 'Umsatz \u{1F4C8}', 'Σύνοψη'];

export const rawCase: fc.Arbitrary<RawCase> = fc.record({
  periods: fc.integer({ min: 1, max: 3 }),
  names: fc.shuffledSubarray(NAMES, { minLength: 3, maxLength: 3 }),
  sheets: fc.array(sheet, { minLength: 1, maxLength: 3 }),
  checks: fc.record({ a: fc.nat(20), b: fc.nat(20), sa: fc.nat(2), sb: fc.nat(2) }),
  viaFile: fc.integer({ min: 0, max: 2 }).map((n) => n === 0),
});

export interface GeneratedCase {
  viaFile: boolean;
  template: unknown;
  model: unknown;
  templateText: string;
  modelText: string;
}

const PERIODS = ['P1', 'P2', 'P3'];

/** Resolve the picks and write the template and model as the YAML a user would write. */
export function buildCase(raw: RawCase): GeneratedCase {
  const periods = PERIODS.slice(0, raw.periods);
  const sheetId = (s: number): string => `s${s}`;
  const lineId = (j: number): string => `l${j}`;
  const pick = <T>(list: T[], n: number): T => list[n % list.length]!;
  type Target = { sheet: number; line: number };
  const template = { finbook_template: 1, name: 'Generated template', sheets: [] as unknown[], checks: [] as unknown[] };
  const values: Record<string, Record<string, Record<string, number>>> = {};

  raw.sheets.forEach((rs, s) => {
    const lines: unknown[] = [];
    const linearLines: number[] = [];
    const isLinear = (t: Target): boolean => raw.sheets[t.sheet]!.lines[t.line]!.linear;
    rs.lines.forEach((rl, j) => {
      const same: Target[] = Array.from({ length: j }, (_, k) => ({ sheet: s, line: k }));
      const earlier: Target[] = raw.sheets.slice(0, s).flatMap((os, si) => os.lines.map((_, k) => ({ sheet: si, line: k })));
      const refText = (t: Target, period: string | null): string => `${t.sheet === s ? '' : `${sheetId(t.sheet)}.`}${lineId(t.line)}${period ? `[${period}]` : ''}`;
      const choose = (n: number, cross: boolean, filter: (t: Target) => boolean = () => true): Target => {
        const pool = (cross && earlier.some(filter) ? earlier : same.some(filter) ? same : earlier).filter(filter);
        return pick(pool, n);
      };
      const denText = (d: RawDen): string => {
        switch (d.t) {
          case 'iref':
            return refText(choose(d.pick, d.cross, isLinear), null);
          case 'int':
            return String(d.v);
          case 'input':
            return `$${d.name}`;
          case 'neg':
            return `-${wrapDen(d.arg)}`;
          case 'lin':
            return `${denText(d.l)} ${d.op} ${d.r.t === 'lin' ? `(${denText(d.r)})` : denText(d.r)}`;
          case 'scale':
            return `${d.k < 0 ? `(${d.k})` : d.k} * ${wrapDen(d.arg)}`;
        }
      };
      const wrapDen = (d: RawDen): string => (d.t === 'lin' || d.t === 'scale' ? `(${denText(d)})` : denText(d));
      const exprText = (e: RawExpr | RawDen): string => {
        switch (e.t) {
          case 'ref':
            return refText(choose(e.pick, e.cross), e.period === null ? null : pick(periods, e.period));
          case 'num':
            return e.v;
          case 'input':
            return `$${e.name}`;
          case 'sum': {
            const first = choose(e.picks[0]!, e.cross);
            const pool = first.sheet === s ? same : raw.sheets[first.sheet]!.lines.map((_, k) => ({ sheet: first.sheet, line: k }));
            if (e.range) {
              const last = pick(pool.filter((t) => t.line >= first.line), e.picks[1] ?? 0);
              return `sum(${refText(first, null)}:${refText(last, null)})`;
            }
            return `sum(${[first, ...e.picks.slice(1).map((n) => pick(pool, n))].map((t) => refText(t, null)).join(', ')})`;
          }
          case 'fn':
            return `${e.fn === 'abs' ? 'abs' : e.fn}(${(e.fn === 'abs' ? e.args.slice(0, 1) : e.args).map(exprText).join(', ')})`;
          case 'neg':
            return `-${atom(e.arg)}`;
          case 'bin': {
            const p = prec(e.op);
            const left = prec(e.l) < p ? `(${exprText(e.l)})` : exprText(e.l);
            const rightRaw = e.op === '/' ? denText(e.r as RawDen) : exprText(e.r);
            const right = (e.op === '/' ? (e.r as RawDen).t === 'lin' || (e.r as RawDen).t === 'scale' : prec(e.r) <= p) ? `(${rightRaw})` : rightRaw;
            const text = `${left} ${e.op} ${right}`;
            return e.paren ? `(${text})` : text;
          }
          default:
            return denText(e);
        }
      };
      const atom = (e: RawExpr | RawDen): string => (e.t === 'bin' ? `(${exprText(e)})` : exprText(e));
      const spec: Record<string, unknown> = { id: lineId(j), label: `Line ${j}` };
      if (rl.input) {
        (values[sheetId(s)] ??= {})[lineId(j)] = Object.fromEntries(periods.map((p, i) => [p, rl.values[i]!]));
        linearLines.push(j);
      } else {
        spec.formula = exprText(rl.formula);
        // Only linear lines may be a change column's base (see the note at the top).
        if (rl.linear) linearLines.push(j);
        else spec.columns = ['value', 'share', 'translated'];
      }
      lines.push(spec);
    });
    const columns: unknown[] = [];
    const ordered = rs.valueOrder ? periods : [...periods].reverse();
    if (rs.translated !== null) columns.push({ kind: 'translated', period: pick(periods, rs.translated), rate: 'rate', title: 'USD' });
    for (const p of ordered) columns.push({ kind: 'value', period: p, title: p });
    if (rs.share) columns.push({ kind: 'share', period: pick(periods, rs.share.period), of: lineId(pick(linearLines, rs.share.of)), title: 'Share' });
    if (rs.change && periods.length > 1) {
      const period = pick(periods, rs.change.period);
      const others = periods.filter((p) => p !== period);
      columns.push({ kind: 'change', period, base: pick(others, rs.change.base), title: 'Change', ...(rs.change.signChange ? { n_m: 'sign_change' } : {}) });
    }
    template.sheets.push({ id: sheetId(s), name: raw.names[s]!, columns, lines });
  });

  // Two checks per period: one that holds (a + b against b + a) and one that fails by 1.
  const at = (sheetPick: number, linePick: number): string => {
    const s = sheetPick % raw.sheets.length;
    return `${sheetId(s)}.${lineId(linePick % raw.sheets[s]!.lines.length)}`;
  };
  const a = at(raw.checks.sa, raw.checks.a);
  const b = at(raw.checks.sb, raw.checks.b);
  template.checks.push({ id: 'commutes', label: 'a + b equals b + a', periods: [...periods], left: `${a} + ${b}`, right: `${b} + ${a}`, tolerance: 0.5 });
  template.checks.push({ id: 'off_by_one', label: 'a is not a - 1', periods: [...periods], left: a, right: `${a} - 1`, tolerance: 0.5 });

  const model = {
    finbook_model: 1,
    template: 'template.yaml',
    entity: { name: 'Generated Co', currency: 'JPY', scale: 'thousands' },
    source: { title: 'Generated figures', date: '2024-05-01' },
    periods: periods.map((id, i) => ({ id, kind: 'quarter', start: `2023-${String(i * 3 + 1).padStart(2, '0')}-01`, end: `2023-${String(i * 3 + 3).padStart(2, '0')}-28` })),
    inputs: {
      rate: { label: 'Rate', value: 118.25 },
      zero: { label: 'Zero', value: 0 },
      half: { label: 'Half', value: 0.5 },
    },
    values,
  };
  return { viaFile: raw.viaFile, template, model, templateText: stringify(template, { lineWidth: 0 }), modelText: stringify(model, { lineWidth: 0 }) };
}

function prec(e: RawExpr | RawDen | Op): number {
  if (typeof e === 'string') return e === '+' || e === '-' ? 1 : 2;
  if (e.t === 'bin') return e.paren ? 4 : prec(e.op);
  if (e.t === 'lin') return 1;
  if (e.t === 'scale') return 2;
  if (e.t === 'neg') return 3;
  return 4;
}
