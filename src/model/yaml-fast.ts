// The YAML that models and templates are written in, read straight to its value without a
// YAML document: parsing with the yaml library is the slowest step of exporting a small model
// (about 4 ms for the default model, more than computing and planning it), and a batch pays
// it for every model.
//
// What this reader takes: block mappings and sequences (a sequence may sit at its key's
// indentation; an item may start a mapping on its dash line), one-line flow mappings and
// sequences, plain scalars (keys: letters, digits and _ $ . - /), single- and double-quoted
// strings on one line, comments and blank lines. For anything else it returns undefined and
// the caller parses with the yaml library, which also reports every mistake: anchors and
// aliases, tags, block scalars (| >), plain or quoted scalars over several lines, flow
// collections over several lines, tabs, CR line ends, a byte-order mark, control characters,
// \x \u \U escapes, document markers and directives, quoted or complex keys, duplicate keys,
// a plain scalar with ": " in it, a top level that is not a mapping, an empty file.
//
// Where it returns a value, that value is the yaml library's (parseDocument with the YAML
// 1.2 core schema, then toJS): scalars resolve with the library's own tests in its order
// (null, bool, octal, decimal and hexadecimal int, .inf/.nan, exponent float, float) and its
// parseInt/parseFloat, map keys become strings as toJS makes them (String(key), null as '').
// test/model/yaml-fast.test.ts compares the two on every YAML file of the repository and on
// generated documents.

import { MAX_NESTING } from './nesting.js';

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

/** Thrown inside the reader when the text needs the yaml library. */
class NotFast extends Error {}
const notFast = (): never => {
  throw new NotFast();
};

// Text the reader leaves to the yaml library as a whole: tabs, CR, BOM, control characters,
// NEL and the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex
const UNSUPPORTED_CHARACTER = /[\t\r\uFEFF\x00-\x08\x0B\x0C\x0E-\x1F\x7F\x85\u2028\u2029]/;

/** The value of a YAML text, or undefined when the yaml library must read it. */
export function fastYamlValue(text: string): unknown {
  return read(text, undefined);
}

/**
 * Where each key and value of a text this reader takes sits: for each mapping and sequence of
 * `root` (a fresh reading of the text), its entries' key and value positions. Placing the
 * problems of a large model this way costs a second reading instead of the yaml library's
 * document (about 100 bytes of memory per byte of text, minutes for tens of megabytes).
 */
export interface FastPositions {
  root: unknown;
  /** Where the top-level mapping starts (its first key). */
  rootAt: number;
  /** Per collection: entry -> [key position, value position] (line * 1e7 + column, or -1). */
  entries: WeakMap<object, Map<PropertyKey, [number, number]>>;
}

export const encodePosition = (line: number, col: number): number => line * 1e7 + col;
export const decodePosition = (pos: number): { line: number; col: number } => ({ line: Math.floor(pos / 1e7), col: pos % 1e7 });

/** The positions of a text this reader takes, or undefined when the yaml library must read it. */
export function fastYamlPositions(text: string): FastPositions | undefined {
  const entries = new WeakMap<object, Map<PropertyKey, [number, number]>>();
  let rootAt = -1;
  const root = read(text, (container, key, keyAt, valueAt) => {
    let m = entries.get(container);
    if (!m) entries.set(container, (m = new Map()));
    m.set(key, [keyAt, valueAt]);
    if (keyAt >= 0 && (rootAt < 0 || keyAt < rootAt)) rootAt = keyAt; // the file's first key starts the top-level mapping
  });
  return root === undefined ? undefined : { root, rootAt, entries };
}


/** Records where an entry of a collection sits (positions encoded by encodePosition, or -1). */
type Record_ = (container: object, key: PropertyKey, keyAt: number, valueAt: number) => void;

function read(text: string, record: Record_ | undefined): unknown {
  if (UNSUPPORTED_CHARACTER.test(text)) return undefined;
  try {
    return new Reader(text, record).document();
  } catch (err) {
    if (err instanceof NotFast) return undefined;
    throw err;
  }
}

