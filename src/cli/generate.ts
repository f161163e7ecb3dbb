// `finbook generate --lines N --periods P [--sheets S] [--seed K] --out FILE`
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { GenerateOptions } from '../generate/generate.js';
import { generateFiles, modelFormat } from '../generate/generate.js';
import { MIN_LINES } from '../generate/template.js';
import { displayPath } from '../model/load.js';
import { writeFileAtomically } from '../write/atomic.js';
import { OutputRefusedError } from '../write/safe-path.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import { writeFailure } from './export.js';
import type { Output } from './output.js';

export interface GenerateArgs {
  lines: unknown;
  periods: unknown;
  sheets: unknown;
  seed: unknown;
  out: string | undefined;
  quiet?: boolean;
}

// Excel's limits: 16,384 columns (labels, the months, share and change) and 1,048,576 rows.
const LIMITS = {
  lines: [MIN_LINES, 100_000],
  periods: [1, 16_000],
  sheets: [1, 50],
  seed: [0, 4_294_967_295],
} as const;

function wholeNumber(name: keyof typeof LIMITS, v: unknown, problems: string[]): number {
  const [min, max] = LIMITS[name];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) {
    problems.push(`--${name} must be a whole number from ${min} to ${max.toLocaleString('en-US')}, got ${String(v)}`);
    return min;
  }
  return v;
}

export async function runGenerate(args: GenerateArgs, o: Output): Promise<ExitCode> {
  const problems: string[] = [];
  const options: GenerateOptions = {
    lines: wholeNumber('lines', args.lines, problems),
    periods: wholeNumber('periods', args.periods, problems),
    sheets: wholeNumber('sheets', args.sheets, problems),
    seed: wholeNumber('seed', args.seed, problems),
  };
  if (!args.out) problems.push('--out is required: the model file to write (.yaml, .yml or .json)');
  else if (!modelFormat(args.out)) problems.push(`--out must end in .yaml, .yml or .json (the model's format), got ${args.out}`);
  if (problems.length > 0) {
    for (const p of problems) o.err(`finbook generate: ${p}`);
    return EXIT.invalid;
  }
  const files = generateFiles(options, resolve(args.out!));
  for (const [path, text] of [
    [files.templatePath, files.template],
    [files.modelPath, files.model],
  ] as const) {
    try {
      mkdirSync(dirname(path), { recursive: true });
      await writeFileAtomically(path, async (out) => {
        out.end(text);
      });
    } catch (err) {
      o.err(writeFailure(err, path).message);
      return err instanceof OutputRefusedError ? EXIT.invalid : EXIT.environment;
    }
  }
  if (!args.quiet)
    o.out(`wrote ${displayPath(files.modelPath)} and its template ${displayPath(files.templatePath)} (${files.numericCells.toLocaleString('en-US')} numeric cells)`);
  return EXIT.ok;
}
