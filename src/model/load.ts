// Read a YAML or JSON file and validate it with a zod schema, reporting every problem of
// the file at once with its file:line:col and dotted path.
import { relative } from 'node:path';
import type { Document, Node as YamlNode, Pair, YAMLMap } from 'yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, visit } from 'yaml';
import type * as z from 'zod';
import { cellTextProblem } from '../compile/excel-limits.js';
import type { Issue, SourcePosition } from '../issues.js';
import { formatPath, sortIssues } from '../issues.js';
import { parseJsonStrictly, parseJsonTaking } from './json-source.js';
import type { ParsedYaml } from './yaml-document.js';
import { parseYaml } from './yaml-document.js';
import { parsedValueStore } from './value-store.js';
import { fastYamlValue } from './yaml-fast.js';
import type { FastLocator } from './fast-locate.js';
import { fastLocator } from './fast-locate.js';
import type { JsonLocator } from './json-locate.js';
import { jsonLocator } from './json-locate.js';
import { describeZodIssues, knownKeys } from './zod-messages.js';
import { MAX_NESTING, tooDeep } from './nesting.js';
import { readInputText } from '../input/text.js';
import { optimizeAsUsual } from '../v8-tiering.js';

export interface Located<T> {
  value: T;
  file: string;
  /** Position of the node at a path (or of its nearest existing ancestor). */
  locate(path: readonly PropertyKey[]): SourcePosition;
  /**
   * Position of character `index` of the string at `path` (a formula's error position),
   * wherever YAML put it: plain, quoted, block or folded. Falls back to locate(path).
   */
  locateIn(path: readonly PropertyKey[], index: number): SourcePosition;
}

/** Where a file was named, so a file that cannot be read is reported at its reference. */
export interface Reference {
  source: SourcePosition;
  path: string;
}

/**
 * A part of a file's value taken without zod when it is exactly what the schema accepts
 * (compact-values.ts: a model's values), for time and memory; `take` returns undefined for
 * anything else, which zod then validates and reports as before.
 */
export interface BulkField {
  key: string;
  take(value: unknown): unknown;
  /** The field read from a JSON file's text at `from` instead, and where it ends (json-values.ts). */
  takeJson?(text: string, from: number): { value: unknown; end: number } | undefined;
}

