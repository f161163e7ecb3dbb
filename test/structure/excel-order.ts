// The order in which Excel itself writes the children of every element, learnt from the 288
// workbooks Excel saved (../shared/excel-made): where Excel puts <b> after <a> under a parent,
// and never <a> after <b>, a part of ours that puts <a> after <b> differs from Excel. This
// covers what the schema tables (schema-order.ts) do not list, for every feature the
// Excel-made files show: worksheets, styles, hyperlinks, protection, print settings,
// conditional formats, data validation, drawings and every kind of chart.
import { excelMadeFiles, excelMadeParts } from '../helpers/excel-made.js';
import type { XmlElement } from '../helpers/xml-tree.js';
import { walk } from '../helpers/xml-tree.js';
import { schemaName } from './schema-order.js';

export interface ExcelOrder {
  /** parent -> child -> children Excel has written after it, with a file that shows it */
  after: Map<string, Map<string, Map<string, string>>>;
  /** How many files it was learnt from. */
  files: number;
}

/** The key of an element: its schema name, a series qualified by its chart kind. */
export function elementKey(el: XmlElement, parent: XmlElement | null): string {
  const name = schemaName(el.uri, el.local);
  return name === 'c:ser' && parent ? `${schemaName(parent.uri, parent.local)}/ser` : name;
}

/** Each child name once, in the order of its first appearance. */
function childOrder(el: XmlElement): string[] {
  const seen: string[] = [];
  for (const c of el.children) {
    const name = schemaName(c.uri, c.local);
    if (!seen.includes(name)) seen.push(name);
  }
  return seen;
}

/**
 * Elements whose children come in any order (xsd:all or an unbounded xsd:choice): the order
 * one Excel file shows for them is no rule. Document properties (CT_CoreProperties,
 * extended properties) and a font's or a run's properties (CT_Font, CT_RPrElt).
 */
const ANY_ORDER = new Set(['http://schemas.openxmlformats.org/package/2006/metadata/core-properties:coreProperties', 'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties:Properties', 'main:font', 'main:rPr']);

let learnt: ExcelOrder | undefined;

export function excelOrder(): ExcelOrder {
  if (learnt) return learnt;
  const after = new Map<string, Map<string, Map<string, string>>>();
  const files = excelMadeFiles();
  for (const file of files)
    for (const [part, root] of excelMadeParts(file))
      for (const { el, parent } of walk(root)) {
        const order = childOrder(el);
        const key = elementKey(el, parent);
        if (order.length < 2 || ANY_ORDER.has(key)) continue;
        let byChild = after.get(key);
        if (!byChild) after.set(key, (byChild = new Map()));
        order.forEach((a, i) => {
          let later = byChild.get(a);
          if (!later) byChild.set(a, (later = new Map()));
          for (const b of order.slice(i + 1)) if (!later.has(b)) later.set(b, `${file}:${part}`);
        });
      }
  return (learnt = { after, files: files.length });
}

/**
 * Pairs of children this element has in an order Excel never writes: Excel puts `b` before
 * `a` (in the file named) and nowhere `a` before `b`.
 */
export function orderAgainstExcel(order: ExcelOrder, el: XmlElement, parent: XmlElement | null): string[] {
  const key = elementKey(el, parent);
  const byChild = ANY_ORDER.has(key) ? undefined : order.after.get(key);
  if (!byChild) return [];
  const names = childOrder(el);
  const out: string[] = [];
  names.forEach((a, i) => {
    for (const b of names.slice(i + 1)) {
      const excelPutsBFirst = byChild.get(b)?.get(a);
      const excelPutsAFirst = byChild.get(a)?.has(b);
      if (excelPutsBFirst && !excelPutsAFirst) out.push(`<${a}> before <${b}>; Excel writes <${b}> first (${excelPutsBFirst})`);
    }
  });
  return out;
}
