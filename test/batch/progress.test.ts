// What a batch prints: the bar, the log lines and the summary.
import { describe, expect, it } from 'vitest';
import type { BatchOutcome } from '../../src/batch/messages.js';
import type { Tally } from '../../src/batch/progress.js';
import { count, emptyTally, logLines, progressBar, summaryLine } from '../../src/batch/progress.js';
import { batchExitCode } from '../../src/cli/batch.js';

const tally = (done: number, failed: number, total = 1000): Tally => ({ total, done, exported: done - failed, failed, checksFailed: 0 });
const outcome = (status: BatchOutcome['status'], messages: string[] = []): BatchOutcome => ({ index: 0, status, messages, ms: 34.6 });

describe('progressBar', () => {
  it.each([
    [tally(0, 0), 0, '[........................................]     0/1000    0%  0.0 s'],
    [tally(412, 2), 3900, '[################........................]   412/1000   41%  2 failed  3.9 s, about 5.6 s left'],
    [tally(1000, 0), 8200, '[########################################]  1000/1000  100%  8.2 s'],
  ])('%j after %d ms', (t, ms, text) => expect(progressBar(t, ms, 200)).toBe(text));

  it('fits a narrow terminal', () => {
    expect(progressBar(tally(500, 0), 1000, 50).length).toBeLessThanOrEqual(70);
  });
});

describe('log lines and summary', () => {
  it('one line for a model exported, the messages below one that failed', () => {
    expect(logLines(tally(12, 0), outcome('exported'), 'a.yaml', 'out/a.xlsx')).toEqual(['[  12/1000] ok            a.yaml -> out/a.xlsx (35 ms)']);
    expect(logLines(tally(13, 1), outcome('invalid', ['a.yaml:3:1 scale: bad']), 'a.yaml', 'out/a.xlsx')).toEqual(['[  13/1000] invalid       a.yaml (35 ms)', '    a.yaml:3:1 scale: bad']);
  });

  it('counts exported, failed and checks failed', () => {
    const t = emptyTally(4);
    for (const s of ['exported', 'checks_failed', 'invalid', 'crashed'] as const) count(t, s);
    expect(t).toEqual({ total: 4, done: 4, exported: 2, failed: 2, checksFailed: 1 });
    expect(summaryLine(t, 2000, 2)).toBe('exported 2 of 4, failed 2, checks failed 1; 2.0 s with 2 workers, 2 models/s');
  });

  it.each([
    [['exported', 'exported'], 0],
    [['exported', 'checks_failed'], 1],
    [['checks_failed', 'invalid'], 2],
    [['invalid', 'environment'], 3],
    [['exported', 'crashed'], 3],
  ] as const)('exit code for %j is %d', (statuses, code) => {
    expect(batchExitCode(statuses.map((s) => outcome(s)))).toBe(code);
  });
});
