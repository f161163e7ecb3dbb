// `finbook run JOBS.yaml [--only NAME]`: what cron or a systemd timer calls.
import { officePdf } from '../jobs/pdf.js';
import { runJobs } from '../jobs/runner.js';
import type { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';
import { packageVersion } from './paths.js';

export interface RunJobsCliArgs {
  jobs: string;
  only: string[];
  json: boolean;
}

export function runRunJobs(args: RunJobsCliArgs, o: Output): Promise<ExitCode> {
  return runJobs({ file: args.jobs, only: args.only, json: args.json }, o, { env: process.env, convertToPdf: officePdf, version: packageVersion() });
}

/** `--only a --only b` and `--only a,b` both name jobs a and b. */
export function nameList(v: unknown): string[] {
  const items = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return items
    .flatMap((x) => String(x).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
