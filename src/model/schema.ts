// The file formats, as zod schemas; every type of the loaded files is inferred from here.
import * as z from 'zod';
import { templateChangesSchema } from './template-changes.js';
import { chartsSchema } from './chart-schema.js';
import { printedSchema } from './printed-schema.js';

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected an id of lower-case letters, digits and _, starting with a letter');
const periodId = z
  .string()
  .regex(/^[A-Za-z0-9_]+$/, 'expected a period id of letters, digits and _')
  // every JavaScript object has a __proto__ already: it cannot be a key of the values
  .refine((s) => s !== '__proto__', "'__proto__' cannot be a period id; choose another name");

/**
 * Maps keyed by ids (sheet, line, period, input) have no prototype, so an id such as
 * `constructor` or `toString` finds only what the file gives (never Object's own members).
 */
export function byId<T extends object>(map: T): T {
  return Object.setPrototypeOf(map, null) as T;
}
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'expected a date YYYY-MM-DD');
// YAML turns an unquoted 2003-03-31 into a Date; accept it and keep the text form.
const dateField = z.preprocess((v) => (v instanceof Date && !Number.isNaN(v.getTime()) ? v.toISOString().slice(0, 10) : v), isoDate);
const finite = z.number().refine((n) => Number.isFinite(n), 'expected a finite number');

/** null -> {} and entries whose value is null dropped (an empty YAML value is no value). */
function withoutNulls(v: unknown): unknown {
  if (v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v) || v instanceof Date) return v;
  // most maps hold no null: pass them on as they are (a model can carry a million values)
  if (!Object.values(v as Record<string, unknown>).includes(null)) return v;
  return Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== null));
}

export const SCALES = { units: 1, thousands: 1_000, millions: 1_000_000, billions: 1_000_000_000 } as const;
export const FORMATS = ['amount', 'amount_2dp', 'percent', 'count', 'number_1dp', 'rate'] as const;
export const STYLES = ['normal', 'bold', 'subtotal', 'total', 'net'] as const;
export const COLUMN_KINDS = ['value', 'translated', 'share', 'change'] as const;
/** `ytd`: from the fiscal year's start to an interim date (e.g. nine months accumulated). */
export const PERIOD_KINDS = ['quarter', 'year', 'month', 'half', 'ytd', 'instant'] as const;
/** Period kinds that add up: a year of quarters or months, a quarter of months, a half of quarters. */
export const ROLL_UP_KINDS = ['year', 'half', 'quarter', 'month'] as const;
/** A period's basis: reported (actual) or projected (forecast: true). */
export const BASES = ['actual', 'forecast'] as const;
/** Keys of `formula_for`: a period kind, or a basis (which wins over the kind). */
export const FORMULA_SELECTORS = [...PERIOD_KINDS, ...BASES] as const;
/**
 * What `input_for` may name besides a period id: a period kind, a basis, `missing` (see
 * lineSchema), or `given`: the cells the model gives a value for (a formula that is only a
 * starting value, such as a driver computed from the last actual year, which a model may
 * replace with its own figure).
 */
export const INPUT_SELECTORS = [...PERIOD_KINDS, ...BASES, 'missing', 'given'] as const;

export const periodSchema = z
  .object({
    id: periodId,
    label: z.string().min(1).optional(),
    kind: z.enum(PERIOD_KINDS),
    start: dateField.optional(),
    end: dateField.optional(),
    date: dateField.optional(),
    /**
     * A forecast period (FY2003E): its cells are computed from drivers where actual periods
     * hold the reported figures; the workbook marks and shades its columns.
     */
    forecast: z.boolean().optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.kind === 'instant' && !p.date && !p.end) ctx.addIssue({ code: 'custom', message: 'an instant needs a date', path: ['date'] });
    if (p.kind !== 'instant' && (!p.start || !p.end)) ctx.addIssue({ code: 'custom', message: `a ${p.kind} needs start and end dates`, path: [p.start ? 'end' : 'start'] });
    if (p.start && p.end && p.start > p.end) ctx.addIssue({ code: 'custom', message: `start ${p.start} is after end ${p.end}`, path: ['end'] });
  });

