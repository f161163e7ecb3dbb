// exceljs' style registry (StylesXform: fonts, fills, borders, number formats and cell
// formats, each kept once, and xl/styles.xml made from them), remembered across the
// workbooks of a process. The registry is a pure function of the styles registered, in order:
// every id it hands out and the styles.xml it writes follow from that sequence alone. Workbooks
// of one template register the same sequence, so a process keeps a tree of the sequences seen,
// each step holding the id it gave, and each workbook walks the tree: a step seen before costs
// a lookup instead of building the style's XML to find it in the registry. Where a workbook
// leaves the tree, a real registry is brought to that point by replaying the steps, and goes
// on from there. The ids and the XML are exactly the registry's (test/generate/memory-writer.test.ts).
//
// Like the registry, a style object registered again gets its first id, whatever the cell
// type (exceljs remembers objects); only first registrations are steps of the sequence.
import type { Style } from 'exceljs';
import type { StylesRegistry as Registry } from './exceljs-internals.js';
import { StylesXform } from './exceljs-internals.js';

interface Step {
  /** Registers the step's style on a registry (replaying it on a copy of the style). */
  apply(registry: Registry, copy: boolean): number;
  /** What the registration returned. */
  id: number;
  parent: Step | null;
  next: Map<string, Step>;
  /** xl/styles.xml after the steps up to here. */
  xml?: string;
}

const root = (): Step => ({ apply: () => 0, id: 0, parent: null, next: new Map() });
let tree: Step = root();
let steps = 0;
/** The tree is started again past this many steps (a process writing very many different templates). */
const MAX_STEPS = 50_000;

/** The JSON of a style object, made once per object (the planner shares its style objects). */
const keys = new WeakMap<object, string>();

function keyOf(style: object): string {
  let k = keys.get(style);
  if (k === undefined) keys.set(style, (k = JSON.stringify(style)));
  return k;
}

const clone = <T>(style: T): T => JSON.parse(JSON.stringify(style)) as T;

/** The registry of one workbook: the subset of StylesXform exceljs' writers use. */
export class StyleRegistry {
  private at: Step = tree;
  /** A real registry at `at`, once the workbook has left the tree. */
  private live: Registry | null = null;
  /** Style objects registered in this workbook, and the id each got first. */
  private readonly seen = new Map<object, number>();

  addStyleModel(style: Partial<Style> | undefined, cellType?: number): number {
    if (!style) return 0;
    const known = this.seen.get(style);
    if (known !== undefined) return known;
    const id = this.step(`s${cellType ?? ''}|${keyOf(style)}`, (r, copy) => r.addStyleModel(copy ? clone(style) : style, cellType));
    this.seen.set(style, id);
    return id;
  }

  addDxfStyle(style: Partial<Style>): number {
    return this.step(`d|${keyOf(style)}`, (r, copy) => r.addDxfStyle(copy ? clone(style) : style));
  }

  get xml(): string {
    return (this.at.xml ??= this.registry().xml);
  }

  private step(key: string, apply: Step['apply']): number {
    let next = this.at.next.get(key);
    if (!next) {
      const registry = this.registry();
      next = { apply, id: apply(registry, false), parent: this.at, next: new Map() };
      this.at.next.set(key, next);
      steps++;
    }
    this.at = next;
    return next.id;
  }

  /** A registry in the state of `at`: the live one, or a new one the steps so far are replayed on. */
  private registry(): Registry {
    if (!this.live) {
      const path: Step[] = [];
      for (let s: Step | null = this.at; s?.parent; s = s.parent) path.unshift(s);
      const r = new StylesXform(true);
      for (const s of path) s.apply(r, true);
      this.live = r;
    }
    return this.live;
  }
}

/** A registry for the next workbook (the tree is kept for the process, within MAX_STEPS). */
export function styleRegistry(): StyleRegistry {
  if (steps > MAX_STEPS) {
    tree = root();
    steps = 0;
  }
  return new StyleRegistry();
}
