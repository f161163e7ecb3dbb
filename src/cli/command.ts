// The shape every CLI command has: a yargs definition and a function that does the work
// and returns an exit code.
import type { Argv } from 'yargs';
import type { ExitCode } from './exit-codes.js';
import type { Output } from './output.js';

export interface FinbookCommand {
  /** yargs command string, e.g. 'export [model]' */
  command: string;
  describe: string;
  builder(y: Argv): Argv;
  run(args: Record<string, unknown>, o: Output): Promise<ExitCode>;
  /** Commands under this one (`finbook queue add`); then `run` is never called. */
  subcommands?: FinbookCommand[];
}

export function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

export function bool(v: unknown): boolean {
  return v === true;
}

/** `--only a --only b` and `--only a,b` both name jobs a and b. */
export function nameList(v: unknown): string[] {
  const items = Array.isArray(v) ? v : v === undefined ? [] : [v];
  return items
    .flatMap((x) => String(x).split(','))
    .map((s) => s.trim())
    .filter((s) => s !== '');
}