/** A file this large is not kept in memory once loaded: it is read again to place a problem. */
const KEEP_TEXT_BYTES = 1 << 20;

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export function loadFile<S extends z.ZodType>(
  file: string,
  schema: S,
  what: string,
  from?: Reference,
  /** The file's text, when the caller has read it already. */
  given?: string,
  bulk?: BulkField,
): { ok: true; file: Located<z.infer<S>> } | { ok: false; issues: Issue[] } {
  const shown = displayPath(file);
  const start = { file: shown, line: 1, col: 1 };
  let text: string;
  if (given !== undefined) text = given;
  else {
    const read = readInputText(file);
    if (!read.ok) {
      // an encoding error is placed in the file; a file that cannot be read at its reference
      const issue: Issue = read.at
        ? { code: read.code, message: `cannot read ${what}: ${read.reason}`, source: { file: shown, ...read.at } }
        : from
          ? { code: read.code, message: `cannot read ${what} ${shown}: ${read.reason}`, path: from.path, source: from.source }
          : { code: read.code, message: `cannot read ${what}: ${read.reason}`, source: start };
      return { ok: false, issues: [issue] };
    }
    text = read.text;
  }
  // the text the positions are found in: a large file's is let go once it has loaded, and
  // read again if a problem found later needs a position (a file changed meanwhile gives
  // positions at its start rather than wrong ones)
  let held: string | undefined = text;
  const size = text.length;
  // a file this large takes seconds to load, compute and write: TurboFan repays itself (v8-tiering.ts)
  if (size > KEEP_TEXT_BYTES) optimizeAsUsual();
  const sourceText = (): string => {
    if (held !== undefined) return held;
    const again = readInputText(file);
    return (held = again.ok && again.text.length === size ? again.text : '');
  };
  // plain JSON (json-source.ts), YAML read before (value-store.ts), or YAML of the plain kind
  // models and templates are written in (yaml-fast.ts) skips the YAML document until an
  // issue needs a position
  const json = /\.json$/i.test(file);
  // (each stops past MAX_NESTING: the JSON check and the fast reader give up, and a value
  // stored was read within it)
  const store = json ? null : parsedValueStore();
  const stored = store?.get(text);
  const fast = json || stored !== undefined ? undefined : fastYamlValue(text);
  // a JSON file's bulk field is read from its text, without JSON.parse's objects for it
  const jsonTaken = json && bulk?.takeJson ? parseJsonTaking(text, bulk.key, (t, from) => bulk.takeJson!(t, from)) : undefined;
  const known = json ? (jsonTaken ? jsonTaken.value : parseJsonStrictly(text)) : (stored ?? fast);
  // the yaml library recurses once per level: a file nested thousands deep is refused before it runs
  const deep = known === undefined ? tooDeep(text) : undefined;
  if (deep) return { ok: false, issues: [{ code: 'too_deep', message: `${what} nests deeper than ${MAX_NESTING} levels (mappings, lists and brackets) here; finbook reads files nested up to ${MAX_NESTING} deep`, source: { file: shown, ...deep } }] };
  let yaml: ParsedYaml | undefined;
  const document = (): Document.Parsed => (yaml ??= parseYaml(file, sourceText())).doc;
  const doc = known === undefined ? document() : undefined;
  const at = (offset: number): SourcePosition => {
    const p = yaml!.lineCounter.linePos(offset);
    return { file: shown, line: p.line, col: p.col };
  };
  if (doc && doc.errors.length > 0) {
    const kind = /\.json$/i.test(file) ? 'JSON' : 'YAML';
    const issues = doc.errors.map((e) => ({ code: 'yaml_syntax' as const, message: `invalid ${kind}: ${syntaxMessage(e.code, e.message, sourceText(), e.pos[0])}`, source: at(e.pos[0]) }));
    // after a syntax error the parser often trips again on the same line: say it once per line
    const lines = new Set<number>();
    return { ok: false, issues: sortIssues(issues.filter((i) => !lines.has(i.source.line) && lines.add(i.source.line))) };
  }
  // a file the fast reader takes is placed from the positions it records, a JSON file from its
  // text (json-locate.ts); the document only for the rest
  let fast_: FastLocator | null | undefined;
  const fastAt = (): FastLocator | null => (fast_ === undefined ? (fast_ = (!doc && (json ? jsonAt() : fastLocator(sourceText()))) || null) : fast_);
  let json_: JsonLocator | undefined;
  const jsonAt = (): JsonLocator | undefined => (json && !doc ? (json_ ??= jsonLocator(sourceText())) : undefined);
  const locate = (path: readonly PropertyKey[]): SourcePosition => {
    const f = fastAt();
    if (f) return { file: shown, ...f.locate(path) };
    for (let n = path.length; n >= 0; n--) {
      const found = nodeAt(document(), path.slice(0, n));
      if (found.value?.range) return at(found.value.range[0]);
      // a key with no value (`scale:`): point at the key
      if (found.key?.range) return at(found.key.range[0]);
    }
    return start;
  };
  const locateKey = (path: readonly PropertyKey[]): SourcePosition => {
    const f = fastAt();
    if (f) {
      const key = f.locateKey(path);
      return key ? { file: shown, ...key } : locate(path);
    }
    const found = nodeAt(document(), path);
    return found.key?.range ? at(found.key.range[0]) : locate(path);
  };
  const locateIn = (path: readonly PropertyKey[], index: number): SourcePosition => {
    const j = jsonAt();
    if (j) {
      const string = j.stringAt(path);
      return string ? { file: shown, ...j.position(sourceOffset(sourceText(), string.from, string.to, string.value, index)) } : locate(path);
    }
    const node = nodeAt(document(), path).value;
    if (!node || !isScalar(node) || typeof node.value !== 'string' || !node.range) return locate(path);
    return at(sourceOffset(sourceText(), node.range[0], node.range[1], node.value, index));
  };

  let raw: unknown = known;
  if (doc) {
    const expanded = expandAliases(doc, what);
    if (!expanded.ok) return { ok: false, issues: [{ ...expanded.issue, source: expanded.at === undefined ? start : at(expanded.at) }] };
    raw = expanded.value;
  }
  if (store && stored === undefined) store.put(text, raw);
  if (raw === null || raw === undefined) return { ok: false, issues: [{ code: 'empty_file', message: `${what} is empty`, source: start }] };
  const marker = knownKeys(schema, []).find((k) => k.startsWith('finbook_'));
  const otherMarker = marker && isRecord(raw) && !(marker in raw) ? Object.keys(raw).find((k) => k.startsWith('finbook_') && k !== marker) : undefined;
  if (otherMarker) {
    const message = `this file is a finbook ${otherMarker.slice('finbook_'.length)} (it has ${otherMarker}), not ${what}, which starts with ${marker}: 1`;
    return { ok: false, issues: [{ code: 'wrong_file_kind', message, path: otherMarker, source: locateKey([otherMarker]) }] };
  }

  // a bulk field the schema would take as it is skips zod (and holds no text to check)
  const taken = jsonTaken ? jsonTaken.taken : bulk && isRecord(raw) && raw[bulk.key] !== undefined ? bulk.take(raw[bulk.key]) : undefined;
  const checked = taken !== undefined ? { ...(raw as Record<string, unknown>), [bulk!.key]: undefined } : raw;
  const issues: Issue[] = textIssues(checked, (path, index) => locateIn(path, index));
  const parsed = schema.safeParse(checked);
  if (parsed.success && taken !== undefined) (parsed.data as Record<string, unknown>)[bulk!.key] = taken;
  if (!parsed.success) {
    for (const d of describeZodIssues(parsed.error.issues, raw, schema, what)) {
      const source = d.code === 'schema_unknown_key' ? locateKey(d.path) : locate(d.path);
      issues.push({ code: d.code, message: d.message, path: formatPath(d.path) || undefined, source });
    }
  }
  if (issues.length > 0) return { ok: false, issues: sortIssues(issues) };
  if (given === undefined && size > KEEP_TEXT_BYTES && !yaml) held = undefined;
  return { ok: true, file: { value: parsed.data as z.infer<S>, file: shown, locate, locateIn } };
}

