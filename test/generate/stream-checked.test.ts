// A streamed workbook's cells are checked against Excel's limits as the writer reads them
// (src/services/export-plan.ts streamChecked): the issues it reports are those of checking
// the whole planned workbook, in the same order and with the same count past each cap,
// without building the cells a second time.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateFiles } from '../../src/generate/generate.js';
import type { Issue } from '../../src/issues.js';
import { formatIssue } from '../../src/issues.js';
import { loadAndCompute, plan } from '../../src/pipeline.js';
import { checkPlannedWorkbook } from '../../src/plan/text-safety.js';
import { streamChecked } from '../../src/services/export-plan.js';
import { bytesWrittenBy } from '../../src/write/bytes-sink.js';
import { tempDir } from '../helpers/cli.js';

const dir = tempDir('finbook-stream-checked-');

describe('cells checked as they are written', () => {
  it('report what checking every planned cell reports: the first 20 of each kind, placed in the model, and how many more', async () => {
    // 3,334 months of growth: values past 10^15, more than Excel's 15 digits, on every sheet
    const files = generateFiles({ lines: 20, periods: 3334, sheets: 2, seed: 1 }, join(dir, 'wide.json'));
    writeFileSync(files.modelPath, files.model);
    writeFileSync(files.templatePath, files.template);
    const loaded = loadAndCompute(files.modelPath);
    if (!loaded.ok) throw new Error(loaded.issues.map(formatIssue).join('\n'));
    const workbook = plan(loaded.value);
    const whole = checkPlannedWorkbook(workbook, loaded.value);
    let streamed: Issue[] = [];
    await bytesWrittenBy(streamChecked(workbook, loaded.value, false, (w) => (streamed = w)));
    expect(whole.filter((i) => i.code === 'precision' && i.path !== undefined).length).toBe(20);
    expect(whole.at(-1)!.message).toMatch(/^\.\.\. and \d+ more like the above \(precision\)$/);
    expect(streamed.map(formatIssue)).toEqual(whole.map(formatIssue));
    expect(streamed.some((i) => i.source?.file.endsWith('wide.json') && i.source.line > 1)).toBe(true);
  });
});
