// The fast path for plain command lines (src/cli/fast-args.ts) must hand a command exactly
// the arguments yargs would, or decline the line (yargs then reads it).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { FinbookCommand } from '../../src/cli/command.js';
import { COMMANDS } from '../../src/cli/commands.js';
import type { CommandSpec } from '../../src/cli/fast-args.js';
import { commandSpec, readFastArgs } from '../../src/cli/fast-args.js';
import { mainWithYargs } from '../../src/cli/main.js';
import type { Output } from '../../src/cli/output.js';

const quiet: Output = { out: () => undefined, err: () => undefined };

/** What yargs hands the command's handler for this line, or null when it reports a usage error. */
async function yargsArgs(command: FinbookCommand, argv: string[]): Promise<Record<string, unknown> | null> {
  let seen: Record<string, unknown> | null = null;
  const recording = COMMANDS.map((c) => (c === command ? { ...c, run: async (a: Record<string, unknown>) => ((seen = a), 0 as const) } : c));
  const code = await mainWithYargs(argv, quiet, recording);
  return code === 0 ? seen : null;
}

const camel = (name: string): string => name.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());

/** The keys a command reads, normalised as the commands read them (bool(): undefined is false). */
function asRead(spec: CommandSpec, a: Record<string, unknown>): Record<string, unknown> {
  const r: Record<string, unknown> = {};
  for (const p of spec.positionals) r[p.name] = a[p.name];
  for (const o of spec.options.values()) r[camel(o.name)] = o.kind === 'boolean' ? a[camel(o.name)] === true : a[camel(o.name)];
  return r;
}

function specOf(name: string): { command: FinbookCommand; spec: CommandSpec } {
  const command = COMMANDS.find((c) => c.command.split(' ')[0] === name)!;
  const spec = commandSpec(command);
  if (!spec) throw new Error(`${name}: no fast path`);
  return { command, spec };
}

describe('fast path for plain command lines', () => {
  it.each([
    [['export', '--quiet', '--out', 'x.xlsx'], { out: 'x.xlsx', quiet: true, protect: false, pdf: false, json: false }],
    [['export', 'm.yaml', '-q', '-o', 'x.xlsx', '--pdf'], { model: 'm.yaml', out: 'x.xlsx', quiet: true, pdf: true }],
    [['export', '--out=y.xlsx', '--no-protect', '--mail-to', 'a@b.c'], { out: 'y.xlsx', protect: false, mailTo: 'a@b.c' }],
    [['batch', 'a.yaml', '--out', 'd', 'b.yaml', '--jobs', '2'], { models: ['a.yaml', 'b.yaml'], out: 'd', jobs: 2 }],
    [['generate', '--lines', '10', '--periods', '12', '--out', 'g.json'], { lines: 10, periods: 12, sheets: 3, seed: 1, out: 'g.json' }],
    [['run', 'jobs.yaml', '--only', 'a'], { jobs: 'jobs.yaml', only: 'a' }],
    [['diff', 'w.xlsx', '--no-recalc'], { workbook: 'w.xlsx', recalc: false }],
    [['validate', '--json'], { json: true }],
  ])('reads %j as yargs does', async (argv, expected) => {
    const { command, spec } = specOf(argv[0]!);
    const fast = readFastArgs(spec, argv);
    expect(fast).not.toBeNull();
    expect(fast).toMatchObject(expected);
    expect(asRead(spec, fast!)).toEqual(asRead(spec, (await yargsArgs(command, argv))!));
  });

  it.each([
    [['export', '--help']],
    [['export', '--version']],
    [['export', '--quiet', 'true']],
    [['export', '--out']],
    [['export', '--out', 'a.xlsx', '--out', 'b.xlsx']],
    [['export', '--unknown']],
    [['export', 'a.yaml', 'b.yaml']],
    [['export', '--', 'a.yaml']],
    [['export', '-qo', 'x.xlsx']],
    [['export', '--mailTo', 'a@b.c']],
    [['generate', '--lines', '1e3', '--periods', '2', '--out', 'x.json']],
    [['generate', '--periods', '2', '--out', 'x.json']],
    [['run']],
    [['batch', '--out', 'd']],
    [['queue', 'status']],
    [['exports']],
  ])('leaves %j to yargs', (argv) => {
    const command = COMMANDS.find((c) => c.command.split(' ')[0] === argv[0]);
    const spec = command && commandSpec(command);
    expect(spec ? readFastArgs(spec, argv) : null).toBeNull();
  });

  it('has a fast path for every command without subcommands', () => {
    for (const c of COMMANDS) expect(commandSpec(c) === null, c.command).toBe(c.subcommands !== undefined);
  });

  // Generated lines from each command's own options (right and wrong): whenever the fast path
  // reads a line, yargs runs the command with the same arguments.
  it.each(COMMANDS.filter((c) => !c.subcommands).map((c) => [c.command.split(' ')[0]!]))('%s: every line the fast path reads, yargs reads the same', async (name) => {
    const { command, spec } = specOf(name);
    const flags = [...spec.options.values()].flatMap((o) => [`--${o.name}`, ...(o.alias ? [o.alias.length === 1 ? `-${o.alias}` : `--${o.alias}`] : []), ...(o.kind === 'boolean' ? [`--no-${o.name}`] : [`--${o.name}=v`])]);
    const token = fc.oneof(fc.constantFrom(...flags), fc.constantFrom('a.yaml', 'b c.yaml', '12', '0.5', '1e3', '-1', 'true', 'FALSE', '', '-', '--', '--nope', 'x=y', 'ü.yaml'), fc.string({ maxLength: 4 }));
    // what the command demands, so that the random rest decides
    const required = [...spec.positionals.filter((p) => p.required).map(() => 'p.yaml'), ...[...spec.options.values()].filter((o) => o.demanded).flatMap((o) => [`--${o.name}`, o.kind === 'number' ? '3' : 'v'])];
    let read = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(token, { maxLength: 7 }), async (rest) => {
        const argv = [name, ...required, ...rest];
        const fast = readFastArgs(spec, argv);
        if (fast === null) return;
        read++;
        const slow = await yargsArgs(command, argv);
        expect(slow, argv.join(' ')).not.toBeNull();
        expect(asRead(spec, fast), argv.join(' ')).toEqual(asRead(spec, slow!));
      }),
      { numRuns: 150 },
    );
    // the property compared something: a share of the generated lines took the fast path
    expect(read).toBeGreaterThan(3);
  });
});
