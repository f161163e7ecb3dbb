// Every command of the CLI, in the order `finbook --help` lists them.
import type { FinbookCommand } from './command.js';
import { bool, str } from './command.js';
import { runExport } from './export.js';
import { runValidate } from './validate.js';

const exportCommand: FinbookCommand = {
  command: 'export [model]',
  describe: 'compute a model and write its workbook (default: the IIJ fiscal-2002 model to out/iij-fy2002.xlsx)',
  builder: (y) =>
    y
      .positional('model', { type: 'string', describe: 'model file (YAML or JSON)' })
      .option('out', { alias: 'o', type: 'string', describe: 'workbook to write (default: out/<model name>.xlsx)' })
      .option('protect', { type: 'boolean', default: false, describe: 'lock formula cells (no password); inputs stay editable' })
      .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only problems' }),
  run: (a, o) => runExport({ model: str(a.model), out: str(a.out), json: bool(a.json), protect: bool(a.protect), quiet: bool(a.quiet) }, o),
};

const validateCommand: FinbookCommand = {
  command: 'validate [model]',
  describe: 'check a model and its template and evaluate every check, without writing anything',
  builder: (y) => y.positional('model', { type: 'string', describe: 'model file (YAML or JSON)' }),
  run: (a, o) => runValidate({ model: str(a.model), json: bool(a.json) }, o),
};

export const COMMANDS: FinbookCommand[] = [exportCommand, validateCommand];
