// Lines a company does not use. The rule (docs/templates.md, "Optional lines"):
//   - an input line marked `optional: true` that the model gives no value for (no entry,
//     or only empty values) is dropped from the workbook;
//   - a formula line marked `optional: true` is dropped when every line its formula names
//     is dropped (a subtotal of nothing: it is 0), or when every optional line it names is
//     dropped and no other line, check or chart refers to it (it would only repeat a
//     figure shown elsewhere: "attributable to the company" without NCI);
//   - a heading marked `optional: true` is dropped when every line under it is dropped (it
//     reaches to the next heading or blank line, or up to a line styled total or net);
//   - every formula and check that named a dropped line is rewritten: the reference becomes
//     0, and a range a:b shrinks to the lines that remain (0 when none remain).
//   - an optional line of a drivers sheet (Assumptions) that no line of another sheet, check,
//     chart or key figure uses, directly or through other lines of the sheet, is dropped:
//     the driver of a statement line the model leaves out;
// An optional line with a value for one period needs values for all of them, like any input.
// A forecast line that is an input in the actual periods (`input_for: [actual]`) counts as an
// input line: the model's actual figures decide whether the company has it.
import { periodIdsOf } from './compact-values.js';
import type { Node, RefNode } from '../expr/ast.js';
import { children, walk } from '../expr/ast.js';
import { parseFormula } from '../expr/parser.js';
import type { Model } from './schema.js';
import type { Raw, RawTemplate } from './extends.js';
import { copyArray, isRecord } from './extends.js';

export interface LineSlot {
  sheet: string;
  id: string | undefined;
  line: Raw;
  /** Index of the line in its sheet, across tables (the order ranges a:b follow). */
  order: number;
}

/** A line whose figures the model gives: an input line, or one that is an input in every actual period. */
function isInput(line: Raw): boolean {
  if (line.formula !== undefined) return false;
  return line.formula_for === undefined || (Array.isArray(line.input_for) && line.input_for.includes('actual'));
}

function formulasOf(line: Raw): string[] {
  const out: string[] = [];
  if (typeof line.formula === 'string') out.push(line.formula);
  if (isRecord(line.formula_for)) for (const f of Object.values(line.formula_for)) if (typeof f === 'string') out.push(f);
  return out;
}

function tablesOf(sheet: Raw): Raw[] {
  return Array.isArray(sheet.tables) ? sheet.tables.filter(isRecord) : [sheet];
}

function tryParse(text: string): Node | null {
  try {
    return parseFormula(text);
  } catch {
    return null; // reported by the compiler, at its place
  }
}

/** References and ranges of a formula, in text order (a range, not its two ends). */
function refsOf(node: Node): (RefNode | Extract<Node, { kind: 'range' }>)[] {
  const out: (RefNode | Extract<Node, { kind: 'range' }>)[] = [];
  const ends = new Set<Node>();
  walk(node, (n) => {
    if (n.kind === 'range') {
      out.push(n);
      ends.add(n.from).add(n.to);
    } else if (n.kind === 'ref' && !ends.has(n)) out.push(n);
  });
  return out;
}

/** Optional lines the model does not use, dropped with every reference to them rewritten. */
export function dropUnusedLines(t: RawTemplate, values: Model['values']): { template: RawTemplate; dropped: string[] } {
  const hasValues = (slot: LineSlot): boolean => periodIdsOf(values[slot.sheet]?.[slot.id!] ?? {}).length > 0;
  return dropLines(t, (slot) => slot.line.optional === true && isInput(slot.line) && !hasValues(slot));
}

