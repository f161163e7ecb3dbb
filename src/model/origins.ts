// Where each piece of a resolved template came from. A template that `extends:` another,
// a model's `template_changes:` and the per-period expansion build one template out of
// pieces of several files; every object copied keeps a pointer to its file and path, so a
// problem found later (by the schema or the compiler) is reported at the line that wrote it.
import type { SourcePosition } from '../issues.js';
import type { Located } from './load.js';

export interface Origin {
  loc: Pick<Located<unknown>, 'locate' | 'locateIn'>;
  path: PropertyKey[];
}

interface Entry extends Origin {
  /** Fields set by another file (e.g. a label changed by `change_lines`). */
  fields?: Record<string, Origin>;
}

export class Origins {
  private readonly map = new WeakMap<object, Entry>();

  set(obj: object, origin: Origin): void {
    this.map.set(obj, { loc: origin.loc, path: origin.path });
  }

  /** A copy (or an expanded clone) is located where its original is. */
  copy(from: object, to: object): void {
    const e = this.map.get(from);
    if (e) this.map.set(to, { ...e, ...(e.fields ? { fields: { ...e.fields } } : {}) });
  }

  setField(obj: object, field: string, origin: Origin): void {
    const e = this.map.get(obj);
    if (!e) return;
    e.fields = { ...(e.fields ?? {}), [field]: origin };
  }

  /** Register an object and everything below it, with paths relative to `path`. */
  registerTree(value: unknown, origin: Origin): void {
    if (value === null || typeof value !== 'object') return;
    if (!this.map.has(value)) this.set(value, origin);
    const entries: [PropertyKey, unknown][] = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    for (const [k, v] of entries) this.registerTree(v, { loc: origin.loc, path: [...origin.path, k] });
  }

  /** Source position of a path inside `root`: the deepest object on the path that has an origin. */
  locate(root: unknown, path: readonly PropertyKey[]): SourcePosition {
    const found = this.find(root, path);
    return found ? found.loc.locate(found.path) : { file: '?', line: 1, col: 1 };
  }

  /** Position of character `index` of the string at `path` (a formula's error position). */
  locateIn(root: unknown, path: readonly PropertyKey[], index: number): SourcePosition {
    const found = this.find(root, path);
    return found ? found.loc.locateIn(found.path, index) : { file: '?', line: 1, col: 1 };
  }

  /** The path, inside the file that wrote it, of the piece at `path`. */
  origin(root: unknown, path: readonly PropertyKey[]): PropertyKey[] | undefined {
    return this.find(root, path)?.path;
  }

  private find(root: unknown, path: readonly PropertyKey[]): Origin | undefined {
    let best: Origin | undefined;
    let rest = 0;
    let cur: unknown = root;
    for (let i = 0; i <= path.length; i++) {
      if (cur === null || typeof cur !== 'object') break;
      const e = this.map.get(cur);
      if (e) {
        best = e;
        rest = i;
      }
      if (i === path.length) break;
      const field = e?.fields?.[String(path[i])];
      if (field) {
        best = field;
        rest = i + 1;
      }
      cur = (cur as Record<PropertyKey, unknown>)[path[i]!];
    }
    return best ? { loc: best.loc, path: [...best.path, ...path.slice(rest)] } : undefined;
  }
}