/** Most values an alias may stand for, counted as the yaml library counts them (its alias-bomb guard). */
const MAX_ALIAS_COUNT = 1000;

/**
 * The document's value with aliases expanded, within bounds: an alias may not stand for more
 * than MAX_ALIAS_COUNT values ("billion laughs"), and may not contain itself (which would
 * make the value endless). Placed at the first alias.
 */
function expandAliases(doc: Document.Parsed, what: string): { ok: true; value: unknown } | { ok: false; issue: Omit<Issue, 'source'>; at: number | undefined } {
  let first: number | undefined;
  visit(doc, {
    Alias(_, node) {
      first = node.range?.[0];
      return visit.BREAK;
    },
  });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (err) {
    if (!(err instanceof ReferenceError)) throw err;
    return { ok: false, issue: { code: 'yaml_alias_limit', message: `invalid YAML in ${what}: its aliases (*name) expand to too many values (${err.message.replace(/\.$/, '')}); write the values out instead` }, at: first };
  }
  if (first !== undefined && !withinDepth(value, 0, new Set()))
    return { ok: false, issue: { code: 'yaml_alias_cycle', message: `invalid YAML in ${what}: an alias (*name) stands inside the value it names, or nests it deeper than ${MAX_NESTING} levels` }, at: first };
  return { ok: true, value };
}

/** Whether a value nests at most MAX_NESTING deep (a value containing itself never does). */
function withinDepth(v: unknown, depth: number, path: Set<unknown>): boolean {
  if (typeof v !== 'object' || v === null) return true;
  if (depth >= MAX_NESTING || path.has(v)) return false;
  path.add(v);
  const ok = (Array.isArray(v) ? v : Object.values(v)).every((x) => withinDepth(x, depth + 1, path));
  path.delete(v);
  return ok;
}

