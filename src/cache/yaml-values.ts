// Parsing YAML is the slowest step of a small export: the template and model of the default
// workbook take longer to parse, cold, than everything else finbook does with them. This
// store keeps the value of a YAML file already read, as JSON, in finbook's
// node_modules/.cache/finbook (where build tools keep their caches; FINBOOK_CACHE_DIR
// elsewhere, FINBOOK_CACHE=off not at all; never in HOME). JSON.parse gives the same value in
// a fraction of the time; the YAML document, which knows where each value sits, is then
// parsed only if an issue needs a position (src/model/load.ts).
//
// An entry's name is the SHA-256 of the text and of the identity of the code that parsed it:
// the build (dist/build-id, the hash of the bundles, written by scripts/build.mjs), or, run
// from source, the reader's own files and the yaml library's version. An edited file, a fixed
// reader or an upgraded library finds no entry of its own and parses the text anew.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { packageRoot } from '../package-root.js';
import type { ParsedValueStore } from '../model/value-store.js';

/** Files smaller than this parse faster than a lookup pays for. */
const MIN_CACHED_TEXT = 4096;
const MAX_ENTRIES = 256;
/** The files that turn a YAML text into its value, when finbook runs from source. */
const READER_SOURCES = ['src/model/yaml-fast.ts', 'src/model/load.ts', 'node_modules/yaml/package.json'];

let identity: string | null | undefined;

/** The identity of the code that parses: the build's id, or a hash of the reader's sources; null when unknown. */
export function readerIdentity(): string | null {
  if (identity !== undefined) return identity;
  const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));
  const buildId = join(here, 'build-id');
  try {
    if (existsSync(buildId)) return (identity = `build ${readFileSync(buildId, 'utf8').trim()}`);
    const hash = createHash('sha256');
    for (const f of READER_SOURCES) hash.update(f).update('\0').update(readFileSync(join(packageRoot(), f))).update('\0');
    return (identity = `source ${hash.digest('hex')}`);
  } catch {
    return (identity = null); // no identity, no store
  }
}

function cacheDir(): string | null {
  if (process.env.FINBOOK_CACHE === 'off') return null;
  return process.env.FINBOOK_CACHE_DIR ?? join(packageRoot(), 'node_modules', '.cache', 'finbook');
}

function entryPath(text: string): string | null {
  if (text.length < MIN_CACHED_TEXT) return null;
  const dir = cacheDir();
  const id = dir && readerIdentity();
  return dir && id ? join(dir, `${createHash('sha256').update(id).update('\n').update(text).digest('hex')}.json`) : null;
}

/**
 * The store on disk. `storing`: whether this process adds to it; a batch's workers only read
 * it (their models are mostly new each time, and the store is for files exported again and again).
 */
export function diskValueStore(storing: boolean): ParsedValueStore {
  return {
    get(text) {
      const path = entryPath(text);
      if (!path) return undefined;
      try {
        return JSON.parse(readFileSync(path, 'utf8')) as unknown;
      } catch {
        return undefined; // not stored yet (or unreadable): parse the YAML
      }
    },
    put(text, value) {
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
    },
  };
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
