// The template's optional `charts:` field, as a zod schema. Kept apart from model/schema.ts
// (which imports it) so the two modules do not import each other; line references, periods
// and number formats are checked against the compiled program in charts/resolve.ts.
import * as z from 'zod';

export const CHART_TYPES = ['column', 'stacked_column', 'line', 'pie', 'doughnut'] as const;
export const DATA_LABELS = ['none', 'value', 'percent'] as const;

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected an id of lower-case letters, digits and _, starting with a letter');
const lineRef = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'expected a line reference sheet.line');
const periodId = z.string().regex(/^[A-Za-z0-9_]+$/, 'expected a period id of letters, digits and _');
const cellRef = z.string().regex(/^[A-Z]{1,3}[1-9][0-9]{0,6}$/, 'expected a cell such as K6');
const label = z.string().min(1).max(255);

/** A line to plot: `sheet.line`, or `{ line: sheet.line, label: "shown name" }`. */
export const chartLineSchema = z.union([lineRef, z.object({ line: lineRef, label }).strict()]);
/** A period to plot: `4Q02`, or `{ period: 4Q02, label: "Mar 2003" }`. */
export const chartPeriodSchema = z.union([periodId, z.object({ period: periodId, label }).strict()]);

/** The category axis (periods or lines): a title. */
export const categoryAxisSchema = z.object({ title: label.optional() }).strict();

/** The value axis: a title and the number format of its labels (and of value data labels). */
export const valueAxisSchema = z
  .object({
    title: label.optional(),
    /** A line format name (amount, percent, ...) or an Excel number format code such as `#,##0,`. */
    format: z.string().min(1).max(255).optional(),
  })
  .strict();

export const chartSchema = z
  .object({
    id,
    type: z.enum(CHART_TYPES),
    title: label,
    lines: z.array(chartLineSchema).min(1).max(255),
    periods: z.array(chartPeriodSchema).min(1).max(255),
    /** `lines`: one series per line over the periods; `periods`: one series per period over the lines. */
    series: z.enum(['lines', 'periods']).optional(),
    x_axis: categoryAxisSchema.optional(),
    y_axis: valueAxisSchema.optional(),
    data_labels: z.enum(DATA_LABELS).optional(),
    /** A template sheet id to place the chart beside its tables; default: the Charts sheet. */
    sheet: id.optional(),
    /** Top-left cell of the chart; default: the next free place. */
    anchor: cellRef.optional(),
    /** Size in pixels at 100% zoom. */
    width: z.number().int().min(120).max(2400).optional(),
    height: z.number().int().min(90).max(1600).optional(),
  })
  .strict();

export const chartsSchema = z.array(chartSchema).max(200);

export type ChartSpec = z.infer<typeof chartSchema>;
export type ChartType = (typeof CHART_TYPES)[number];
export type ChartLineSpec = z.infer<typeof chartLineSchema>;
export type ChartPeriodSpec = z.infer<typeof chartPeriodSchema>;
