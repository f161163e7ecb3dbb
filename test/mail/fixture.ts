// The mini model (test/jobs/fixtures/mini) copied into a temp directory, optionally with one
// input off by one unit so its check `net_income_ties` fails.
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tempDir } from '../helpers/cli.js';

export const MINI = join(ROOT, 'test/jobs/fixtures/mini');

export interface MiniCopy {
  dir: string;
  model: string;
}

export function miniCopy(options: { offByOne?: boolean } = {}): MiniCopy {
  const dir = tempDir('finbook-mail-');
  copyFileSync(join(MINI, 'template.yaml'), join(dir, 'template.yaml'));
  let model = readFileSync(join(MINI, 'model.yaml'), 'utf8');
  if (options.offByOne) model = changeAccess(model, 3341256);
  writeFileSync(join(dir, 'model.yaml'), model);
  return { dir, model: join(dir, 'model.yaml') };
}

/** Rewrite the 4Q02 value of is_q.access (3341255 in the fixture). */
export function changeAccess(modelText: string, value: number): string {
  const out = modelText.replace(/access: \{ 4Q02: \d+/, `access: { 4Q02: ${value}`);
  if (out === modelText) throw new Error('fixture changed: is_q.access not found');
  return out;
}
