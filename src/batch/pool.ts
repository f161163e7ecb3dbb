// A fixed number of worker threads, each exporting one model at a time. A worker that dies
// (a crash, running out of memory) takes only its current model with it and is replaced.
import { Worker } from 'node:worker_threads';
import type { BatchOutcome, BatchTask } from './messages.js';

export interface PoolOptions {
  /** The worker's script: dist/batch-worker.cjs. */
  workerFile: string;
  jobs: number;
  onOutcome(outcome: BatchOutcome): void;
}

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
      const worker = new Worker(options.workerFile);
      let current: { task: BatchTask; since: number } | null = null;
      const feed = (): void => {
        const task = tasks[next];
        if (task === undefined) {
          current = null;
          void worker.terminate();
          return;
        }
        next++;
        current = { task, since: performance.now() };
        worker.postMessage(task);
      };
      const lose = (why: string): void => {
        if (!current) return;
        finish({ index: current.task.index, status: 'crashed', messages: [`the export worker stopped: ${why}`], ms: performance.now() - current.since });
        current = null;
      };
      worker.on('message', (outcome: BatchOutcome) => {
        current = null;
        finish(outcome);
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
