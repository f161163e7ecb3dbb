// bin/finbook.cjs raises V8's interrupt budget for every command by the number
// src/services/v8-tiering.ts names; long-running commands set V8's default back.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { CLI_INTERRUPT_BUDGET, DEFAULT_INTERRUPT_BUDGET } from '../../src/v8-tiering.js';

describe("the CLI's V8 tiering", () => {
  it('sets the budget v8-tiering.ts names, before the bundle compiles', () => {
    const bin = readFileSync(new URL('../../bin/finbook.cjs', import.meta.url), 'utf8');
    const set = bin.indexOf(`setFlagsFromString('--interrupt-budget=${CLI_INTERRUPT_BUDGET}')`);
    expect(set).toBeGreaterThan(0);
    expect(set).toBeLessThan(bin.indexOf('new vm.Script'));
  });

  it("names V8's own default as this Node's", () => {
    const help = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8' });
    expect(help).toMatch(new RegExp(`--interrupt-budget=${DEFAULT_INTERRUPT_BUDGET}\\b`));
  });
});
