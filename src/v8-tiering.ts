// How soon V8 optimizes a hot function with TurboFan. bin/finbook.cjs raises the interrupt
// budget (the bytecode a function runs before V8 considers optimizing it) to 16 times V8's
// default before the bundle compiles: a command over in a second spent a quarter of its CPU
// compiling functions TurboFan's code never repaid (docs/benchmarks.md, Start-up). Work that
// runs for long still has its hot loops optimized, only later; work known to run for seconds
// or minutes sets V8's default back: a batch's workers, the queue's worker, and loading a
// model file over 1 MiB (model/load.ts). An optimizer heuristic only: results do not change.
import { setFlagsFromString } from 'node:v8';

/** V8's own interrupt budget (Node 20, V8 11.3). */
export const DEFAULT_INTERRUPT_BUDGET = 66 * 1024;
/** bin/finbook.cjs's budget for every command (kept equal to the number written there: test/cli/v8-tiering.test.ts). */
export const CLI_INTERRUPT_BUDGET = 16 * DEFAULT_INTERRUPT_BUDGET;

/** V8's default tiering for the rest of this process (and the worker threads it starts after); idempotent. */
export function optimizeAsUsual(): void {
  setFlagsFromString(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}`);
}
