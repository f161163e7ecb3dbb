// Every command of the CLI, in the order `finbook --help` lists them.
import type { FinbookCommand } from './command.js';
import { bool, str } from './command.js';
import { runExport } from './export.js';
import { nameList, runRunJobs } from './run-jobs.js';
import { runValidate } from './validate.js';

const exportCommand: FinbookCommand = {
  command: 'export [model]',
  describe: 'compute a model and write its workbook (default: the IIJ fiscal-2002 model to out/iij-fy2002.xlsx)',
  builder: (y) =>
    y
      .positional('model', { type: 'string', describe: 'model file (YAML or JSON)' })
      .option('out', { alias: 'o', type: 'string', describe: 'workbook to write (default: out/<model name>.xlsx)' })
      .option('protect', { type: 'boolean', default: false, describe: 'lock formula cells (no password); inputs stay editable' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only problems' })
      .option('mail-to', { type: 'string', describe: 'mail the workbook to these addresses (comma-separated; SMTP server from FINBOOK_SMTP_URL)' })
      .option('if-changed', { type: 'boolean', default: false, describe: 'write and mail only when the workbook differs from the last one delivered' }),
  run: (a, o) =>
    runExport(
      { model: str(a.model), out: str(a.out), json: bool(a.json), protect: bool(a.protect), quiet: bool(a.quiet), mailTo: a.mailTo === undefined ? undefined : nameList(a.mailTo), ifChanged: bool(a.ifChanged) },
      o,
    ),
};

const validateCommand: FinbookCommand = {
  command: 'validate [model]',
  describe: 'check a model and its template and evaluate every check, without writing anything',
  builder: (y) => y.positional('model', { type: 'string', describe: 'model file (YAML or JSON)' }),
  run: (a, o) => runValidate({ model: str(a.model), json: bool(a.json) }, o),
};

const runCommand: FinbookCommand = {
  command: 'run <jobs>',
  describe: 'run the export jobs of a jobs file in order and mail each workbook (for cron or a systemd timer)',
  builder: (y) =>
    y
      .positional('jobs', { type: 'string', describe: 'jobs file (YAML)' })
      .option('only', { type: 'string', describe: 'run only this job (repeat or comma-separate for several)' }),
  run: (a, o) => runRunJobs({ jobs: str(a.jobs) ?? '', only: nameList(a.only), json: bool(a.json) }, o),
};

export const COMMANDS: FinbookCommand[] = [exportCommand, validateCommand, runCommand];
