// Read a jobs file and turn each entry into a DeliveryJob with absolute paths. Paths in the
// file are relative to the file itself, so cron and systemd can run it from any directory.
import { dirname, resolve } from 'node:path';
import { suggest } from '../compile/suggest.js';
import type { Issue } from '../issues.js';
import { loadFile } from '../model/load.js';
import type { DeliveryJob } from './deliver.js';
import { fillPattern } from './pattern.js';
import type { JobsFile } from './schema.js';
import { jobsFileSchema } from './schema.js';

export interface LoadedJobs {
  file: JobsFile;
  jobs: DeliveryJob[];
}

export function loadJobs(path: string, only: string[]): { ok: true; value: LoadedJobs } | { ok: false; issues: Issue[] } {
  const loaded = loadFile(resolve(path), jobsFileSchema, 'the jobs file');
  if (!loaded.ok) return loaded;
  const dir = dirname(resolve(path));
  const file = loaded.file.value;
  const names = file.jobs.map((j) => j.name);
  const unknown = only.filter((n) => !names.includes(n));
  if (unknown.length > 0) {
    return {
      ok: false,
      issues: unknown.map((n) => {
        const near = suggest(n, names);
        return { code: 'unknown_job', message: `--only ${n}: no such job${near ? ` (did you mean '${near}'?)` : ''}; the jobs are ${names.join(', ')}`, source: { file: loaded.file.file, line: 1, col: 1 } };
      }),
    };
  }
  const jobs = file.jobs
    .filter((j) => only.length === 0 || only.includes(j.name))
    .map(
      (j): DeliveryJob => ({
        name: j.name,
        modelPath: resolve(dir, j.model),
        output: (values) => resolve(dir, fillPattern(j.output, values)),
        pdf: j.pdf,
        mailTo: j.mail_to,
        ifChanged: j.if_changed,
        holdOnCheckFailure: j.hold_on_check_failure,
        protect: j.protect,
        ...(j.scenario === undefined ? {} : { scenario: j.scenario }),
      }),
    );
  return { ok: true, value: { file, jobs } };
}
