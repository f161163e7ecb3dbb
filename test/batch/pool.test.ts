// The worker pool on real worker threads: every task gets exactly one outcome, in task
// order, and a worker that dies takes only its own task with it.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { BatchOutcome, BatchTask } from '../../src/batch/messages.js';
import { runPool } from '../../src/batch/pool.js';
import { tempDir } from '../helpers/cli.js';

// A stand-in worker with the real protocol: answers each task, dies on models named "die".
const worker = join(tempDir('finbook-pool-'), 'worker.cjs');
writeFileSync(
  worker,
  `const { parentPort } = require('node:worker_threads');
parentPort.on('message', (task) => {
  if (task.model === 'die') process.exit(7);
  if (task.model === 'throw') throw new Error('boom');
  setTimeout(() => parentPort.postMessage({ index: task.index, status: 'exported', messages: [], ms: 1 }), 2);
});`,
);

// A stand-in for the real worker's pipelining: says `computed` at once and answers 30 ms
// later (a slow disk), so several models are in flight; dies computing "die" while the
// files of the models before it are being written.
const pipelined = join(tempDir('finbook-pool-'), 'pipelined.cjs');
writeFileSync(
  pipelined,
  `const { parentPort } = require('node:worker_threads');
let inFlight = 0, most = 0;
parentPort.on('message', (task) => {
  if (task.model === 'die') process.exit(9);
  parentPort.postMessage({ computed: task.index });
  most = Math.max(most, ++inFlight);
  setTimeout(() => { inFlight--; parentPort.postMessage({ index: task.index, status: 'exported', messages: [String(most)], ms: 30 }); }, 30);
});`,
);

const tasks = (models: string[]): BatchTask[] => models.map((model, index) => ({ index, model, out: `${model}.xlsx`, protect: false }));

describe('runPool', () => {
  it('gives every task one outcome, in task order, whatever order they finish in', async () => {
    const seen: number[] = [];
    const outcomes = await runPool(tasks(Array.from({ length: 25 }, (_, i) => `m${i}`)), { workerFile: worker, jobs: 3, onOutcome: (o) => seen.push(o.index) });
    expect(outcomes.map((o) => o.index)).toEqual([...Array(25).keys()]);
    expect([...seen].sort((a, b) => a - b)).toEqual([...Array(25).keys()]);
  });

  it('reports a dead worker as a crash of its own model and goes on with a new worker', async () => {
    const outcomes: BatchOutcome[] = await runPool(tasks(['a', 'die', 'b', 'throw', 'c', 'd']), { workerFile: worker, jobs: 2, onOutcome: () => undefined });
    expect(outcomes.map((o) => o.status)).toEqual(['exported', 'crashed', 'exported', 'crashed', 'exported', 'exported']);
    expect(outcomes[1]!.messages[0]).toMatch(/the export worker stopped: exit code 7/);
    expect(outcomes[3]!.messages[0]).toMatch(/the export worker stopped: boom/);
  });

  it('sends a worker its next model once the last one is computed, so files are written while it computes', async () => {
    const outcomes = await runPool(tasks(Array.from({ length: 40 }, (_, i) => `m${i}`)), { workerFile: pipelined, jobs: 2, onOutcome: () => undefined });
    expect(outcomes.map((o) => o.status)).toEqual(Array(40).fill('exported'));
    // several models were on their way at once in some worker, never more than the pool allows
    const most = Math.max(...outcomes.map((o) => Number(o.messages[0])));
    expect(most).toBeGreaterThan(1);
    expect(most).toBeLessThanOrEqual(16);
  });

  it('reports the models a dead worker was computing or writing, and goes on with a new worker', async () => {
    const outcomes = await runPool(tasks(['a', 'b', 'die', 'c', 'd', 'e']), { workerFile: pipelined, jobs: 1, onOutcome: () => undefined });
    expect(outcomes.map((o) => o.status)).toEqual(['crashed', 'crashed', 'crashed', 'exported', 'exported', 'exported']);
    expect(outcomes[2]!.messages).toEqual(['the export worker stopped: exit code 9']);
    for (const o of outcomes.slice(0, 2)) expect(o.messages).toEqual(['the export worker stopped while writing its workbook: exit code 9']);
  });

  it('finishes at once with no tasks', async () => {
    expect(await runPool([], { workerFile: worker, jobs: 2, onOutcome: () => undefined })).toEqual([]);
  });
});