export const inputSchema = z
  .object({
    label: z.string().min(1).optional(),
    value: finite,
    date: dateField.optional(),
    format: z.enum(FORMATS).optional(),
    note: z.string().optional(),
  })
  .strict();

export const modelSchema = z
  .object({
    finbook_model: z.literal(1),
    template: z.string().min(1),
    entity: z
      .object({
        name: z.string().min(1),
        ticker: z.string().min(1).optional(),
        currency: z.string().regex(/^[A-Z]{3}$/, 'expected a three-letter currency code such as USD'),
        scale: z.enum(Object.keys(SCALES) as [keyof typeof SCALES, ...(keyof typeof SCALES)[]]),
      })
      .strict(),
    source: z
      .object({
        title: z.string().min(1),
        date: dateField,
        url: z.string().optional(),
        file: z.string().optional(),
      })
      .strict(),
    periods: z.array(periodSchema).min(1),
    /** The reporting period (mail subject, key figures, `{period}` in output paths); default: the first period. */
    period: periodId.optional(),
    inputs: z.record(id, inputSchema).transform(byId).default(byId({})),
    // An empty value (null, as `finbook init` writes) counts as not given, so validation
    // reports "no value for period X" instead of a type error.
    values: z
      .record(id, z.preprocess(withoutNulls, z.record(id, z.preprocess(withoutNulls, z.record(periodId, finite).transform(byId))).transform(byId)))
      .transform(byId)
      .default(byId({})),
    /** CSV file of values (long `line,period,value` or wide), relative to the model file. */
    values_file: z.string().min(1).optional(),
    /** Lines, columns, sheets and checks this model adds to or changes in its template. */
    template_changes: templateChangesSchema.optional(),
    /** The figures the source prints, for the Tie-out sheet (docs/formats.md, Printed figures). */
    printed: printedSchema.optional(),
  })
  .strict();

export const columnSchema = z
  .object({
    kind: z.enum(COLUMN_KINDS),
    period: periodId,
    title: z.string().optional(),
    bands: z.array(z.string()).max(4).default([]),
    rate: id.optional(),
    of: id.optional(),
    base: periodId.optional(),
    /**
     * When a change column shows "n/m" (not meaningful): `zero_base` (default) over a zero
     * base; `sign_change` also when the figure and its base have opposite signs (a loss
     * turned into a profit), as analysts mark it. A share of a zero total is always "n/m".
     */
    n_m: z.enum(['zero_base', 'sign_change']).optional(),
    width: z.number().positive().max(100).optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === 'translated' && !c.rate) ctx.addIssue({ code: 'custom', message: 'a translated column needs `rate` (a global input)', path: ['rate'] });
    if (c.kind === 'share' && !c.of) ctx.addIssue({ code: 'custom', message: 'a share column needs `of` (a line id)', path: ['of'] });
    if (c.kind === 'change' && !c.base) ctx.addIssue({ code: 'custom', message: 'a change column needs `base` (a period id)', path: ['base'] });
    if (c.n_m && c.kind !== 'change') ctx.addIssue({ code: 'custom', message: '`n_m` applies to change columns only', path: ['n_m'] });
  });

