// What a queued export job holds, as zod schemas: the queue side builds it, the worker parses
// it again before anything else (Redis is shared, so job data is input like any other).
// Every export option travels in one object, `options`; a new option of `finbook export`
// (as --scenario was) is one field here and one line in exportArgsFor.
import { isAbsolute } from 'node:path';
import * as z from 'zod';
import type { ExportRequest } from '../services/export-request.js';
import { emailAddress } from '../jobs/schema.js';

/** Bumped when the job data changes shape; a worker refuses a format it does not know. */
export const JOB_FORMAT = 1;
/** The BullMQ job name of every export job. */
export const JOB_NAME = 'export';
export const DEFAULT_QUEUE = 'finbook';

export const exportOptionsSchema = z
  .object({
    /** Lock formula cells (no password); inputs stay editable. */
    protect: z.boolean().default(false),
    /** Also a PDF beside the workbook, through LibreOffice on the worker. */
    pdf: z.boolean().default(false),
    /** Mail the workbook (the worker's FINBOOK_SMTP_URL). */
    mailTo: z.array(emailAddress).default([]),
    /** Write and mail only when the workbook differs from the last one delivered. */
    ifChanged: z.boolean().default(false),
    /** A workbook whose checks fail is written but not mailed (a jobs file's hold_on_check_failure). */
    holdOnCheckFailure: z.boolean().default(false),
    /** The scenario the workbook shows (id or label), for a template with scenarios. */
    scenario: z.string().min(1).max(100).optional(),
  })
  .strict();

export type ExportOptions = z.infer<typeof exportOptionsSchema>;

const absolutePath = z
  .string()
  .min(1)
  .max(4096)
  .refine((p) => isAbsolute(p) && !p.includes('\0'), 'expected an absolute path');

export const exportJobSchema = z
  .object({
    format: z.literal(JOB_FORMAT),
    /** The model file, as the workers see it (a shared file system, the same path everywhere). */
    model: absolutePath,
    /** The workbook to write. */
    out: absolutePath.refine((p) => /\.xlsx$/i.test(p), 'the workbook must end in .xlsx'),
    options: exportOptionsSchema,
    /** SHA-256 of what the workbook is made from (identical jobs share it): content-hash.ts. */
    hash: z.string().regex(/^[0-9a-f]{64}$/, 'expected a SHA-256 in hex'),
    /** A name to show (a jobs file's job name). */
    label: z.string().max(200).optional(),
  })
  .strict();

export type ExportJob = z.infer<typeof exportJobSchema>;

/** The arguments of `finbook export MODEL --out OUT ...` that a job stands for. */
export function exportArgsFor(job: ExportJob): ExportRequest {
  const o = job.options;
  return {
    model: job.model,
    out: job.out,
    quiet: true,
    protect: o.protect,
    pdf: o.pdf,
    mailTo: o.mailTo.length > 0 ? o.mailTo : undefined,
    ifChanged: o.ifChanged,
    holdOnCheckFailure: o.holdOnCheckFailure,
    ...(o.scenario === undefined ? {} : { scenario: o.scenario }),
    // a job run again after its worker was lost finds its workbook in place and leaves it
    skipIdentical: true,
  };
}

/** What a finished job records (BullMQ's return value): the workbook, its hash, its checks. */
export const jobResultSchema = z.object({
  status: z.enum(['exported', 'checks_failed']),
  workbook: z.string(),
  sha256: z.string(),
  /** False when the workbook already held exactly these bytes (a job run again). */
  written: z.boolean(),
  sheets: z.number(),
  checks: z.object({ ok: z.number(), total: z.number() }),
  pdf: z.string().optional(),
  mailedTo: z.array(z.string()).optional(),
  ms: z.number(),
  worker: z.string(),
  /** What `finbook export` would have printed (failed checks, warnings). */
  messages: z.array(z.string()),
});

export type JobResult = z.infer<typeof jobResultSchema>;
