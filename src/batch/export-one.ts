// One model of a batch: exactly `finbook export MODEL --out FILE --quiet` (the export
// service, services/export.ts), its output captured instead of printed, so a batch behaves model by model like the export command.
import { exportWorkbook } from '../services/export.js';
import type { BatchOutcome, BatchTask } from './messages.js';
import { statusOf } from './messages.js';

export async function exportOne(task: BatchTask, computed: () => void = () => undefined): Promise<BatchOutcome> {
  const start = performance.now();
  const messages: string[] = [];
  const capture = { out: (line: string) => messages.push(line), err: (line: string) => messages.push(line) };
  try {
    const code = await exportWorkbook({ model: task.model, out: task.out, quiet: true, protect: task.protect }, capture, { computed });
    return { index: task.index, status: statusOf(code), messages, ms: performance.now() - start };
  } catch (err) {
    // not a user mistake (those come back as exit codes): a bug; the batch goes on
    messages.push(`internal error: ${(err as Error).message}`);
    return { index: task.index, status: 'crashed', messages, ms: performance.now() - start };
  }
}