export const lineSchema = z
  .object({
    id: id.optional(),
    label: z.string().default(''),
    formula: z.string().min(1).optional(),
    /** Formulas for columns whose period is of a given kind (e.g. year), overriding `formula`. */
    // partialRecord: zod 4's record over an enum would demand a formula for every kind.
    formula_for: z.partialRecord(z.enum(FORMULA_SELECTORS), z.string().min(1)).optional(),
    /**
     * Cells of a formula line that are inputs instead, stated (never a silent fallback): a
     * period kind (quarter), a period id, or `missing`: where the formula needs a period the
     * model does not have (opening cash before the first balance sheet).
     */
    input_for: z.array(z.union([z.enum(INPUT_SELECTORS), periodId])).min(1).optional(),
    indent: z.number().int().min(0).max(6).default(0),
    style: z.enum(STYLES).default('normal'),
    format: z.enum(FORMATS).default('amount'),
    columns: z.array(z.enum(COLUMN_KINDS)).optional(),
    blank: z.boolean().optional(),
    /** An input line the model may leave without values: it is then dropped and counts as 0. */
    optional: z.boolean().optional(),
    note: z.string().optional(),
    /** A key total: gets a defined name `<sheet>_<line>` over its value cells. */
    key: z.boolean().optional(),
    /** Where a figure or driver comes from, or why it is what it is: shown beside it on a drivers sheet. */
    source: z.string().optional(),
    /**
     * A line of the forecast only (a revolving credit that funds it): left out, with every
     * reference to it, when the model has no forecast periods (model/forecast-block.ts).
     */
    forecast_only: z.boolean().optional(),
  })
  .strict()
  .superRefine((l, ctx) => {
    if ((l.formula || l.formula_for) && !l.id) ctx.addIssue({ code: 'custom', message: 'a line with a formula needs an id', path: ['id'] });
    if (l.input_for && !l.formula && !l.formula_for) ctx.addIssue({ code: 'custom', message: 'input_for names the cells of a formula line that are inputs; this line has no formula, so every cell is an input already', path: ['input_for'] });
    if (l.blank && (l.id || l.formula)) ctx.addIssue({ code: 'custom', message: 'a blank line takes no id or formula', path: ['blank'] });
  });

export const tableSchema = z
  .object({
    title: z.string().optional(),
    units: z.string().optional(),
    columns: z.array(columnSchema).min(1),
    lines: z.array(lineSchema).min(1),
    notes: z.array(z.string()).default([]),
  })
  .strict();

// A sheet is one table (columns + lines) or several stacked tables with their own columns.
export const sheetSchema = z
  .object({
    id,
    name: z.string(),
    title: z.string().optional(),
    subtitle: z.string().optional(),
    units: z.string().optional(),
    label_width: z.number().positive().max(150).optional(),
    /**
     * Input lines of a flow statement whose longer periods add up shorter ones, e.g.
     * { year: quarter }: a year's cell is the sum of its quarters (sum_within) wherever the
     * model has every quarter of that year, and an input where it has none of them.
     */
    roll_up: z.partialRecord(z.enum(ROLL_UP_KINDS), z.enum(ROLL_UP_KINDS)).optional(),
    /**
     * An assumptions sheet: its driver lines get one block per scenario of the template and a
     * live block reading the selected scenario (model/drivers.ts); the sheet holds the selector.
     */
    drivers: z.boolean().optional(),
    /**
     * Left out of a model for which its columns (`each: forecast_period`, ...) expand to none,
     * e.g. a forecast's Assumptions for a model without forecast periods (period-columns.ts).
     */
    optional: z.boolean().optional(),
    columns: z.array(columnSchema).min(1).optional(),
    lines: z.array(lineSchema).min(1).optional(),
    notes: z.array(z.string()).default([]),
    tables: z.array(tableSchema).min(1).optional(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const single = s.columns !== undefined || s.lines !== undefined;
    if (single && s.tables) ctx.addIssue({ code: 'custom', message: 'a sheet has either columns and lines, or tables, not both', path: ['tables'] });
    if (!s.tables && !s.columns) ctx.addIssue({ code: 'custom', message: 'a sheet needs columns and lines (or tables)', path: ['columns'] });
    if (!s.tables && !s.lines) ctx.addIssue({ code: 'custom', message: 'a sheet needs lines (or tables)', path: ['lines'] });
    for (const [long, short] of Object.entries(s.roll_up ?? {}))
      if (ROLL_UP_KINDS.indexOf(short) <= ROLL_UP_KINDS.indexOf(long as (typeof ROLL_UP_KINDS)[number]))
        ctx.addIssue({ code: 'custom', message: `a ${long} cannot be the sum of ${short}s: roll up shorter periods into longer ones, e.g. { year: quarter }`, path: ['roll_up', long] });
  });

export const checkSchema = z
  .object({
    id,
    label: z.string().min(1),
    /** One row per period; references without [period] take the row's period. */
    periods: z.array(periodId).min(1).optional(),
    left: z.string().min(1),
    right: z.string().min(1).optional(),
    /** Instead of `right`: the figure the source prints for this statement cell (`sheet.line`), from the model's `printed:`. */
    printed: z.string().min(1).optional(),
    /** Largest absolute difference still OK, in the unit of the compared figures. */
    tolerance: z.number().min(0).default(0),
    why: z.string().optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.right === undefined && c.printed === undefined) ctx.addIssue({ code: 'custom', message: 'a check needs `right` (a formula) or `printed` (a statement line whose printed figure it compares with)', path: ['right'] });
    if (c.right !== undefined && c.printed !== undefined) ctx.addIssue({ code: 'custom', message: 'a check has either `right` or `printed`, not both', path: ['printed'] });
  });

