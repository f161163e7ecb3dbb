// `finbook batch MODEL... --out DIR [--jobs N]`: export many models in one process, one
// worker thread per core. Each model is exported exactly as `finbook export` would; a model
// that fails is reported and the batch goes on.
import { existsSync, mkdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { join, resolve } from 'node:path';
import { optimizeAsUsual } from '../v8-tiering.js';
import type { BatchOutcome } from '../batch/messages.js';
import { planTasks } from '../batch/plan-tasks.js';
import { runPool } from '../batch/pool.js';
import { removeOwnFilesIn } from '../write/atomic.js';
import { onInterrupt } from '../write/interrupt.js';
import type { Tally } from '../batch/progress.js';
import { count, emptyTally, logLines, progressBar, summaryLine } from '../batch/progress.js';
import { displayPath } from '../model/load.js';
import type { ExitCode } from './exit-codes.js';
import { EXIT } from './exit-codes.js';
import { describeIoError, pdfPathFor } from './export.js';
import { describePdfError, officePdf } from '../jobs/pdf.js';
import { isExported } from '../batch/messages.js';
import type { Output } from './output.js';
import { processOutput } from './output.js';
import { packageRoot } from './paths.js';

export interface BatchArgs {
  models: string[];
  out: string | undefined;
  jobs: unknown;
  protect?: boolean;
  quiet?: boolean;
  json?: boolean;
  /** Also a PDF beside each workbook written, all printed by one LibreOffice (src/office/server.ts). */
  pdf?: boolean;
}

const MAX_JOBS = 256;

/**
 * Each worker optimizes the same few hundred functions with TurboFan on V8's background
 * threads; with V8's default inlining budget that compilation took about a fifth of a batch's
 * CPU (a few seconds per worker, measured with --trace-opt) and repaid little of it. A smaller
 * budget, set before the workers' isolates exist, halves it (about 7% of a batch's CPU).
 * An optimizer heuristic only: results do not change.
 */
const WORKER_V8_FLAGS = '--max-inlined-bytecode-size-cumulative=200';

export function batchWorkerFile(): string {
  return join(packageRoot(), 'dist', 'batch-worker.cjs');
}

/** The worst outcome decides: an environment failure or crash 3, an invalid model 2, failed checks 1. */
export function batchExitCode(outcomes: readonly BatchOutcome[]): ExitCode {
  const has = (s: BatchOutcome['status']): boolean => outcomes.some((o) => o.status === s);
  if (has('environment') || has('crashed')) return EXIT.environment;
  if (has('invalid')) return EXIT.invalid;
  if (has('checks_failed')) return EXIT.failed;
  return EXIT.ok;
}

function jobCount(v: unknown, problems: string[]): number {
  if (v === undefined) return availableParallelism();
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1 || v > MAX_JOBS) {
    problems.push(`--jobs must be a whole number from 1 to ${MAX_JOBS}, got ${String(v)}`);
    return 1;
  }
  return v;
}