/** Lines chosen by `seed`, dropped as optional lines are: with what only they feed, and every reference rewritten. */
export function dropLines(t: RawTemplate, seed: (slot: LineSlot) => boolean): { template: RawTemplate; dropped: string[] } {
  const { origins } = t;
  const sheets = Array.isArray(t.root.sheets) ? t.root.sheets.filter(isRecord) : [];
  const bySheet = new Map<string, LineSlot[]>();
  for (const s of sheets) {
    const slots: LineSlot[] = [];
    for (const tb of tablesOf(s)) for (const l of Array.isArray(tb.lines) ? tb.lines : []) if (isRecord(l)) slots.push({ sheet: String(s.id), id: typeof l.id === 'string' ? l.id : undefined, line: l, order: slots.length });
    bySheet.set(String(s.id), slots);
  }
  const find = (sheet: string, id: string): LineSlot | undefined => bySheet.get(sheet)?.find((x) => x.id === id);
  const dropped = new Set<LineSlot>();
  for (const slots of bySheet.values()) for (const slot of slots) if (slot.id && seed(slot)) dropped.add(slot);
  if (dropped.size === 0) return { template: t, dropped: [] };

  /** Lines a reference or range names, resolved against `sheet` for unqualified names. */
  const named = (r: RefNode | Extract<Node, { kind: 'range' }>, sheet: string | null): LineSlot[] => {
    if (r.kind === 'ref') {
      const s = r.sheet ?? sheet;
      const hit = s ? find(s, r.line) : undefined;
      return hit ? [hit] : [];
    }
    const s = r.from.sheet ?? sheet;
    const a = s ? find(s, r.from.line) : undefined;
    const b = s ? find(r.to.sheet ?? s, r.to.line) : undefined;
    if (!a || !b || a.sheet !== b.sheet) return [...(a ? [a] : []), ...(b ? [b] : [])];
    return bySheet.get(a.sheet)!.filter((x) => x.id && x.order >= a.order && x.order <= b.order);
  };

  // optional formula lines, until nothing more drops
  const namesOf = (slot: LineSlot): LineSlot[] =>
    formulasOf(slot.line).flatMap((f) => {
      const node = tryParse(f);
      return node ? refsOf(node).flatMap((r) => named(r, slot.sheet)) : [];
    });
  const checkNames = (Array.isArray(t.root.checks) ? t.root.checks.filter(isRecord) : []).flatMap((c) =>
    [c.left, c.right, c.printed].flatMap((f) => {
      const node = typeof f === 'string' ? tryParse(f) : null;
      return node ? refsOf(node).flatMap((r) => named(r, null)) : [];
    }),
  );
  const elsewhere = JSON.stringify([t.root.charts ?? null, t.root.key_figures ?? null]);
  const referenced = (slot: LineSlot): boolean =>
    checkNames.includes(slot) ||
    elsewhere.includes(`${slot.sheet}.${slot.id}`) ||
    [...bySheet.values()].some((slots) => slots.some((x) => x !== slot && !dropped.has(x) && namesOf(x).includes(slot)));
  for (let changed = true; changed; ) {
    changed = false;
    for (const slots of bySheet.values())
      for (const slot of slots) {
        if (dropped.has(slot) || slot.line.optional !== true || !slot.id || isInput(slot.line)) continue;
        const names = namesOf(slot);
        const optional = names.filter((x) => x.line.optional === true);
        // (i) everything it adds up is gone: it is 0, and references to it become 0;
        // (ii) only repeats a figure shown elsewhere, and nothing refers to it
        const zero = names.length > 0 && names.every((x) => dropped.has(x));
        const repeats = optional.length > 0 && optional.every((x) => dropped.has(x)) && !referenced(slot);
        if (zero || repeats) {
          dropped.add(slot);
          changed = true;
        }
      }
  }
  // drivers sheets: optional lines nothing outside the sheet uses (a driver whose line is gone)
  const driverSheets = new Set(sheets.filter((s) => s.drivers === true).map((s) => String(s.id)));
  if (driverSheets.size > 0) {
    const used = new Set<LineSlot>();
    const queue: LineSlot[] = [];
    const use = (x: LineSlot): void => {
      if (driverSheets.has(x.sheet) && !dropped.has(x) && !used.has(x)) {
        used.add(x);
        queue.push(x);
      }
    };
    for (const [sheet, slots] of bySheet)
      for (const slot of slots) {
        if (!slot.id || dropped.has(slot)) continue;
        if (!driverSheets.has(sheet)) namesOf(slot).forEach(use);
        else if (slot.line.optional !== true || elsewhere.includes(`${sheet}.${slot.id}`)) use(slot);
      }
    checkNames.forEach(use);
    for (let x = queue.pop(); x; x = queue.pop()) namesOf(x).forEach(use);
    for (const sheet of driverSheets) for (const slot of bySheet.get(sheet) ?? []) if (slot.id && slot.line.optional === true && !used.has(slot)) dropped.add(slot);
  }
  for (const slots of bySheet.values())
    slots.forEach((slot, i) => {
      if (slot.id || slot.line.optional !== true || slot.line.blank) return;
      const under: LineSlot[] = [];
      // a heading reaches to the next heading or blank line, or up to a total (style total or net)
      for (let j = i + 1; j < slots.length && slots[j]!.id && !slots[j]!.line.blank && !['total', 'net'].includes(String(slots[j]!.line.style)); j++) under.push(slots[j]!);
      if (under.length > 0 && under.every((x) => dropped.has(x))) dropped.add(slot);
    });

  const rewrite = (text: string, sheet: string | null): string => {
    const node = tryParse(text);
    if (!node) return text;
    const edits: { from: number; to: number; text: string }[] = [];
    const isDropped = (n: Node): n is RefNode => n.kind === 'ref' && dropped.has(named(n, sheet)[0]!);
    const handled = new Set<RefNode>();
    // `a + gone` and `a - gone` lose the term instead of adding 0; so does `gone + a`
    const terms = (n: Node): void => {
      if (n.kind === 'binary' && (n.op === '+' || n.op === '-')) {
        if (isDropped(n.right) && !handled.has(n.right)) {
          edits.push({ from: n.pos, to: n.right.end, text: '' });
          handled.add(n.right);
        } else if (n.op === '+' && isDropped(n.left) && !handled.has(n.left)) {
          edits.push({ from: n.left.pos, to: n.pos + 1, text: '' });
          handled.add(n.left);
        }
      }
      // every sub-tree, through the one exhaustive walk (a term inside prev(), ytd() or
      // scenario() is dropped as it is anywhere else)
      children(n).forEach(terms);
    };
    terms(node);
    for (const r of refsOf(node)) {
      if (r.kind === 'ref') {
        if (isDropped(r) && !handled.has(r)) edits.push({ from: r.pos, to: r.end, text: '0' });
        continue;
      }
      const members = named(r, sheet);
      const kept = members.filter((x) => !dropped.has(x));
      if (kept.length === members.length) continue;
      if (kept.length === 0) {
        edits.push({ from: r.from.pos, to: r.to.end, text: '0' });
        continue;
      }
      const first = kept[0]!;
      const last = kept[kept.length - 1]!;
      edits.push({ from: r.from.pos, to: r.from.end, text: r.from.sheet ? `${r.from.sheet}.${first.id}` : first.id! });
      edits.push({ from: r.to.pos, to: r.to.end, text: r.to.sheet ? `${r.to.sheet}.${last.id}` : last.id! });
    }
    if (edits.length === 0) return text;
    let out = text;
    for (const e of edits.sort((a, b) => b.from - a.from)) out = out.slice(0, e.from) + e.text + out.slice(e.to);
    return out.replace(/\s+/g, ' ').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').trim();
  };
  const rewritten = (line: Raw, sheet: string | null): Raw => {
    const copy: Raw = { ...line };
    origins.copy(line, copy);
    if (typeof line.formula === 'string') copy.formula = rewrite(line.formula, sheet);
    if (isRecord(line.formula_for))
      copy.formula_for = Object.fromEntries(Object.entries(line.formula_for).map(([k, f]) => [k, typeof f === 'string' ? rewrite(f, sheet) : f]));
    if (typeof line.left === 'string') copy.left = rewrite(line.left, sheet);
    if (typeof line.right === 'string') copy.right = rewrite(line.right, sheet);
    return copy;
  };

  const keep = (owner: Raw, sheet: string): Raw => {
    const copy: Raw = { ...owner };
    origins.copy(owner, copy);
    const lines = copyArray(origins, owner.lines);
    copy.lines = lines
      .filter((l) => !isRecord(l) || ![...dropped].some((d) => d.line === l))
      .map((l) => (isRecord(l) && formulasOf(l).length > 0 ? rewritten(l, sheet) : l));
    return copy;
  };
  const root: Raw = { ...t.root };
  origins.copy(t.root, root);
  root.sheets = copyArray(origins, t.root.sheets).map((s) => {
    if (!isRecord(s)) return s;
    const id = String(s.id);
    if (!Array.isArray(s.tables)) return keep(s, id);
    const copy: Raw = { ...s };
    origins.copy(s, copy);
    copy.tables = copyArray(origins, s.tables).map((tb) => (isRecord(tb) ? keep(tb, id) : tb));
    return copy;
  });
  root.checks = copyArray(origins, t.root.checks).map((c) => (isRecord(c) ? rewritten(c, null) : c));
  const keys = [...dropped].filter((d) => d.id).map((d) => `${d.sheet}.${d.id}`);
  return { template: { ...t, root }, dropped: keys };
}
