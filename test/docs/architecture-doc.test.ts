// docs/architecture.md lists every cache finbook keeps, and the state that is not one: each
// module-level `let`, and each module-level Map, WeakMap or Set that is filled as finbook runs,
// must stand on a line of it with its file and its name. A new cache is documented with what
// invalidates it, or this test fails.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/cli.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [join(dir, e.name)] : []));
}

/** Module-level state in a source text: `let` bindings, and collections made empty (not constant sets of values). */
export function moduleState(text: string): string[] {
  const names: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^(?:export )?(const|let) (\w+)\b(.*)$/.exec(line);
    if (!m) continue;
    const [, kind, name, rest] = m;
    if (kind === 'let' || /=\s*new (Weak)?(Map|Set)\b(<[^>]*>)?\(\)/.test(rest!) || /:\s*Nested\s*=\s*new Map\(\)/.test(rest!)) names.push(name!);
  }
  return names;
}

describe('docs/architecture.md, the caches', () => {
  const doc = readFileSync(join(ROOT, 'docs', 'architecture.md'), 'utf8').split('\n');

  it('finds module-level state, and leaves constant sets of values alone', () => {
    const text = ["const recent = new Map<string, string>();", "let root: string | undefined;", "const CODES = new Set(['A', 'B']);", "  const local = new Map();", 'const numbers: Nested = new Map();'].join('\n');
    expect(moduleState(text)).toEqual(['recent', 'root', 'numbers']);
  });

  it('names each, with its file, on one line', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(join(ROOT, 'src'))) {
      const path = relative(ROOT, file);
      for (const name of moduleState(readFileSync(file, 'utf8'))) if (!doc.some((l) => l.includes(`\`${path}\``) && l.includes(`\`${name}\``))) missing.push(`${path} ${name}`);
    }
    expect(missing).toEqual([]);
  });
});
