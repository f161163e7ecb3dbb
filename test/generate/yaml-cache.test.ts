// The store of parsed YAML values (src/model/yaml-cache.ts): a model read again gives the
// same workbook, byte for byte, and its mistakes are still reported at their line.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { storedYamlValue } from '../../src/model/yaml-cache.js';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('finbook-yaml-cache-');
const store = join(dir, 'store');
const saved = { ...process.env };

beforeEach(() => {
  process.env.FINBOOK_CACHE_DIR = store;
  delete process.env.FINBOOK_CACHE;
});
afterEach(() => {
  process.env = { ...saved };
});

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
