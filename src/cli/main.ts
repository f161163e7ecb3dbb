// The CLI: yargs wiring only; each command's work lives in its own module and returns an
// exit code (no process.exit here, so tests run the CLI in-process).
import { forgetInputs } from '../input/inputs.js';
import type { FinbookCommand } from './command.js';
import { COMMANDS } from './commands.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import { commandSpec, readFastArgs } from './fast-args.js';
import type { Output } from './output.js';
import { processOutput } from './output.js';
import { packageVersion } from './paths.js';

class UsageError extends Error {}

export async function main(argv: string[], o: Output = processOutput): Promise<ExitCode> {
  // each command protects its own inputs from its outputs (src/input/inputs.ts)
  forgetInputs();
  // a plain command line runs without yargs (src/cli/fast-args.ts); anything else goes to it
  const command = COMMANDS.find((c) => c.command.split(' ')[0] === argv[0]);
  const spec = command && commandSpec(command);
  const fast = spec ? readFastArgs(spec, argv) : null;
  if (command && fast) return command.run(fast, o);
  return mainWithYargs(argv, o);
}

/** The whole command line through yargs: help, --version, usage errors and every other form. */
export async function mainWithYargs(argv: string[], o: Output, commands: readonly FinbookCommand[] = COMMANDS): Promise<ExitCode> {
  // loaded only here: its set-up is most of what a plain export's start-up would spend on it
  const { default: yargs } = await import('yargs');
  let code: ExitCode = EXIT.ok;
  let usageError: string | null = null;
  let parser = yargs(argv)
    .scriptName('finbook')
    .usage('finbook <command> [options]\n\nTurn a financial model into a live-formula Excel workbook.')
    .version(packageVersion())
    .strict()
    .demandCommand(1, `name a command: ${commands.map((c) => c.command.split(' ')[0]).join(', ')}`)
    .recommendCommands()
    .exitProcess(false)
    .showHelpOnFail(false)
    // Throwing stops yargs before any command handler runs.
    .fail((msg, err) => {
      if (err) throw err;
      throw new UsageError(msg);
    })
    .option('json', { type: 'boolean', describe: 'print problems and results as JSON', default: false });
  const handler = (c: FinbookCommand) => async (a: Record<string, unknown>) => {
    code = await c.run(a, o);
  };
  for (const c of commands) {
    const subs = c.subcommands;
    if (subs)
      parser = parser.command(
        c.command,
        c.describe,
        (y) => subs.reduce((yy, s) => yy.command(s.command, s.describe, s.builder, handler(s)), c.builder(y)).demandCommand(1, `name a subcommand: ${subs.map((s) => s.command.split(' ')[0]).join(', ')}`),
        () => undefined,
      );
    else parser = parser.command(c.command, c.describe, c.builder, handler(c));
  }
  parser = parser
    .epilog('Exit codes: 0 success, 1 failed checks or verification, 2 invalid input or usage, 3 environment or I/O error.')
    .wrap(Math.min(100, process.stdout.columns || 100));
  let helpText = '';
  try {
    await parser.parseAsync(argv, {}, (err, _argv, output) => {
      if (output) helpText = output;
      if (err && !usageError) usageError = err.message;
    });
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    usageError = err.message;
  }
  if (usageError) {
    o.err(`finbook: ${usageError}`);
    o.err(`Run 'finbook --help' for usage.`);
    return EXIT.invalid;
  }
  if (helpText) o.out(helpText);
  return code;
}