/** Where the text of an inline value starts: its line and the 0-based column of its first character. */
interface At {
  no: number;
  base: number;
  record: Record_ | undefined;
}

// The yaml library's core schema tests (yaml/dist/schema/core), in the order it tries them.
const NULL = /^(?:~|[Nn]ull|NULL)?$/;
const BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const INT_OCT = /^0o[0-7]+$/;
const INT = /^[-+]?[0-9]+$/;
const INT_HEX = /^0x[0-9a-fA-F]+$/;
const FLOAT_NAN = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const FLOAT_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the core schema, as the yaml library resolves it. */
export function plainScalar(s: string): null | boolean | number | string {
  if (NULL.test(s)) return null;
  if (BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (INT_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (INT.test(s)) return parseInt(s, 10);
  if (INT_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (FLOAT_NAN.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (FLOAT_EXP.test(s) || FLOAT.test(s)) return parseFloat(s);
  return s;
}

/** A plain key and the ": " (or ":" at the end) after it. */
const KEY = /^([A-Za-z0-9_$][A-Za-z0-9_$.\-/]*):(?: +|$)/;
/**
 * YAML 1.2 limits an implicit key to 1,024 characters, and the library counts them from
 * where the key's line starts (indentation included): keys anywhere near as long are left
 * to it.
 */
const MAX_KEY = 900;

/** The key of a KEY match, or notFast for one the library would refuse. */
function implicitKey(m: RegExpExecArray | null): string {
  if (!m || m[1]!.length > MAX_KEY) notFast();
  return keyString(m![1]!);
}

// the yaml library's double-quoted escapes (resolve-flow-scalar.js); \x \u \U are left to it
const ESCAPES: Record<string, string> = {
  '0': '\0',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  N: '\u0085',
  _: '\u00a0',
  L: '\u2028',
  P: '\u2029',
  ' ': ' ',
  '"': '"',
  '/': '/',
  '\\': '\\',
};

/** A line with content: its indentation and the text after it. */
interface Line {
  indent: number;
  text: string;
  /** 1-based line number. */
  no: number;
  /** The line's length with its trailing spaces (where an empty value at its end sits). */
  end: number;
}

class Reader {
  private readonly lines: Line[] = [];
  private at = 0;
  /** Collections open around the current line; past MAX_NESTING the library (and its depth check) takes over. */
  private depth = 0;

  constructor(
    text: string,
    private readonly record: Record_ | undefined,
  ) {
    let no = 0;
    for (const raw of text.split('\n')) {
      no++;
      const body = raw.replace(/ +$/, '');
      // only spaces indent: U+00A0 and other Unicode spaces are content (the library says so)
      const text = body.replace(/^ +/, '');
      // blank lines and whole-line comments carry nothing
      if (text === '' || text[0] === '#') continue;
      const indent = body.length - text.length;
      // document markers and directives
      if (indent === 0 && (text.startsWith('---') || text.startsWith('...') || text[0] === '%')) notFast();
      this.lines.push({ indent, text, no, end: raw.length });
    }
  }

  document(): Value {
    const first = this.lines[0];
    // an empty file, or a top level other than a mapping: the yaml library says what it is
    if (!first || first.indent !== 0 || isSequenceItem(first.text)) notFast();
    const value = this.mapping(0, null);
    if (this.at < this.lines.length) notFast();
    return value;
  }

  private peek(): Line | undefined {
    return this.lines[this.at];
  }

  /** The block node starting at the current line (deeper than `parent`), or null when there is none. */
  private nested(parent: number, sequenceAtParent: boolean): Value {
    const line = this.peek();
    if (line && line.indent > parent) return isSequenceItem(line.text) ? this.sequence(line.indent) : this.mapping(line.indent, null);
    // a sequence may sit at its key's own indentation
    if (sequenceAtParent && line && line.indent === parent && isSequenceItem(line.text)) return this.sequence(parent);
    return null;
  }

  /**
   * A block mapping whose keys are at `indent`. `first` is the text of its first entry when
   * that entry sits on a sequence item's dash line (`- id: x`); otherwise entries are lines.
   */
  private mapping(indent: number, first: string | null): Value {
    if (++this.depth > MAX_NESTING) notFast();
    const map: Record<string, Value> = {};
    let text = first;
    for (;;) {
      // (the first entry on a dash line sits on the line the sequence just took)
      let line = this.lines[this.at - 1];
      if (text === null) {
        line = this.peek();
        if (!line || line.indent < indent) break;
        if (line.indent > indent || isSequenceItem(line.text)) notFast();
        text = line.text;
        this.at++;
      }
      const no = line?.no ?? 0;
      const m = KEY.exec(text);
      const key = implicitKey(m);
      if (key === '__proto__' || Object.hasOwn(map, key)) notFast();
      const rest = text.slice(m![0].length);
      let value: Value;
      let valueAt = -1;
      if (rest === '' || rest[0] === '#') {
        const next = this.peek();
        value = this.nested(indent, true);
        // an empty value (`scale:`) sits where its comment starts, or at the end of its line, as the library places it
        valueAt = value !== null && next ? encodePosition(next.no, next.indent + 1) : encodePosition(no, rest === '' ? (line?.end ?? 0) + 1 : indent + m![0].length + 1);
      } else {
        valueAt = encodePosition(no, indent + m![0].length + 1);
        value = inlineValue(rest, this.depth, { no, base: indent + m![0].length, record: this.record });
        // more-indented lines after a scalar: a multi-line scalar or a mistake
        const next = this.peek();
        if (next && next.indent > indent) notFast();
      }
      map[key] = value;
      this.record?.(map, key, encodePosition(no, indent + 1), valueAt);
      text = null;
    }
    this.depth--;
    return map;
  }

  /** A block sequence whose dashes are at `indent`. */
  private sequence(indent: number): Value {
    if (++this.depth > MAX_NESTING) notFast();
    const items: Value[] = [];
    for (;;) {
      const line = this.peek();
      if (!line || line.indent < indent || !isSequenceItem(line.text)) break;
      if (line.indent > indent) notFast();
      this.at++;
      const after = line.text.slice(1);
      const content = after.replace(/^ +/, '');
      // the column the item's own content starts at
      const column = indent + 1 + (after.length - content.length);
      let valueAt = encodePosition(line.no, column + 1);
      if (content === '' || content[0] === '#') {
        const next = this.peek();
        const item = this.nested(indent, false);
        // (an empty item sits where its comment starts, or at the end of its line, as the library places it)
        if (item !== null && next) valueAt = encodePosition(next.no, next.indent + 1);
        else if (content === '') valueAt = encodePosition(line.no, line.end + 1);
        items.push(item);
      } else if (isSequenceItem(content)) notFast();
      else if (KEY.test(content)) items.push(this.mapping(column, content));
      else {
        items.push(inlineValue(content, this.depth, { no: line.no, base: column, record: this.record }));
        const next = this.peek();
        if (next && next.indent > indent) notFast();
      }
      this.record?.(items, items.length - 1, -1, valueAt);
    }
    this.depth--;
    return items;
  }
}

function isSequenceItem(text: string): boolean {
  return text[0] === '-' && (text.length === 1 || text[1] === ' ');
}

/** A map key as toJS makes it: the scalar's value as a string, null as ''. */
function keyString(plain: string): string {
  const v = plainScalar(plain);
  return v === null ? '' : String(v);
}

/** A value that fills the rest of a line (after `key: ` or `- `), with an optional comment after it. */
function inlineValue(text: string, depth: number, at: At): Value {
  const c = text[0]!;
  if (c === '{' || c === '[' || c === '"' || c === "'") {
    const r = c === '"' ? doubleQuoted(text, 0) : c === "'" ? singleQuoted(text, 0) : flow(text, 0, depth + 1, at);
    if (!restIsComment(text, r.end)) notFast();
    return r.value;
  }
  // indicators that start something this reader does not take (anchors, aliases, tags,
  // block scalars, ...) or a mistake; a dash only as a sign
  if ('&*!|>%@`,]}?:'.includes(c) || (c === '-' && (text.length === 1 || text[1] === ' '))) notFast();
  const hash = text.indexOf(' #');
  const plain = (hash < 0 ? text : text.slice(0, hash)).replace(/ +$/, '');
  // "a: b" would be a mapping, "a:" a key
  if (plain.includes(': ') || plain.endsWith(':')) notFast();
  return plainScalar(plain);
}

function restIsComment(text: string, from: number): boolean {
  let i = from;
  while (text[i] === ' ') i++;
  return i === text.length || (text[i] === '#' && i > from);
}

interface Parsed {
  value: Value;
  end: number;
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (text[i] === ' ') i++;
  return i;
}

/** A flow mapping or sequence on one line, from its opening bracket. */
function flow(text: string, start: number, depth: number, at: At): Parsed {
  if (depth > MAX_NESTING) notFast();
  const close = text[start] === '{' ? '}' : ']';
  const isMap = close === '}';
  const map: Record<string, Value> = {};
  const list: Value[] = [];
  let i = skipSpaces(text, start + 1);
  if (text[i] === close) return { value: isMap ? map : list, end: i + 1 };
  for (;;) {
    if (isMap) {
      const m = KEY.exec(text.slice(i));
      // a key needs ": " after it in flow too; "{ a }" and "{ a:1 }" are left to the library
      if (!m || !m[0].endsWith(' ')) notFast();
      const key = implicitKey(m);
      if (key === '__proto__' || Object.hasOwn(map, key)) notFast();
      const r = flowNode(text, i + m![0].length, depth, at);
      map[key] = r.value;
      at.record?.(map, key, encodePosition(at.no, at.base + i + 1), encodePosition(at.no, at.base + i + m![0].length + 1));
      i = r.end;
    } else {
      const r = flowNode(text, i, depth, at);
      list.push(r.value);
      at.record?.(list, list.length - 1, -1, encodePosition(at.no, at.base + i + 1));
      i = r.end;
    }
    i = skipSpaces(text, i);
    if (text[i] === close) return { value: isMap ? map : list, end: i + 1 };
    if (text[i] !== ',') notFast();
    i = skipSpaces(text, i + 1);
    // a trailing comma, or a collection that goes on past the line
    if (text[i] === close || i >= text.length) notFast();
  }
}

/** A value inside a flow collection. */
function flowNode(text: string, from: number, depth: number, at: At): Parsed {
  const c = text[from];
  if (c === undefined) notFast();
  if (c === '{' || c === '[') return flow(text, from, depth + 1, at);
  if (c === '"') return doubleQuoted(text, from);
  if (c === "'") return singleQuoted(text, from);
  // a plain scalar: starts with a letter, digit or one of _ $ . + ( / ~ and a sign only
  // before a character; ends at , ] or }. Colons and # are left to the library. (~ is null,
  // as in a printed table's [~, "1,234", ~].)
  if (!/^[A-Za-z0-9_$.+(/~]/.test(c!) && !(c === '-' && /^[A-Za-z0-9_$.]/.test(text[from + 1] ?? ''))) notFast();
  let i = from;
  while (i < text.length && text[i] !== ',' && text[i] !== ']' && text[i] !== '}') {
    const ch = text[i]!;
    if (ch === ':' || ch === '#' || ch === '[' || ch === '{') notFast();
    i++;
  }
  const plain = text.slice(from, i).replace(/ +$/, '');
  return { value: plainScalar(plain), end: i };
}

function doubleQuoted(text: string, start: number): Parsed {
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') return { value: out, end: i + 1 };
    if (ch === '\\') {
      const escaped = ESCAPES[text[i + 1] ?? ''];
      if (escaped === undefined) notFast();
      out += escaped;
      i++;
    } else out += ch;
  }
  // closed on a later line
  return notFast();
}

function singleQuoted(text: string, start: number): Parsed {
  let out = '';
  for (let i = start + 1; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "'") {
      if (text[i + 1] !== "'") return { value: out, end: i + 1 };
      out += "'";
      i++;
    } else out += ch;
  }
  return notFast();
}
