// An export with --mail-to a@x,b@y or --if-changed (`finbook export`, a queued job): the
// export as a one-job delivery (jobs/deliver.ts).
import { resolve } from 'node:path';
import type { DeliveryJob } from '../jobs/deliver.js';
import { deliver } from '../jobs/deliver.js';
import { describeOutcome } from '../jobs/describe.js';
import { officePdf } from '../jobs/pdf.js';
import { emailAddress } from '../jobs/schema.js';
import { resolveSmtp } from '../mail/smtp-config.js';
import type { SmtpSettings } from '../mail/smtp-config.js';
import { packageVersion } from '../package-root.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import type { ExportEvents, ExportRequest } from './export-request.js';
import { defaultOutPath } from './export-request.js';
import type { Output } from './output.js';
import { reportIssues } from './output.js';

export async function exportAndDeliver(args: ExportRequest, o: Output, env: NodeJS.ProcessEnv = process.env, events: ExportEvents = {}): Promise<ExitCode> {
  const to = args.mailTo ?? [];
  if (args.mailTo !== undefined && to.length === 0) return usage(o, '--mail-to needs at least one address');
  const bad = to.filter((a) => !emailAddress.safeParse(a).success);
  if (bad.length > 0) return usage(o, `--mail-to: not an e-mail address: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
  let smtp: SmtpSettings | null = null;
  if (to.length > 0) {
    const resolved = resolveSmtp(env, undefined);
    if (!resolved.ok) return usage(o, resolved.message);
    smtp = resolved.settings;
  }
  const modelPath = resolve(args.model);
  const job: DeliveryJob = {
    name: 'export',
    modelPath,
    output: () => resolve(args.out ?? defaultOutPath(modelPath)),
    pdf: args.pdf ?? false,
    mailTo: to,
    ifChanged: args.ifChanged ?? false,
    holdOnCheckFailure: args.holdOnCheckFailure ?? false,
    protect: args.protect ?? false,
    ...(args.scenario === undefined ? {} : { scenario: args.scenario }),
    skipIdentical: args.skipIdentical ?? false,
  };
  const r = await deliver(job, { smtp, convertToPdf: officePdf, log: (l) => o.err(l), origin: 'finbook export', version: packageVersion() });
  if (r.workbook !== undefined && r.sha256 !== undefined && r.sheets !== undefined && r.checks !== undefined)
    events.written?.({ workbook: r.workbook, sha256: r.sha256, replaced: r.written !== false, sheets: r.sheets, checks: r.checks });
  if (r.status === 'invalid') {
    reportIssues(o, r.issues, args.json ?? false);
    return r.code;
  }
  if (!args.json) for (const d of r.details) o.err(d);
  if (r.code !== EXIT.ok) o.err(describeOutcome(r));
  else if (!args.quiet) o.out(describeOutcome(r));
  return r.code;
}

function usage(o: Output, message: string): ExitCode {
  o.err(`finbook export: ${message}`);
  return EXIT.invalid;
}
