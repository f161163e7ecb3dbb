// Put numbers into a model file without disturbing anything else in it: comments, the order
// of keys, flow maps ({ 4Q02: 3341255, 4Q01: ... }), alignment, quoting. The yaml library's
// Document API finds each value's place in the text (its source range); the new number is
// written over exactly those characters, and a key the file lacks is added next to its
// siblings in their style. The result is parsed again and must equal the old content with
// the new values set; if it does not (an alias, a construct this cannot place), the yaml
// library writes the whole document instead (comments kept, spacing its own) and says so.
//
// JSON models go the same way (JSON is YAML's flow style): the number is replaced in place,
// a missing key is added to its object as "key": value; if that fails the file is written
// again with JSON.stringify and the indentation the file used.
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isPair, isScalar, parse, parseDocument } from 'yaml';
import { isDeepStrictEqual } from 'node:util';

export interface ValueEdit {
  path: readonly string[];
  value: number;
}

export interface EditedText {
  text: string;
  /** 'in place': only the values' characters changed; 'rewritten': the library wrote the file anew. */
  how: 'in place' | 'rewritten';
}

/** A number as YAML and JSON read it back: the shortest text that gives the same double. */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`not a finite number: ${n}`);
  return Object.is(n, -0) ? '0' : String(n);
}

interface Splice {
  at: number;
  end: number;
  text: string;
}

function keyText(key: string, json: boolean): string {
  if (json) return JSON.stringify(key);
  // a plain scalar when YAML reads it back as this string (or as a number that prints the same: 2002)
  return /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(key) && !/^(true|false|null|yes|no|on|off|~)$/i.test(key) ? key : JSON.stringify(key);
}

function nestedText(rest: readonly string[], value: number, json: boolean): string {
  let text = numberText(value);
  for (let i = rest.length - 1; i >= 1; i--) text = json ? `{${keyText(rest[i]!, json)}: ${text}}` : `{ ${keyText(rest[i]!, json)}: ${text} }`;
  return text;
}

function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p): p is Pair => isPair(p) && isScalar(p.key) && String(p.key.value) === key);
}

/** Column of a position: characters since the line's start. */
function columnOf(text: string, at: number): number {
  return at - (text.lastIndexOf('\n', at - 1) + 1);
}

/** Where one edit goes in the text, or null when this cannot place it. */
function placeEdit(doc: Document, text: string, edit: ValueEdit, json: boolean): Splice | null {
  let node: YamlNode | null = doc.contents as YamlNode | null;
  for (let i = 0; i < edit.path.length; i++) {
    if (!isMap(node) || !node.range) return null;
    const key = edit.path[i]!;
    const pair = findPair(node, key);
    if (!pair) {
      // add the key to this map, in its style
      const rest = edit.path.slice(i);
      const entry = `${keyText(key, json)}: ${nestedText(rest, edit.value, json)}`;
      const last = node.items[node.items.length - 1];
      if (node.flow) {
        const close = text.lastIndexOf('}', node.range[1] - 1);
        if (close < node.range[0]) return null;
        const lastEnd = last && isPair(last) ? ((last.value as YamlNode | null)?.range?.[1] ?? (last.key as YamlNode | null)?.range?.[1]) : undefined;
        if (lastEnd === undefined) return { at: close, end: close, text: json ? entry : ` ${entry} ` };
        return { at: lastEnd, end: lastEnd, text: `, ${entry}` };
      }
      if (json || !last || !isPair(last)) return null;
      const firstKey = (node.items[0] as Pair).key as YamlNode | null;
      if (!firstKey?.range) return null;
      const indent = ' '.repeat(columnOf(text, firstKey.range[0]));
      const end = (last.value as YamlNode | null)?.range?.[1] ?? (last.key as YamlNode | null)?.range?.[1];
      if (end === undefined) return null;
      const newline = text.indexOf('\n', Math.max(end - 1, 0));
      if (newline < 0) return { at: text.length, end: text.length, text: `\n${indent}${entry}\n` };
      return { at: newline + 1, end: newline + 1, text: `${indent}${entry}\n` };
    }
    const value = pair.value as YamlNode | null;
    if (isAlias(value)) return null;
    if (i === edit.path.length - 1) {
      if (isScalar(value) && value.range) {
        if (value.value !== null && typeof value.value !== 'number') return null;
        // an empty value (`4Q02:`): the number goes after the colon
        if (value.range[0] === value.range[1]) return { at: value.range[0], end: value.range[0], text: ` ${numberText(edit.value)}` };
        return { at: value.range[0], end: value.range[1], text: numberText(edit.value) };
      }
      return null;
    }
    if (isScalar(value) && value.value === null && value.range && value.range[0] === value.range[1] && !json) {
      // `revenue:` with nothing under it yet
      return { at: value.range[0], end: value.range[0], text: ` ${nestedText(edit.path.slice(i), edit.value, json)}` };
    }
    node = value;
  }
  return null;
}

function setIn(target: unknown, path: readonly string[], value: number): void {
  let o = target as Record<string, unknown>;
  for (const key of path.slice(0, -1)) {
    const next = o[key];
    if (typeof next !== 'object' || next === null) o[key] = {};
    o = o[key] as Record<string, unknown>;
  }
  o[path[path.length - 1]!] = value;
}

/** The model file's text with each edit's number set. */
export function editModelText(text: string, json: boolean, edits: readonly ValueEdit[]): EditedText {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) throw new Error(`the model file does not parse: ${doc.errors[0]!.message}`);
  const expected: unknown = doc.toJS();
  // -0 is written as 0 (numberText), and reads back as 0
  for (const e of edits) setIn(expected, e.path, e.value === 0 ? 0 : e.value);
  const readBack = (t: string): unknown => (json ? JSON.parse(t) : parse(t));

  // values already in the file are replaced all at once; each missing key is added in turn
  let current = text;
  let currentDoc = doc;
  const replacements: Splice[] = [];
  const additions: ValueEdit[] = [];
  for (const e of edits) {
    const s = placeEdit(currentDoc, current, e, json);
    if (s && s.end > s.at) replacements.push(s);
    else additions.push(e);
  }
  let placed = true;
  for (const s of replacements.sort((a, b) => b.at - a.at)) current = current.slice(0, s.at) + s.text + current.slice(s.end);
  for (const e of additions) {
    currentDoc = parseDocument(current);
    const s = placeEdit(currentDoc, current, e, json);
    if (!s) {
      placed = false;
      break;
    }
    current = current.slice(0, s.at) + s.text + current.slice(s.end);
  }
  try {
    if (placed && isDeepStrictEqual(readBack(current), expected)) return { text: current, how: 'in place' };
  } catch {
    // not parseable: fall through to writing it anew
  }
  if (json) {
    const indent = /\n([ \t]+)"/.exec(text)?.[1] ?? '  ';
    return { text: `${JSON.stringify(expected, null, indent)}\n`, how: 'rewritten' };
  }
  // the yaml library writes the document (comments kept); it cannot reach behind an alias
  try {
    for (const e of edits) doc.setIn(e.path, e.value === 0 ? 0 : e.value);
    const written = doc.toString();
    if (isDeepStrictEqual(parse(written), expected)) return { text: written, how: 'rewritten' };
  } catch {
    // reported below
  }
  throw new ModelEditError(`cannot place ${edits.map((e) => e.path.join('.')).join(', ')} in the model file (a YAML alias or anchor, or a value that is not a number, is in the way): change ${edits.length === 1 ? 'it' : 'them'} by hand`);
}

/** The values cannot be put into the file without losing what it says (a user's file to fix by hand: exit 2). */
export class ModelEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelEditError';
  }
}
