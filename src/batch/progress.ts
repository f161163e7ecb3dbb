// What a batch shows while it runs: a progress bar redrawn in place on a terminal, one
// plain line per model otherwise (logs, CI, pipes), and the summary at the end.
import type { BatchOutcome, BatchStatus } from './messages.js';
import { isExported } from './messages.js';

export interface Tally {
  total: number;
  done: number;
  exported: number;
  failed: number;
  checksFailed: number;
}

export function emptyTally(total: number): Tally {
  return { total, done: 0, exported: 0, failed: 0, checksFailed: 0 };
}

export function count(t: Tally, status: BatchStatus): void {
  t.done++;
  if (isExported(status)) t.exported++;
  else t.failed++;
  if (status === 'checks_failed') t.checksFailed++;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/** `[#########...........]  412/1000  41%  2 failed  3.9 s, about 5.6 s left` */
export function progressBar(t: Tally, elapsedMs: number, width: number): string {
  const share = t.total === 0 ? 1 : t.done / t.total;
  const left = t.done > 0 && t.done < t.total ? `, about ${seconds((elapsedMs / t.done) * (t.total - t.done))} left` : '';
  const counts = `${String(t.done).padStart(String(t.total).length)}/${t.total}  ${String(Math.floor(share * 100)).padStart(3)}%${t.failed ? `  ${t.failed} failed` : ''}  ${seconds(elapsedMs)}${left}`;
  const bar = Math.max(10, Math.min(40, width - counts.length - 4));
  const filled = Math.round(share * bar);
  return `[${'#'.repeat(filled)}${'.'.repeat(bar - filled)}]  ${counts}`;
}

const WORD: Record<BatchStatus, string> = {
  exported: 'ok',
  checks_failed: 'checks failed',
  invalid: 'invalid',
  environment: 'not written',
  crashed: 'crashed',
};

/** `[ 12/1000] ok             data/acme.yaml -> out/acme.xlsx (35 ms)` and the messages below a failure. */
export function logLines(t: Tally, outcome: BatchOutcome, model: string, out: string): string[] {
  const n = `[${String(t.done).padStart(String(t.total).length)}/${t.total}]`;
  const head = `${n} ${WORD[outcome.status].padEnd(13)} ${model}${isExported(outcome.status) ? ` -> ${out}` : ''} (${Math.round(outcome.ms)} ms)`;
  return outcome.status === 'exported' ? [head] : [head, ...outcome.messages.map((m) => `    ${m}`)];
}

export function summaryLine(t: Tally, elapsedMs: number, jobs: number): string {
  const rate = elapsedMs > 0 ? `, ${Math.round((t.done / elapsedMs) * 1000)} models/s` : '';
  return `exported ${t.exported} of ${t.total}, failed ${t.failed}, checks failed ${t.checksFailed}; ${seconds(elapsedMs)} with ${jobs} worker${jobs === 1 ? '' : 's'}${rate}`;
}