function syntaxMessage(code: string, message: string, text: string, pos: number): string {
  if (code === 'DUPLICATE_KEY') {
    const key = /^["']?([^"':\n]*)/.exec(text.slice(pos))?.[1]?.trim();
    if (key) return `the key '${key}' appears twice in this mapping`;
  }
  // the parser's own text, without its position (given in front) and source excerpt
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Every string of the file ends up in a cell or the file's properties: check it against XML and Excel. */
function textIssues(raw: unknown, locateIn: (path: PropertyKey[], index: number) => SourcePosition): Issue[] {
  const issues: Issue[] = [];
  const visit = (v: unknown, path: PropertyKey[]): void => {
    if (typeof v === 'string') {
      const problem = cellTextProblem(v);
      if (!problem) return;
      const index = problem.startsWith('contains') ? Number(/position (\d+)/.exec(problem)?.[1] ?? 1) - 1 : 0;
      issues.push({ code: problem.startsWith('contains') ? 'control_character' : 'text_too_long', message: problem, path: formatPath(path) || undefined, source: locateIn(path, index) });
    } else if (Array.isArray(v)) v.forEach((x, i) => holdsText(x) && visit(x, [...path, i]));
    else if (isRecord(v)) for (const [k, x] of Object.entries(v)) if (holdsText(x)) visit(x, [...path, k]);
  };
  // numbers are most of a large model: no path for them
  const holdsText = (x: unknown): boolean => typeof x === 'string' || (typeof x === 'object' && x !== null);
  visit(raw, []);
  return issues;
}

interface Found {
  key?: YamlNode;
  value?: YamlNode;
}

/**
 * A mapping's pairs by their key's text, made once per mapping: placing every problem of a
 * file with thousands of them looks up thousands of keys (the first of equal keys wins, as a
 * search in order would find it).
 */
const pairIndex = new WeakMap<YAMLMap, Map<string, Pair>>();

/** A scalar key as the value's object has it: a null key (`null:`, `~:`) is "" there, as the yaml library converts it. */
export function jsKey(key: unknown): string {
  return key === null ? '' : String(key);
}

function pairsByKey(map: YAMLMap): Map<string, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const it of map.items) if (isPair(it) && isScalar(it.key) && !index.has(jsKey(it.key.value))) index.set(jsKey(it.key.value), it);
    pairIndex.set(map, index);
  }
  return index;
}

/** The key and value nodes at a path; keys match by their text, so `2002:` is found as '2002'. */
function nodeAt(doc: Document, path: readonly PropertyKey[]): Found {
  let found: Found = { value: (doc.contents ?? undefined) as YamlNode | undefined };
  for (const p of path) {
    let node = found.value;
    if (node && isAlias(node)) node = node.resolve(doc) as YamlNode | undefined;
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(p));
      if (!pair) return {};
      found = { key: pair.key as YamlNode, value: (pair.value ?? undefined) as YamlNode | undefined };
    } else if (isSeq(node) && typeof p === 'number') {
      const item = node.items[p];
      found = { value: (item ?? undefined) as YamlNode | undefined };
    } else return {};
  }
  return found;
}

/**
 * Map a character of a scalar's value back to the file. The value's characters other than
 * white space appear in the source in the same order (quotes, escapes, block indentation
 * and folding only add or change white space and quoting), so a greedy walk aligns them.
 */
const ESCAPE_LENGTH: Record<string, number> = { x: 4, u: 6, U: 10 };

export function sourceOffset(text: string, from: number, to: number, value: string, index: number): number {
  let src = from;
  for (let i = 0; i < value.length && i <= index; i++) {
    const ch = value[i]!;
    if (/\s/.test(ch)) continue;
    let found = text.indexOf(ch, src);
    let next = found + 1;
    if (found < 0 || found >= to) {
      // a character written as an escape in a double-quoted string: "\a", "\x07", "\u0007"
      found = text.indexOf('\\', src);
      if (found < 0 || found >= to) return from;
      next = found + (ESCAPE_LENGTH[text[found + 1] ?? ''] ?? 2);
    }
    if (i === index) return found;
    src = next;
  }
  // the index points at white space or past the end: just after the previous character
  return Math.min(src, to);
}
