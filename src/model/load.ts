// Read a YAML or JSON file and validate it with a zod schema, reporting every problem of
// the file at once with its file:line:col and dotted path.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { LineCounter, isCollection, isScalar, parseDocument } from 'yaml';
import type * as z from 'zod';
import type { Issue, SourcePosition } from '../issues.js';
import { formatPath } from '../issues.js';

export interface Located<T> {
  value: T;
  file: string;
  /** Position of the node at a path (or of its nearest existing ancestor). */
  locate(path: readonly PropertyKey[]): SourcePosition;
}

export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel && !rel.startsWith('..') ? rel : file;
}

export function loadFile<S extends z.ZodType>(
  file: string,
  schema: S,
  what: string,
): { ok: true; file: Located<z.infer<S>> } | { ok: false; issues: Issue[] } {
  const shown = displayPath(file);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory, not a file' : code === 'EACCES' ? 'permission denied' : String(code ?? err);
    return { ok: false, issues: [{ code: 'file_unreadable', message: `cannot read ${what}: ${reason}`, source: { file: shown, line: 1, col: 1 } }] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const at = (offset: number): SourcePosition => {
    const p = lineCounter.linePos(offset);
    return { file: shown, line: p.line, col: p.col };
  };
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => ({
        code: 'yaml_syntax',
        message: `invalid ${/\.json$/i.test(file) ? 'JSON' : 'YAML'}: ${e.message.split('\n')[0]}`,
        source: at(e.pos[0]),
      })),
    };
  }
  const locate = (path: readonly PropertyKey[]): SourcePosition => {
    for (let n = path.length; n >= 0; n--) {
      const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n) as unknown[], true);
      if (node && (isScalar(node) || isCollection(node)) && node.range) return at(node.range[0]);
      // a key with a null value: point at the key
      if (n > 0 && n === path.length) {
        const parent = n === 1 ? doc.contents : doc.getIn(path.slice(0, n - 1) as unknown[], true);
        if (parent && isCollection(parent)) {
          const pair = (parent.items as unknown[]).find(
            (it): it is { key: { value: unknown; range?: [number, number, number] } } =>
              typeof it === 'object' && it !== null && 'key' in it && isScalar((it as { key: unknown }).key) && ((it as { key: { value: unknown } }).key.value === path[n - 1]),
          );
          if (pair?.key.range) return at(pair.key.range[0]);
        }
      }
    }
    return { file: shown, line: 1, col: 1 };
  };
  const raw: unknown = doc.toJS({ maxAliasCount: 1000 });
  if (raw === null || raw === undefined) {
    return { ok: false, issues: [{ code: 'empty_file', message: `${what} is empty`, source: { file: shown, line: 1, col: 1 } }] };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        code: `schema_${i.code}`,
        message: describeZodIssue(i, raw),
        path: formatPath(i.path) || undefined,
        source: locate(i.path),
      })),
    };
  }
  return { ok: true, file: { value: parsed.data as z.infer<S>, file: shown, locate } };
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = root;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

function show(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v.length > 60 ? `${v.slice(0, 57)}...` : v);
  if (v instanceof Date) return JSON.stringify(v.toISOString().slice(0, 10));
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'nothing';
  if (typeof v === 'object') return 'a mapping';
  return String(v);
}

function describeZodIssue(i: z.core.$ZodIssue, root: unknown): string {
  const got = valueAt(root, i.path);
  switch (i.code) {
    case 'invalid_type':
      if (got === undefined) return `required field is missing (expected ${i.expected})`;
      return `expected ${i.expected}, got ${show(got)}`;
    case 'unrecognized_keys':
      return `unknown field${i.keys.length > 1 ? 's' : ''} ${i.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_value':
      return `expected one of ${i.values.map((v) => JSON.stringify(v)).join(', ')}, got ${show(got)}`;
    case 'invalid_format':
    case 'custom':
      return got === undefined || typeof got === 'object' ? i.message : `${i.message}, got ${show(got)}`;
    default:
      return got === undefined ? i.message : `${i.message}, got ${show(got)}`;
  }
}
