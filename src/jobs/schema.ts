// The jobs file (`finbook run JOBS.yaml`): export jobs run in order, each mailing its workbook.
import * as z from 'zod';
import { PLACEHOLDERS } from './pattern.js';

// A plain address (no display name): what SMTP's RCPT TO takes.
export const emailAddress = z.string().regex(/^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+$/, 'expected an e-mail address such as analyst@example.com');

const outputPattern = z
  .string()
  .min(1)
  .superRefine((s, ctx) => {
    for (const m of s.matchAll(/\{([^{}]*)\}/g))
      if (!(PLACEHOLDERS as readonly string[]).includes(m[1]!)) ctx.addIssue({ code: 'custom', message: `unknown placeholder {${m[1]}}; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(', ')}` });
    if (!/\.xlsx$/i.test(s)) ctx.addIssue({ code: 'custom', message: 'the output must end in .xlsx' });
  });

export const smtpFileSchema = z
  .object({
    /** smtp://user@host:port or smtps://...; FINBOOK_SMTP_URL overrides it. */
    url: z.string().min(1).optional(),
    /** Name of an environment variable that holds the password (keeps it out of this file). */
    password_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
    from: z.string().min(1).optional(),
    timeout_ms: z.number().int().positive().optional(),
    /** Wait before the second attempt; the wait before the third is twice as long. */
    retry_base_ms: z.number().int().min(0).optional(),
  })
  .strict();

/** Send the jobs to a queue (`finbook worker`s export them) instead of exporting here. */
export const queueFileSchema = z
  .object({
    /** redis://[user@]host:port/db or rediss://...; FINBOOK_REDIS_URL overrides it. */
    url: z.string().min(1).optional(),
    /** Name of an environment variable that holds the Redis password (keeps it out of this file). */
    password_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name').optional(),
    /** The queue's name (default finbook). */
    name: z.string().min(1).optional(),
    /** Attempts in all for a job that fails for want of a file, a disk or a mail server (default 5). */
    attempts: z.number().int().min(1).max(100).optional(),
    /** Wait before the second attempt in seconds (default 5); each later wait doubles. */
    retry_delay_s: z.number().min(0).max(86_400).optional(),
  })
  .strict();

export const jobSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'expected a job name of letters, digits, _ . and -'),
    /** Model file, relative to the jobs file. */
    model: z.string().min(1),
    /** Workbook path pattern, relative to the jobs file, e.g. ../out/{ticker}-{period}.xlsx */
    output: outputPattern,
    pdf: z.boolean().default(false),
    mail_to: z.union([emailAddress, z.array(emailAddress)]).default([]).transform((v) => (typeof v === 'string' ? [v] : v)),
    /** Write and mail only when the workbook differs from the last one delivered. */
    if_changed: z.boolean().default(false),
    /** A workbook whose checks fail is written but not mailed (instead of a [CHECKS FAILED] subject). */
    hold_on_check_failure: z.boolean().default(false),
    protect: z.boolean().default(false),
    /** The scenario the workbook shows (id or label), for a template with scenarios. */
    scenario: z.string().min(1).max(100).optional(),
  })
  .strict();

export const jobsFileSchema = z
  .object({
    finbook_jobs: z.literal(1),
    smtp: smtpFileSchema.optional(),
    queue: queueFileSchema.optional(),
    jobs: z.array(jobSchema).min(1),
  })
  .strict()
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.jobs.forEach((j, i) => {
      if (seen.has(j.name)) ctx.addIssue({ code: 'custom', message: `duplicate job name '${j.name}'`, path: ['jobs', i, 'name'] });
      seen.add(j.name);
    });
  });

export type JobsFile = z.infer<typeof jobsFileSchema>;
export type JobSpec = z.infer<typeof jobSchema>;
export type SmtpFileSpec = z.infer<typeof smtpFileSchema>;
