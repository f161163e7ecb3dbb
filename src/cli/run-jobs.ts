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

// nameList moved to command.ts (the CLI's start-up needs it without the jobs runner)
export { nameList } from './command.js';
