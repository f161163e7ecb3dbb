// zod issues in the words of someone editing a YAML file: what was expected, what was
// there, and for a typo the name that was probably meant.
import type * as z from 'zod';
import { suggest } from '../compile/suggest.js';
import type { SchemaIssueCode } from '../issues.js';

export interface Described {
  /** The path the message is about (an unknown key's own path, not its mapping's). */
  path: PropertyKey[];
  code: SchemaIssueCode;
  message: string;
}

interface Draft extends Described {
  /** For an unknown key: the schema's key it is probably a typo of. */
  suggested?: string;
}

/** One message per zod issue; an unknown-keys issue gives one message per key. */
export function describeZodIssues(issues: readonly z.core.$ZodIssue[], root: unknown, schema: z.ZodType, what: string): Described[] {
  const out: Draft[] = [];
  for (const i of issues) {
    if (i.code === 'unrecognized_keys') {
      const known = knownKeys(schema, i.path);
      for (const key of i.keys) {
        const guess = suggest(key, known.filter((k) => !hasKey(valueAt(root, i.path), k)));
        const hint = guess ? ` (did you mean '${guess}'?)` : known.length ? `; expected one of: ${known.join(', ')}` : '';
        out.push({ path: [...i.path, key], code: 'schema_unknown_key', message: `unknown field '${key}'${hint}`, suggested: guess });
      }
      continue;
    }
    out.push({ path: [...i.path], code: `schema_${i.code}`, message: describe(i, root, what) });
  }
  // A typo ('scal: thousands') also makes the real field look missing; say it once.
  const typos = new Set(
    out.flatMap((d) => (d.suggested ? [pathKey([...d.path.slice(0, -1), d.suggested])] : [])),
  );
  const seen = new Set<string>();
  return out
    .filter((d) => !(typos.has(pathKey(d.path)) && valueAt(root, d.path) === undefined))
    .filter((d) => {
      // zod may report a value twice (a format and a refinement); the first is the precise one
      const k = pathKey(d.path);
      if (seen.has(k) && d.code !== 'schema_unknown_key') return false;
      seen.add(k);
      return true;
    })
    .map(({ path, code, message }) => ({ path, code, message }));
}

function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}

function hasKey(obj: unknown, k: string): boolean {
  return typeof obj === 'object' && obj !== null && Object.prototype.hasOwnProperty.call(obj, k);
}

export function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

export function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (v instanceof Date) return JSON.stringify(v.toISOString().slice(0, 10));
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'nothing';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

const NOUNS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  record: 'a mapping',
  array: 'a list',
  date: 'a date',
};

function noun(expected: string): string {
  return NOUNS[expected] ?? expected;
}

function describe(i: z.core.$ZodIssue, root: unknown, what: string): string {
  const got = valueAt(root, i.path);
  const missing = got === undefined;
  switch (i.code) {
    case 'invalid_type':
      if (i.path.length === 0) return `${what} must be a mapping of fields at the top level, got ${show(got)}`;
      if (missing) return `required field is missing (expected ${noun(i.expected)})`;
      if (i.expected === 'number' && typeof got === 'number') return `expected a finite number, got ${show(got)}`;
      if (i.expected === 'int' && typeof got === 'number') return `expected a whole number, got ${show(got)}`;
      return `expected ${noun(i.expected)}, got ${show(got)}`;
    case 'invalid_value': {
      const values = i.values.map((v) => JSON.stringify(v));
      if (missing) return `required field is missing (expected ${values.length === 1 ? values[0] : `one of ${values.join(', ')}`})`;
      if (values.length === 1) return `expected ${values[0]}, got ${show(got)}`;
      const guess = typeof got === 'string' ? suggest(got, i.values.map(String)) : undefined;
      return `expected one of ${values.join(', ')}, got ${show(got)}${guess ? ` (did you mean "${guess}"?)` : ''}`;
    }
    case 'too_small':
      return sizeMessage('at least', i.origin, Number(i.minimum), i.inclusive !== false, got);
    case 'too_big':
      return sizeMessage('at most', i.origin, Number(i.maximum), i.inclusive !== false, got);
    case 'invalid_format':
    case 'custom':
    default: {
      if (missing && i.code !== 'custom') return `required field is missing`;
      const shown = show(got);
      // a message that names the value already (start 2003-02-01 is after end ...) stays as it is
      if (missing || typeof got === 'object' || i.message.includes(String(got))) return i.message;
      return `${i.message}, got ${shown}`;
    }
  }
}

function sizeMessage(bound: 'at least' | 'at most', origin: string, limit: number, inclusive: boolean, got: unknown): string {
  if (got === undefined) return 'required field is missing';
  if (origin === 'string' && typeof got === 'string') {
    if (bound === 'at least' && limit === 1) return 'must not be empty';
    return `must be ${bound} ${limit} characters, got ${got.length}`;
  }
  if (origin === 'array' && Array.isArray(got)) {
    if (bound === 'at least' && limit === 1) return 'needs at least one entry, got an empty list';
    return `takes ${bound} ${limit} entries, got ${got.length}`;
  }
  if (!inclusive) return `expected a number ${bound === 'at least' ? 'greater' : 'less'} than ${limit}, got ${show(got)}`;
  return `expected ${bound} ${limit}, got ${show(got)}`;
}

// The keys a mapping at `path` may have, read from the schema itself so suggestions never
// drift from the format. zod's definitions are walked through their documented `def` shape.
interface SchemaDef {
  type: string;
  shape?: Record<string, SchemaLike>;
  innerType?: SchemaLike;
  in?: SchemaLike;
  out?: SchemaLike;
  element?: SchemaLike;
  valueType?: SchemaLike;
}
interface SchemaLike {
  _zod: { def: SchemaDef };
}

export function knownKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  let node: SchemaLike | undefined = unwrap(schema as unknown as SchemaLike);
  for (const p of path) {
    if (!node) return [];
    const def: SchemaDef = node._zod.def;
    if (def.type === 'object' && typeof p === 'string') node = def.shape?.[p];
    else if (def.type === 'array') node = def.element;
    else if (def.type === 'record') node = def.valueType;
    else return [];
    node = node ? unwrap(node) : undefined;
  }
  const def = node?._zod.def;
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

function unwrap(s: SchemaLike): SchemaLike {
  let cur = s;
  for (let n = 0; n < 10; n++) {
    const def = cur._zod.def;
    const inner = def.type === 'pipe' ? (def.out?._zod.def.type === 'transform' ? def.in : def.out) : def.innerType;
    if (!inner || !['optional', 'default', 'nullable', 'pipe', 'prefault', 'readonly', 'catch', 'nonoptional'].includes(def.type)) return cur;
    cur = inner;
  }
  return cur;
}
