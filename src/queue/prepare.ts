// Before a job goes to Redis: its model is checked as `finbook export` would check it (an
// invalid model is never queued) and the job gets its content hash, from which identical jobs
// are recognised: the model and template as finbook read them (with `extends:`, template
// changes and CSV values merged in), the workbook's path, the options and finbook's version.
import { createHash } from 'node:crypto';
import type { Issue } from '../issues.js';
import { isError } from '../issues.js';
import { buildReport } from '../mail/report.js';
import { reportingPeriod } from '../mail/key-figures.js';
import type { Computed } from '../pipeline.js';
import { loadAndCompute, plan } from '../pipeline.js';
import { checkPlannedWorkbook } from '../plan/text-safety.js';
import { packageVersion } from '../package-root.js';
import type { ExportOptions } from './job.js';

export type Exportable = { ok: true; computed: Computed } | { ok: false; issues: Issue[] };

/** Every mistake `finbook export MODEL` with these options would stop at, before writing. */
export function checkExportable(modelPath: string, options: ExportOptions): Exportable {
  const loaded = loadAndCompute(modelPath, options.scenario === undefined ? {} : { scenario: options.scenario });
  if (!loaded.ok) return loaded;
  const limits = checkPlannedWorkbook(plan(loaded.value), loaded.value);
  if (limits.some(isError)) return { ok: false, issues: limits };
  // a delivery names the reporting period; a mail also reads the key figures (jobs/deliver.ts)
  if (options.mailTo.length > 0 || options.ifChanged) {
    const period = reportingPeriod(loaded.value.program);
    if (!period.ok) return period;
  }
  if (options.mailTo.length > 0) {
    const report = buildReport(loaded.value);
    if (!report.ok) return report;
  }
  return { ok: true, computed: loaded.value };
}

/** Hex SHA-256 of everything the job's workbook (and mail) is made from. */
export function contentHash(computed: Computed, out: string, options: ExportOptions): string {
  const { program } = computed;
  const text = JSON.stringify({ finbook: packageVersion(), model: program.model.value, template: templateHash(program.template.value), out, options });
  return sha256(text);
}

/**
 * Models of one template share its prepared value (model/template-cache.ts): its hash is
 * made once per value, not once per model.
 */
const templateHashes = new WeakMap<object, string>();

function templateHash(template: object): string {
  let h = templateHashes.get(template);
  if (h === undefined) templateHashes.set(template, (h = sha256(JSON.stringify(template))));
  return h;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
