// The store of parsed YAML values (src/cache/yaml-values.ts): a model read again gives the
// same workbook, byte for byte, and its mistakes are still reported at their line; a value
// stored by other code (an older reader) is never taken.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { diskValueStore, readerIdentity } from '../../src/cache/yaml-values.js';
import { useParsedValueStore } from '../../src/model/value-store.js';
import { runCli, tempDir } from '../helpers/cli.js';

const storedYamlValue = (text: string): unknown => diskValueStore(false).get(text);

const dir = tempDir('finbook-yaml-cache-');
const store = join(dir, 'store');
const saved = { ...process.env };

beforeEach(() => {
  process.env.FINBOOK_CACHE_DIR = store;
  delete process.env.FINBOOK_CACHE;
  // the CLI's entry point installs the store (src/cli/run.ts); in-process runs install it here
  useParsedValueStore(diskValueStore(true));
});
afterEach(() => {
  process.env = { ...saved };
  useParsedValueStore(null);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the store of parsed YAML values', () => {
  it('keeps a model once it is read, and the next export from the store writes the same bytes', async () => {
    const model = join(dir, 'same.yaml');
    expect((await runCli(['generate', '--lines', '20', '--periods', '12', '--out', model])).code).toBe(0);
    const text = readFileSync(model, 'utf8');
    expect(storedYamlValue(text)).toBeUndefined();
    expect((await runCli(['export', model, '--out', join(dir, 'first.xlsx'), '--quiet'])).code).toBe(0);
    expect(storedYamlValue(text)).toMatchObject({ finbook_model: 1, template: 'same.template.yaml' });
    expect((await runCli(['export', model, '--out', join(dir, 'second.xlsx'), '--quiet'])).code).toBe(0);
    expect(readFileSync(join(dir, 'second.xlsx')).equals(readFileSync(join(dir, 'first.xlsx')))).toBe(true);
  });

  it('reads an edited file anew', async () => {
    const model = join(dir, 'edited.yaml');
    expect((await runCli(['generate', '--lines', '20', '--periods', '12', '--out', model])).code).toBe(0);
    expect((await runCli(['export', model, '--out', join(dir, 'before.xlsx'), '--quiet'])).code).toBe(0);
    writeFileSync(model, readFileSync(model, 'utf8').replace('Synthetic Holdings 1', 'Renamed Holdings'));
    expect((await runCli(['export', model, '--out', join(dir, 'after.xlsx'), '--quiet'])).code).toBe(0);
    expect(readFileSync(join(dir, 'after.xlsx')).equals(readFileSync(join(dir, 'before.xlsx')))).toBe(false);
  });

  it('still reports a mistake at its line and column when the value comes from the store', async () => {
    const model = join(dir, 'wrong.yaml');
    expect((await runCli(['generate', '--lines', '20', '--periods', '12', '--out', model])).code).toBe(0);
    writeFileSync(model, readFileSync(model, 'utf8').replace(/^( {4}a1_1_1: \{ M2000_01: )\d+/m, '$1"many"'));
    const first = await runCli(['export', model, '--out', join(dir, 'wrong.xlsx')]);
    const again = await runCli(['export', model, '--out', join(dir, 'wrong.xlsx')]);
    expect(first.code).toBe(2);
    expect(first.stderr).toMatch(/wrong\.yaml:\d+:\d+ values\.s1\.a1_1_1\.M2000_01: expected a number, got "many"/);
    expect(again.stderr).toBe(first.stderr);
  });

  it('never takes a value stored by other code: entries are keyed on the reader’s identity', async () => {
    const model = join(dir, 'older.yaml');
    expect((await runCli(['generate', '--lines', '20', '--periods', '12', '--out', model])).code).toBe(0);
    const text = readFileSync(model, 'utf8');
    // what an older reader left under the text's hash alone (the key before this store)
    const older = createHash('sha256').update('finbook yaml value 1; yaml 2, YAML 1.2 core schema, toJS').update('\n').update(text).digest('hex');
    mkdirSync(store, { recursive: true });
    writeFileSync(join(store, `${older}.json`), JSON.stringify({ finbook_model: 1, wrong: 'an older reading' }));
    const r = await runCli(['validate', model]);
    expect(r.code, r.stderr).toBe(0);
    const id = readerIdentity();
    expect(id).toMatch(/^source [0-9a-f]{64}$/);
    const mine = createHash('sha256').update(id!).update('\n').update(text).digest('hex');
    expect(readdirSync(store)).toContain(`${mine}.json`);
  });

  it('is not used with FINBOOK_CACHE=off', async () => {
    process.env.FINBOOK_CACHE_DIR = join(dir, 'unused');
    process.env.FINBOOK_CACHE = 'off';
    const model = join(dir, 'off.yaml');
    expect((await runCli(['generate', '--lines', '20', '--periods', '12', '--out', model])).code).toBe(0);
    expect((await runCli(['export', model, '--out', join(dir, 'off.xlsx'), '--quiet'])).code).toBe(0);
    expect(existsSync(join(dir, 'unused'))).toBe(false);
    expect(readdirSync(dir)).toContain('off.xlsx');
  });
});
