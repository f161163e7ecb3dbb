// The model's `printed:` block: the figures the source prints, placed where the template
// shows them, with the reasons for the differences the source itself made (docs/formats.md,
// "Printed figures"). Each figure is compared with the workbook's figure on the Tie-out sheet.
import * as z from 'zod';

const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected an id of lower-case letters, digits and _, starting with a letter');
const periodId = z.string().regex(/^[A-Za-z0-9_]+$/, 'expected a period id of letters, digits and _');
/** The template's column kinds (schema.ts COLUMN_KINDS; this file cannot import it, schema.ts imports this one). */
export const PRINTED_COLUMN_KINDS = ['value', 'translated', 'share', 'change'] as const;

/**
 * One printed figure: its text as printed ("3,341,255", "(8.3%)", "0.28", "-"), or null
 * where the source prints nothing. Never a number: YAML and JSON read 7.0 as 7 and 476.0 as
 * 476, and the digits after the point are the printed precision the tie-out is measured in.
 */
export const printedFigureSchema = z.custom<string | null>((v) => v === null || typeof v === 'string', {
  message: 'a printed figure is text, as printed ("1,234", "0.28", "7.0%"), or ~ where nothing is printed; a number would lose the digits that give its precision',
});

/** A printed column: which column of the template it is (kind and period; base for a change). */
export const printedColumnSchema = z
  .object({
    id,
    kind: z.enum(PRINTED_COLUMN_KINDS),
    period: periodId,
    base: periodId.optional(),
  })
  .strict()
  .superRefine((c, ctx) => {
    if (c.kind === 'change' && !c.base) ctx.addIssue({ code: 'custom', message: 'a change column needs `base` (the period it compares with)', path: ['base'] });
    if (c.kind !== 'change' && c.base) ctx.addIssue({ code: 'custom', message: 'only a change column has a `base`', path: ['base'] });
  });

/** A difference the source made on purpose, named once and given to the figures it explains. */
export const printedReasonSchema = z
  .object({
    /** Shown on each figure's row of the Tie-out sheet. */
    label: z.string().min(1),
    /** The largest |computed - printed| it explains, in units of the figure's last printed digit. */
    up_to: z.number().positive(),
    /** The longer account, shown once under the Tie-out table. */
    note: z.string().optional(),
  })
  .strict();

export const printedExplanationSchema = z
  .object({
    line: id,
    /** A column id of the table. */
    column: id,
    reason: id,
  })
  .strict();

/** The figures of one printed table: its columns once, then one row of figures per line. */
export const printedTableSchema = z
  .object({
    sheet: id,
    columns: z.array(printedColumnSchema).min(1),
    /** line id -> one figure per column, in the columns' order. */
    lines: z.record(id, z.array(printedFigureSchema)),
    /** Figures whose difference from the workbook's figure the source made on purpose. */
    explained: z.array(printedExplanationSchema).default([]),
  })
  .strict();

export const printedSchema = z
  .object({
    reasons: z.record(id, printedReasonSchema).default({}),
    tables: z.array(printedTableSchema).min(1),
  })
  .strict();

export type Printed = z.infer<typeof printedSchema>;
export type PrintedTable = z.infer<typeof printedTableSchema>;
export type PrintedColumn = z.infer<typeof printedColumnSchema>;
export type PrintedReasonSpec = z.infer<typeof printedReasonSchema>;
