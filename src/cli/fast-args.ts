// The fast path for a plain command line (`finbook export --quiet --out x.xlsx`): its
// arguments read straight from the command's own option list, without yargs, which costs
// a start-up its module set-up and the full help text it renders before running a named
// command. Anything this reader is not certain to read exactly as yargs would (help,
// --version, an unknown or repeated option, `--`, `true`/`false` tokens, short-option
// groups, a missing value or a missing demanded option) returns null, and main() hands the
// whole line to yargs, which then runs or reports it as before.
// test/cli/fast-args.test.ts compares both readers on generated command lines.
import type { Argv } from 'yargs';
import type { FinbookCommand } from './command.js';

type Kind = 'string' | 'boolean' | 'number';

interface OptionSpec {
  name: string;
  kind: Kind;
  alias?: string;
  default?: unknown;
  demanded: boolean;
  /** type: 'string' with array: true (repeatable, a list). */
  array: boolean;
}

interface PositionalSpec {
  name: string;
  required: boolean;
  variadic: boolean;
}

export interface CommandSpec {
  name: string;
  positionals: PositionalSpec[];
  options: Map<string, OptionSpec>;
  /** alias letter or word -> the option's name */
  aliases: Map<string, string>;
}

/** The options every command has (main.ts's global --json). */
const GLOBAL: OptionSpec[] = [{ name: 'json', kind: 'boolean', default: false, demanded: false, array: false }];

interface YargsOptionLike {
  type?: string;
  alias?: string | readonly string[];
  default?: unknown;
  demandOption?: boolean | string;
  array?: boolean;
}

/**
 * A command's arguments as its yargs builder declares them, read by running the builder on a
 * recorder of positional() and option() calls. A builder that calls anything else (or an
 * option this reader does not know how to read) gives null: that command always goes to yargs.
 */
export function commandSpec(c: FinbookCommand): CommandSpec | null {
  if (c.subcommands) return null;
  const words = c.command.split(' ');
  const positionals: PositionalSpec[] = [];
  for (const w of words.slice(1)) {
    const m = /^([<[])([a-z][a-z0-9-]*)(\.\.)?[>\]]$/.exec(w);
    if (!m) return null;
    positionals.push({ name: m[2]!, required: m[1] === '<', variadic: m[3] !== undefined });
  }
  const options = new Map<string, OptionSpec>();
  const aliases = new Map<string, string>();
  let unreadable = false;
  const add = (name: string, o: YargsOptionLike): void => {
    const kind = o.type;
    const alias = typeof o.alias === 'string' ? o.alias : undefined;
    if ((kind !== 'string' && kind !== 'boolean' && kind !== 'number') || (o.alias !== undefined && alias === undefined) || (o.array && kind !== 'string') || !/^[a-z][a-z0-9-]*$/.test(name)) {
      unreadable = true;
      return;
    }
    options.set(name, { name, kind, alias, default: o.default, demanded: o.demandOption !== undefined && o.demandOption !== false, array: o.array === true });
    if (alias) aliases.set(alias, name);
  };
  const recorder = {
    positional(name: string, o: YargsOptionLike) {
      const p = positionals.find((x) => x.name === name);
      // a positional's type must be what this reader assumes: strings (a list when variadic)
      if (!p || o.type !== 'string' || o.alias !== undefined || o.default !== undefined) unreadable = true;
      return recorder;
    },
    option(name: string, o: YargsOptionLike) {
      add(name, o);
      return recorder;
    },
  };
  try {
    c.builder(recorder as unknown as Argv);
  } catch {
    // the builder used something the recorder does not have
    return null;
  }
  for (const g of GLOBAL) if (!options.has(g.name)) options.set(g.name, g);
  if (unreadable || positionals.filter((p) => p.variadic).length > 1 || positionals.slice(0, -1).some((p) => p.variadic)) return null;
  return { name: words[0]!, positionals, options, aliases };
}

/** kebab-case -> camelCase, as yargs names its keys (mail-to -> mailTo). */
function camel(name: string): string {
  return name.replace(/-([a-z0-9])/g, (_, ch: string) => ch.toUpperCase());
}

// yargs-parser reads a token `true` or `false` after a boolean flag as its value; a line with
// such a token is left to it.
const BOOLEAN_WORD = /^(true|false)$/i;
// Numbers as yargs-parser reads them for type: 'number' without surprises (no hex, exponents, signs).
const PLAIN_NUMBER = /^\d{1,15}(\.\d{1,15})?$/;

/**
 * The arguments yargs would hand the command's handler for this line (the keys the commands
 * read: each option's camelCase name and each positional), or null when the line is not one
 * this reader is certain about.
 */
export function readFastArgs(spec: CommandSpec, argv: readonly string[]): Record<string, unknown> | null {
  if (argv[0] !== spec.name) return null;
  const given = new Map<string, unknown>();
  const words: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const token = argv[i]!;
    if (token === '' || BOOLEAN_WORD.test(token)) return null;
    if (!token.startsWith('-')) {
      words.push(token);
      continue;
    }
    let name: string | undefined;
    let inline: string | undefined;
    let negated = false;
    if (token.startsWith('--')) {
      const eq = token.indexOf('=');
      const bare = eq < 0 ? token.slice(2) : token.slice(2, eq);
      if (eq >= 0) inline = token.slice(eq + 1);
      if (spec.options.has(bare)) name = bare;
      else if (bare.startsWith('no-') && spec.options.get(bare.slice(3))?.kind === 'boolean') {
        name = bare.slice(3);
        negated = true;
      } else if (bare.length > 1) name = spec.aliases.get(bare);
    } else if (token.length === 2) name = spec.aliases.get(token.slice(1));
    const o = name === undefined ? undefined : spec.options.get(name);
    if (!o || given.has(o.name)) return null;
    if (o.kind === 'boolean') {
      if (inline !== undefined) return null;
      given.set(o.name, !negated);
      continue;
    }
    if (negated) return null;
    let value = inline;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || next.startsWith('-')) return null;
      value = next;
      i++;
    }
    if (value === '' || BOOLEAN_WORD.test(value)) return null;
    if (o.kind === 'number') {
      if (!PLAIN_NUMBER.test(value)) return null;
      given.set(o.name, Number(value));
    } else given.set(o.name, o.array ? [value] : value);
  }
  const args: Record<string, unknown> = { _: [spec.name] };
  let w = 0;
  for (const p of spec.positionals) {
    if (p.variadic) {
      const rest = words.slice(w);
      w = words.length;
      if (p.required && rest.length === 0) return null;
      args[p.name] = rest;
    } else if (w < words.length) args[p.name] = words[w++];
    else if (p.required) return null;
  }
  if (w < words.length) return null;
  for (const o of spec.options.values()) {
    const v = given.has(o.name) ? given.get(o.name) : o.default;
    if (v === undefined) {
      if (o.demanded) return null;
      continue;
    }
    args[camel(o.name)] = v;
  }
  return args;
}