export async function runBatch(args: BatchArgs, o: Output): Promise<ExitCode> {
  const problems: string[] = [];
  const jobs = jobCount(args.jobs, problems);
  if (args.models.length === 0) problems.push('name at least one model file');
  if (!args.out) problems.push('--out is required: the directory to write the workbooks to');
  const outDir = resolve(args.out ?? '.');
  const { tasks, clashes } = planTasks(args.models, outDir, args.protect ?? false);
  problems.push(...clashes);
  if (problems.length > 0) {
    for (const p of problems) o.err(`finbook batch: ${p}`);
    return EXIT.invalid;
  }
  const workerFile = batchWorkerFile();
  if (!existsSync(workerFile)) {
    o.err(`finbook batch: ${displayPath(workerFile)} is missing; run \`npm run build\` first.`);
    return EXIT.environment;
  }
  try {
    mkdirSync(outDir, { recursive: true });
  } catch (err) {
    o.err(`cannot create ${displayPath(outDir)}: ${describeIoError(err)}`);
    return EXIT.environment;
  }

  const workers = Math.min(jobs, tasks.length);
  // the workers run for minutes: V8's own tiering, not the CLI's (v8-tiering.ts)
  optimizeAsUsual();
  setFlagsFromString(WORKER_V8_FLAGS);
  const tally = emptyTally(tasks.length);
  const started = performance.now();
  const show = reporter(o, args, tally, started);
  // the workers' threads get no signals: on SIGINT / SIGTERM this thread removes their
  // temporary files and locks (src/write/interrupt.ts)
  const forget = onInterrupt(() => removeOwnFilesIn(outDir));
  // PDFs are printed on this thread, one after another by one LibreOffice, while the workers go on
  const pdfs = new Map<number, Promise<string | null>>();
  const outcomes = await runPool(tasks, {
    workerFile,
    jobs: workers,
    onOutcome: (outcome) => {
      count(tally, outcome.status);
      const task = tasks[outcome.index]!;
      show.outcome(outcome, displayPath(task.model), displayPath(task.out));
      if (args.pdf && isExported(outcome.status)) pdfs.set(outcome.index, printPdf(task.out));
    },
  });
  const pdfFailures = new Map<number, string>();
  for (const [index, failed] of pdfs) {
    const why = await failed;
    if (why !== null) pdfFailures.set(index, why);
  }
  forget();
  for (const [index, why] of pdfFailures) o.err(`finbook batch: ${displayPath(tasks[index]!.model)}: ${why}`);
  const elapsed = performance.now() - started;
  show.end();
  if (args.json)
    o.out(
      JSON.stringify(
        {
          ok: tally.failed === 0 && tally.checksFailed === 0,
          exported: tally.exported,
          failed: tally.failed,
          checksFailed: tally.checksFailed,
          seconds: Number((elapsed / 1000).toFixed(3)),
          jobs: workers,
          ...(args.pdf ? { pdfsFailed: pdfFailures.size } : {}),
          models: outcomes.map((r) => ({
            model: displayPath(tasks[r.index]!.model),
            out: displayPath(tasks[r.index]!.out),
            status: r.status,
            ms: Math.round(r.ms),
            messages: r.messages,
            ...(pdfs.has(r.index) ? { pdf: pdfFailures.has(r.index) ? null : displayPath(pdfPathFor(tasks[r.index]!.out)) } : {}),
          })),
        },
        null,
        2,
      ),
    );
  else o.out(summaryLine(tally, elapsed, workers) + (args.pdf ? `; ${pdfs.size - pdfFailures.size} PDF${pdfs.size - pdfFailures.size === 1 ? '' : 's'}${pdfFailures.size > 0 ? `, ${pdfFailures.size} failed` : ''}` : ''));
  // a missing PDF is an environment failure (LibreOffice), as for finbook export --pdf
  return pdfFailures.size > 0 ? EXIT.environment : batchExitCode(outcomes);
}

/** The workbook's PDF beside it; null when written, else why not. */
async function printPdf(workbook: string): Promise<string | null> {
  const pdf = pdfPathFor(workbook);
  try {
    await officePdf(workbook, pdf);
    return null;
  } catch (err) {
    return `wrote ${displayPath(workbook)} but not ${displayPath(pdf)}: ${describePdfError(err)}`;
  }
}

interface Reporter {
  outcome(outcome: BatchOutcome, model: string, out: string): void;
  end(): void;
}

/** A bar redrawn on a terminal (at most ten times a second), log lines otherwise, nothing with --json. */
function reporter(o: Output, args: BatchArgs, tally: Tally, started: number): Reporter {
  if (args.json) return { outcome: () => undefined, end: () => undefined };
  const tty = o === processOutput && process.stderr.isTTY === true;
  if (!tty)
    return {
      outcome: (outcome, model, out) => {
        if (args.quiet && outcome.status === 'exported') return;
        for (const line of logLines(tally, outcome, model, out)) o.out(line);
      },
      end: () => undefined,
    };
  let drawn = 0;
  const draw = (): void => {
    process.stderr.write(`\r${progressBar(tally, performance.now() - started, process.stderr.columns || 80)}\x1b[K`);
    drawn = performance.now();
  };
  return {
    outcome: (outcome, model, out) => {
      if (outcome.status !== 'exported') {
        // a failure goes above the bar, which is drawn again below it
        process.stderr.write('\r\x1b[K');
        for (const line of logLines(tally, outcome, model, out)) o.out(line);
        draw();
      } else if (performance.now() - drawn > 100 || tally.done === tally.total) draw();
    },
    // the last outcome drew the finished bar
    end: () => process.stderr.write('\n'),
  };
}
