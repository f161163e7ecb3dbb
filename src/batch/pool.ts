// A fixed number of worker threads. Each computes one model at a time; once a model's
// workbook is built (the worker says `computed`), the worker gets its next model and computes
// it while the last file is written and flushed to disk (several files may be on their way
// at once). A worker that dies (a crash, running out of memory) takes only the model it was
// computing and the files it was writing with it, and is replaced.
import { Worker } from 'node:worker_threads';
import { stopping } from '../write/interrupt.js';
import type { BatchComputed, BatchOutcome, BatchTask } from './messages.js';

export interface PoolOptions {
  /** The worker's script: dist/batch-worker.cjs. */
  workerFile: string;
  jobs: number;
  onOutcome(outcome: BatchOutcome): void;
}

/** Files a worker may have on their way to disk while it computes the next model. */
const MAX_IN_FLIGHT = 16;

/** Outcomes in the order of `tasks`, each reported through onOutcome as it arrives. */
export function runPool(tasks: readonly BatchTask[], options: PoolOptions): Promise<BatchOutcome[]> {
  const outcomes: BatchOutcome[] = new Array<BatchOutcome>(tasks.length);
  if (tasks.length === 0) return Promise.resolve(outcomes);
  return new Promise((resolve) => {
    let next = 0;
    let done = 0;
    const finish = (outcome: BatchOutcome): void => {
      outcomes[outcome.index] = outcome;
      done++;
      options.onOutcome(outcome);
      if (done === tasks.length) resolve(outcomes);
    };
    const start = (): void => {
      // the interrupt flag, shared: an interrupted batch's workers start no new file (src/write/interrupt.ts)
      const worker = new Worker(options.workerFile, { workerData: { stopping } });
      /** Models sent and not answered, with when they were sent. */
      const inFlight = new Map<number, { task: BatchTask; since: number }>();
      /** The model the worker is computing (sent, not yet computed or answered). */
      let computing: number | null = null;
      const feed = (): void => {
        if (computing !== null || inFlight.size >= MAX_IN_FLIGHT) return;
        const task = tasks[next];
        if (task === undefined) {
          if (inFlight.size === 0) void worker.terminate();
          return;
        }
        next++;
        inFlight.set(task.index, { task, since: performance.now() });
        computing = task.index;
        worker.postMessage(task);
      };
      const lose = (why: string): void => {
        for (const [index, { since }] of inFlight) {
          const what = index === computing ? '' : ' while writing its workbook';
          finish({ index, status: 'crashed', messages: [`the export worker stopped${what}: ${why}`], ms: performance.now() - since });
        }
        inFlight.clear();
        computing = null;
      };
      worker.on('message', (message: BatchOutcome | BatchComputed) => {
        if ('computed' in message) {
          if (message.computed === computing) computing = null;
        } else {
          inFlight.delete(message.index);
          // a worker may answer without saying `computed` first (a model with mistakes)
          if (message.index === computing) computing = null;
          finish(message);
        }
        feed();
      });
      worker.on('error', (err) => lose(err.message));
      worker.on('exit', (code) => {
        lose(`exit code ${code}`);
        // a replacement for a worker that died while models were left
        if (next < tasks.length) start();
      });
      feed();
    };
    for (let i = 0; i < Math.min(options.jobs, tasks.length); i++) start();
  });
}
