// The CLI: yargs definitions only; each command's work lives in its own module and
// returns an exit code (no process.exit here, so tests run the CLI in-process).
import yargs from 'yargs';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import { runExport } from './export.js';
import type { Output } from './output.js';
import { processOutput } from './output.js';
import { packageVersion } from './paths.js';
import { runValidate } from './validate.js';

export async function main(argv: string[], o: Output = processOutput): Promise<ExitCode> {
  let code: ExitCode = EXIT.ok;
  let usageError: string | null = null;
  const parser = yargs(argv)
    .scriptName('finbook')
    .usage('finbook <command> [options]\n\nTurn a financial model into a live-formula Excel workbook.')
    .version(packageVersion())
    .strict()
    .demandCommand(1, 'name a command: export, validate')
    .recommendCommands()
    .exitProcess(false)
    .showHelpOnFail(false)
    .fail((msg, err) => {
      if (err) throw err;
      usageError = msg;
    })
    .option('json', { type: 'boolean', describe: 'print problems and results as JSON', default: false })
    .command(
      'export [model]',
      'compute a model and write its workbook (default: the IIJ fiscal-2002 model to out/iij-fy2002.xlsx)',
      (y) =>
        y
          .positional('model', { type: 'string', describe: 'model file (YAML or JSON)' })
          .option('out', { alias: 'o', type: 'string', describe: 'workbook to write (default: out/<model name>.xlsx)' })
          .option('protect', { type: 'boolean', default: false, describe: 'lock formula cells (no password); inputs stay editable' })
          .option('quiet', { alias: 'q', type: 'boolean', default: false, describe: 'print only problems' }),
      async (a) => {
        code = await runExport({ model: a.model, out: a.out, json: a.json, protect: a.protect, quiet: a.quiet }, o);
      },
    )
    .command(
      'validate [model]',
      'check a model and its template and evaluate every check, without writing anything',
      (y) => y.positional('model', { type: 'string', describe: 'model file (YAML or JSON)' }),
      async (a) => {
        code = await runValidate({ model: a.model, json: a.json }, o);
      },
    )
    .epilog('Exit codes: 0 success, 1 failed checks or verification, 2 invalid input or usage, 3 environment or I/O error.')
    .wrap(Math.min(100, process.stdout.columns || 100));
  let helpText = '';
  await parser.parseAsync(argv, {}, (err, _argv, output) => {
    if (output) helpText = output;
    if (err && !usageError) usageError = err.message;
  });
  if (usageError) {
    o.err(`finbook: ${usageError}`);
    o.err(`Run 'finbook --help' for usage.`);
    return EXIT.invalid;
  }
  if (helpText) o.out(helpText);
  return code;
}
