// The vocabulary that changes a template without copying it: used by a template that
// `extends:` another, and by a model's `template_changes:`. Line, column, sheet and check
// bodies are checked by the template schema after the changes are applied, so a mistake in
// them is reported once, at its own place, with the same messages as in a whole template.
import * as z from 'zod';

const lineRef = z.string().regex(/^[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/, 'expected sheet.line, e.g. is.revenue');
const id = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected an id of lower-case letters, digits and _, starting with a letter');
const body = z.record(z.string(), z.unknown());

export const addLinesSchema = z
  .object({
    sheet: id,
    /** Insert right after this line id (or before it); neither: at the end of the sheet. */
    after: id.optional(),
    before: id.optional(),
    lines: z.array(body).min(1),
  })
  .strict()
  .refine((a) => !(a.after && a.before), { message: 'give either after or before, not both', path: ['before'] });

export const changeLineSchema = z
  .object({
    line: lineRef,
    label: z.string().optional(),
    formula: z.string().min(1).optional(),
    indent: z.number().optional(),
    style: z.string().optional(),
    format: z.string().optional(),
    columns: z.array(z.string()).optional(),
    optional: z.boolean().optional(),
    note: z.string().optional(),
    // a forecast rule, or another: checked by the template schema once applied
    formula_for: body.optional(),
    input_for: z.array(z.string()).optional(),
    source: z.string().optional(),
  })
  .strict();

export const addColumnsSchema = z
  .object({
    sheet: id,
    /** 1-based table number for sheets with `tables:` (default: every table). */
    table: z.number().int().min(1).optional(),
    columns: z.array(body).min(1),
  })
  .strict();

export const templateChangesShape = {
  /** Sheets: one with the id of an inherited sheet replaces it; others are appended. */
  sheets: z.array(body).optional(),
  /** Checks: one with the id of an inherited check replaces it; others are appended. */
  checks: z.array(body).optional(),
  add_lines: z.array(addLinesSchema).optional(),
  change_lines: z.array(changeLineSchema).optional(),
  add_columns: z.array(addColumnsSchema).optional(),
  remove_checks: z.array(id).optional(),
};

export const templateChangesSchema = z.object(templateChangesShape).strict();

export type TemplateChanges = z.infer<typeof templateChangesSchema>;