/** A figure quoted in the delivery mail: `sheet.line`, or `sheet.line[PERIOD]` for a fixed period. */
export const keyFigureSchema = z
  .object({
    label: z.string().min(1),
    ref: z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*(\[[A-Za-z0-9_]+\])?$/, 'expected a line reference sheet.line or sheet.line[PERIOD]'),
  })
  .strict();

/**
 * A named set of driver values. The workbook's selector lists the labels (an Excel list
 * validation writes them as "A,B,C": no comma or double quote in a label).
 */
export const scenarioSchema = z
  .object({
    id,
    label: z
      .string()
      .min(1)
      .max(60)
      .regex(/^[^,"]+$/, 'a scenario label appears in a drop-down list: no comma or double quote'),
    note: z.string().optional(),
  })
  .strict();

const cellRef = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*\[[A-Za-z0-9_]+\]$/, 'expected one cell: sheet.line[PERIOD]');

/** One driver of a sensitivity table: the cell it replaces and the values it takes. */
const sensitivityAxisSchema = z
  .object({
    driver: cellRef,
    values: z.array(finite).min(2).max(15),
  })
  .strict();

/** A key output against two drivers, as a table of live formulas (plan/sensitivity.ts). */
export const sensitivitySchema = z
  .object({
    id,
    title: z.string().min(1),
    output: cellRef,
    rows: sensitivityAxisSchema,
    columns: sensitivityAxisSchema,
    format: z.enum(FORMATS).default('amount'),
    units: z.string().optional(),
  })
  .strict();

export const templateSchema = z
  .object({
    finbook_template: z.literal(1),
    name: z.string().min(1),
    sheets: z.array(sheetSchema).min(1),
    checks: z.array(checkSchema).default([]),
    key_figures: z.array(keyFigureSchema).optional(),
    /** Native Excel charts over statement lines (see docs/formats.md, Charts). */
    charts: chartsSchema.optional(),
    /** The scenarios a workbook can switch between (the first is the default); scenario() chooses by them. */
    scenarios: z.array(scenarioSchema).min(1).max(12).optional(),
    /** Figures `validate` prints for every scenario: `{ label, ref: sheet.line[PERIOD] }`. */
    scenario_figures: z.array(keyFigureSchema).optional(),
    /** Sensitivity tables on their own sheet: an output against two drivers. */
    sensitivities: z.array(sensitivitySchema).optional(),
  })
  .strict()
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    (t.scenarios ?? []).forEach((sc, i) => {
      const label = sc.label.toLowerCase();
      if (seen.has(label)) ctx.addIssue({ code: 'custom', message: `scenario label "${sc.label}" is used twice (the selector matches labels ignoring case)`, path: ['scenarios', i, 'label'] });
      seen.add(label);
    });
  });

export type Model = z.infer<typeof modelSchema>;
export type Period = z.infer<typeof periodSchema>;
export type GlobalInput = z.infer<typeof inputSchema>;
export type Template = z.infer<typeof templateSchema>;
export type SheetSpec = z.infer<typeof sheetSchema>;
export type TableSpec = z.infer<typeof tableSchema>;
export type CheckSpec = z.infer<typeof checkSchema>;
export type KeyFigureSpec = z.infer<typeof keyFigureSchema>;
export type ScenarioSpec = z.infer<typeof scenarioSchema>;
export type SensitivitySpec = z.infer<typeof sensitivitySchema>;
export type ColumnSpec = z.infer<typeof columnSchema>;
export type LineSpec = z.infer<typeof lineSchema>;
export type LineFormat = (typeof FORMATS)[number];
export type LineStyle = (typeof STYLES)[number];
export type ColumnKind = (typeof COLUMN_KINDS)[number];
