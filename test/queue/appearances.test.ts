// The evidence the queue tests use for "written exactly once": inotify sees a workbook appear
// once per write. Here it is shown to count a second write, and that a second export with
// skipIdentical (what a worker does for a job run again) is not one.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { runExport } from '../../src/cli/export.js';
import { tempDir } from '../helpers/cli.js';
import { watchAppearances, writeVariants } from './helpers.js';

const dir = tempDir('finbook-appear-');
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const quiet = { out: () => undefined, err: () => undefined };
const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 200));

it('counts each write of a workbook, and none for an identical one left in place', async () => {
  const [model] = writeVariants(dir, 1) as [string];
  const watch = watchAppearances(dir, (n) => n.endsWith('.xlsx') && !n.startsWith('.'));
  for (const name of ['twice', 'twice', 'kept', 'kept', 'kept'])
    expect(await runExport({ model, out: join(dir, `${name}.xlsx`), quiet: true, skipIdentical: name === 'kept' }, quiet)).toBe(0);
  await settle();
  watch.close();
  expect(Object.fromEntries(watch.counts)).toEqual({ 'twice.xlsx': 2, 'kept.xlsx': 1 });
});
