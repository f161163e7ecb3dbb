// Drawings and charts: anchors that run forward, frames that point at chart parts, shape ids
// once per drawing, and every series formula naming sheets that exist, quoted as Excel quotes
// them, with caches that hold exactly what the cells they point at hold.
import { cellsOf } from '../../src/write/charts/refs.js';
import { a1 } from '../../src/layout/a1.js';
import type { XmlElement } from '../helpers/xml-tree.js';
import { child, children, walk } from '../helpers/xml-tree.js';
import type { Package } from './check-package.js';
import { REL } from './check-package.js';
import type { SheetInfo } from './check-sheets.js';
import { referenceProblems } from './references.js';

const rId = (el: XmlElement): string | undefined => Object.entries(el.attrs).find(([k]) => k.endsWith(':id'))?.[1];
const num = (el: XmlElement | undefined, name: string): number => Number(el ? child(el, name)?.text : NaN);
const valOf = (el: XmlElement, name: string): number => Number(child(el, name)?.attrs.val);

export function checkDrawingsAndCharts(pkg: Package, sheets: SheetInfo[]): void {
  const byName = new Map(sheets.map((s) => [s.name, s]));
  const sheetNames = new Set(byName.keys());
  for (const [part, root] of pkg.xml) {
    if (root.local === 'wsDr') checkDrawing(pkg, part, root);
    if (root.local === 'chartSpace') checkChart(pkg, part, root, byName, sheetNames);
  }
}

function checkDrawing(pkg: Package, part: string, root: XmlElement): void {
  const rels = pkg.rels.get(part) ?? [];
  const shapeIds = new Set<string>();
  for (const anchor of root.children) {
    const from = child(anchor, 'from');
    const to = child(anchor, 'to');
    if (anchor.local === 'twoCellAnchor') {
      const before = num(to, 'row') < num(from, 'row') || num(to, 'col') < num(from, 'col');
      if (!from || !to || before) pkg.report(part, 'a two-cell anchor ends before it starts');
    }
    for (const { el } of walk(anchor)) {
      if (el.local === 'cNvPr') {
        if (shapeIds.has(el.attrs.id ?? '')) pkg.report(part, `shape id ${el.attrs.id} is used twice in the drawing`);
        shapeIds.add(el.attrs.id ?? '');
      }
      if (el.local === 'chart' && el.uri.endsWith('/chart')) {
        const rel = rels.find((r) => r.id === rId(el));
        if (!rel || rel.type !== REL.chart) pkg.report(part, `a graphic frame's chart ${rId(el)} is no chart relationship`);
      }
    }
  }
}

function checkChart(pkg: Package, part: string, root: XmlElement, sheets: Map<string, SheetInfo>, sheetNames: Set<string>): void {
  for (const { el } of walk(root)) {
    if (el.local !== 'numRef' && el.local !== 'strRef') continue;
    const f = child(el, 'f')?.text ?? '';
    const problems = referenceProblems(f, sheetNames);
    for (const p of problems) pkg.report(part, `series ${p}`);
    if (problems.length > 0) continue;
    const cache = child(el, el.local === 'numRef' ? 'numCache' : 'strCache');
    if (!cache) {
      pkg.report(part, `${f} has no cache: a viewer that does not calculate draws nothing`);
      continue;
    }
    const points = children(cache, 'pt');
    // Excel leaves blank points out of a cache (chart_doughnut07): at most ptCount, each below it
    const count = valOf(cache, 'ptCount');
    if (!(points.length <= count) || points.some((p) => !(Number(p.attrs.idx) < count))) pkg.report(part, `${f}: ptCount ${count} for points ${points.map((p) => p.attrs.idx).join(',')}`);
    const cells = cellsOf(f);
    points.forEach((pt) => {
      const at = cells[Number(pt.attrs.idx)];
      if (!at) {
        pkg.report(part, `${f}: a cached point idx ${pt.attrs.idx} beyond its ${cells.length} cells`);
        return;
      }
      const cell = sheets.get(at.sheet)?.cells.get(a1(at.col, at.row));
      const cached = child(pt, 'v')?.text ?? '';
      const held = cell?.v ?? '';
      const same = el.local === 'numRef' ? Number(cached) === Number(held) : cached === held;
      if (!same) pkg.report(part, `${f}: the cache holds ${JSON.stringify(cached)} for ${at.sheet}!${a1(at.col, at.row)}, which holds ${JSON.stringify(held)}`);
    });
  }
}
