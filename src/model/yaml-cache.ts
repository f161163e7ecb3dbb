// Parsing YAML is the slowest step of a small export: the template and model of the default
// workbook take longer to parse, cold, than everything else finbook does with them. Two
// caches take that away without changing any result:
//
// - within a process, the parsed documents of the last few files (a batch of a thousand
//   models reads the same template a thousand times);
// - across processes, the value of a YAML file already read, stored as JSON under its text's
//   SHA-256 in finbook's node_modules/.cache/finbook (where build tools keep their caches;
//   FINBOOK_CACHE_DIR elsewhere, FINBOOK_CACHE=off not at all; never in HOME). JSON.parse gives the same value in a fraction of the
//   time; the YAML document, which knows where each value sits, is then parsed only if an
//   issue needs a position (load.ts). An edited file has another hash, so nothing is stale.
//
// Documents are only read after parsing (toJS() makes fresh values), so sharing them is safe.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Document } from 'yaml';
import { isScalar, LineCounter, parseDocument, visit, YAMLParseError } from 'yaml';
import { packageRoot } from '../cli/paths.js';

export interface ParsedYaml {
  doc: Document.Parsed;
  lineCounter: LineCounter;
}

const KEEP_DOCUMENTS = 4;
const recent = new Map<string, { text: string; parsed: ParsedYaml }>();

export function parseYaml(file: string, text: string): ParsedYaml {
  const hit = recent.get(file);
  recent.delete(file);
  let parsed = hit && hit.text === text ? hit.parsed : undefined;
  if (!parsed) {
    const lineCounter = new LineCounter();
    // the library's own duplicate-key check compares each key with every key before it (a
    // mapping of 30,000 keys took minutes); the same check, linear, is made here instead
    const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false, strict: true });
    doc.errors.push(...duplicateKeys(doc));
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
    parsed = { doc, lineCounter };
  }
  // most recently used last; the oldest goes first
  recent.set(file, { text, parsed });
  if (recent.size > KEEP_DOCUMENTS) recent.delete(recent.keys().next().value!);
  return parsed;
}

/**
 * A key given twice in one mapping, as the library reports it with `uniqueKeys: true`: keys
 * are the same when they are scalars of equal value (its default test), placed at the second.
 */
function duplicateKeys(doc: Document.Parsed): YAMLParseError[] {
  const errors: YAMLParseError[] = [];
  visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        const value = pair.key.value;
        if (seen.has(value)) errors.push(new YAMLParseError(pair.key.range ? [pair.key.range[0], pair.key.range[1]] : [0, 0], 'DUPLICATE_KEY', 'Map keys must be unique'));
        else seen.add(value);
      }
    },
  });
  return errors;
}

/**
 * Whether this process adds to the store. A batch's workers only read it: their models are
 * mostly new each time, and the store is for files exported again and again.
 */
let storing = true;

export function storeNewYamlValues(on: boolean): void {
  storing = on;
}

/** Files smaller than this parse faster than a cache lookup pays for. */
const MIN_CACHED_TEXT = 4096;
const MAX_ENTRIES = 256;
/** Part of every key: change it when the values the parser gives could change. */
const FORMAT = 'finbook yaml value 1; yaml 2, YAML 1.2 core schema, toJS';

function cacheDir(): string | null {
  if (process.env.FINBOOK_CACHE === 'off') return null;
  return process.env.FINBOOK_CACHE_DIR ?? join(packageRoot(), 'node_modules', '.cache', 'finbook');
}

function entryPath(text: string): string | null {
  const dir = text.length >= MIN_CACHED_TEXT ? cacheDir() : null;
  return dir && join(dir, `${createHash('sha256').update(FORMAT).update('\n').update(text).digest('hex')}.json`);
}

/** The value of a YAML text read before, or undefined. */
export function storedYamlValue(text: string): unknown {
  const path = entryPath(text);
  if (!path) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined; // not stored yet (or unreadable): parse the YAML
  }
}

/** Keep the value of a YAML text that parsed without errors, if JSON holds it exactly. */
export function storeYamlValue(text: string, value: unknown): void {
  const path = storing ? entryPath(text) : null;
  if (!path || !jsonExact(value)) return;
  try {
    mkdirSync(join(path, '..'), { recursive: true, mode: 0o700 });
    const temp = `${path}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(value));
    renameSync(temp, path);
    prune(join(path, '..'));
  } catch {
    // a cache that cannot be written only costs time
  }
}

/** Values JSON gives back unchanged: no Infinity, NaN or -0, no Dates, no __proto__ keys. */
function jsonExact(v: unknown): boolean {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v) && !Object.is(v, -0);
  if (Array.isArray(v)) return v.every(jsonExact);
  if (typeof v !== 'object' || Object.getPrototypeOf(v) !== Object.prototype || Object.hasOwn(v, '__proto__')) return false;
  return Object.values(v).every(jsonExact);
}

/** Past MAX_ENTRIES, the older half goes (so pruning is rare however many files are read). */
function prune(dir: string): void {
  const names = readdirSync(dir).filter((n) => n.endsWith('.json'));
  if (names.length <= MAX_ENTRIES) return;
  const byAge = names.map((n) => ({ path: join(dir, n), mtime: statSync(join(dir, n)).mtimeMs })).sort((a, b) => a.mtime - b.mtime);
  for (const e of byAge.slice(0, names.length - MAX_ENTRIES / 2)) unlinkSync(e.path);
}
