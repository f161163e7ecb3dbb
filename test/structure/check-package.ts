// The structural test of a written workbook: every part finbook writes, checked against
// Excel's rules (ECMA-376 and the limits Excel enforces on opening) and against the order in
// which Excel itself writes each element (the Excel-made workbooks). It returns findings,
// "part: what is wrong", so a test can show all of them at once; none means Excel opens the
// file without a repair as far as these rules go. Nothing here is specific to finbook's
// layout: it checks whatever parts, defined names, links and charts the package holds.
import { strFromU8 } from 'fflate';
import { readZip, contentOf } from '../../src/write/zip.js';
import type { XmlElement } from '../helpers/xml-tree.js';
import { parseXml, walk } from '../helpers/xml-tree.js';
import { checkDrawingsAndCharts } from './check-charts.js';
import { checkSheetsAndStyles } from './check-sheets.js';
import type { ExcelOrder } from './excel-order.js';
import { orderAgainstExcel } from './excel-order.js';
import { schemaName, sequenceFor, sequenceProblems } from './schema-order.js';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  coreProperties: 'http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties',
  extendedProperties: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  chartsheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chartsheet',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  theme: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  hyperlink: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink',
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
  customXml: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/customXml',
} as const;

/** The content type a part reached through each relationship type must have. */
const CONTENT_TYPE_OF: Record<string, string> = {
  [REL.officeDocument]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  [REL.coreProperties]: 'application/vnd.openxmlformats-package.core-properties+xml',
  [REL.extendedProperties]: 'application/vnd.openxmlformats-officedocument.extended-properties+xml',
  [REL.worksheet]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  [REL.styles]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  [REL.theme]: 'application/vnd.openxmlformats-officedocument.theme+xml',
  [REL.sharedStrings]: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  [REL.drawing]: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  [REL.chart]: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};

export interface Relationship {
  id: string;
  type: string;
  /** The part it points at (resolved), or the target as written when external. */
  target: string;
  external: boolean;
}

/** What the part checks share: every part parsed, relationships resolved, findings collected. */
export interface Package {
  names: string[];
  xml: Map<string, XmlElement>;
  rels: Map<string, Relationship[]>;
  contentType(part: string): string | undefined;
  report(part: string, message: string): void;
}

export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (source.slice(0, source.lastIndexOf('/') + 1) + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

export function checkPackage(bytes: Uint8Array, order: ExcelOrder): string[] {
  const findings: string[] = [];
  const report = (part: string, message: string): void => void findings.push(`${part}: ${message}`);
  const entries = readZip(bytes);
  const names = entries.map((e) => e.name);
  for (const n of names.filter((n, i) => names.indexOf(n) !== i)) report(n, 'the zip holds this part twice');
  const xml = new Map<string, XmlElement>();
  for (const e of entries) {
    if (!e.name.endsWith('.xml') && !e.name.endsWith('.rels')) continue;
    try {
      xml.set(e.name, parseXml(strFromU8(contentOf(e)), e.name));
    } catch (err) {
      report(e.name, (err as Error).message);
    }
  }
  const types = xml.get('[Content_Types].xml');
  if (!types) {
    report('[Content_Types].xml', 'missing: without it no reader opens the package');
    return findings;
  }
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const t of types.children) {
    if (t.local === 'Default') defaults.set(t.attrs.Extension!.toLowerCase(), t.attrs.ContentType!);
    else if (t.local === 'Override') overrides.set(t.attrs.PartName!.replace(/^\//, ''), t.attrs.ContentType!);
  }
  for (const part of overrides.keys()) if (!names.includes(part)) report('[Content_Types].xml', `an Override names /${part}, which the package does not have`);
  const contentType = (part: string): string | undefined => overrides.get(part) ?? defaults.get(part.slice(part.lastIndexOf('.') + 1).toLowerCase());
  for (const n of names) if (n !== '[Content_Types].xml' && !contentType(n)) report(n, 'has no content type');

  // relationships: ids unique, targets present and of the right content type, links inside the workbook never external
  const rels = new Map<string, Relationship[]>();
  for (const [name, root] of xml) {
    if (!name.endsWith('.rels')) continue;
    const source = name === '_rels/.rels' ? '' : name.replace(/_rels\/([^/]+)\.rels$/, '$1');
    if (source && !names.includes(source)) report(name, `relationships of ${source}, which the package does not have`);
    const list: Relationship[] = [];
    const ids = new Set<string>();
    for (const r of root.children) {
      const id = r.attrs.Id ?? '';
      if (ids.has(id)) report(name, `relationship id ${id} is used twice`);
      ids.add(id);
      const external = r.attrs.TargetMode === 'External';
      const rel: Relationship = { id, type: r.attrs.Type ?? '', target: external ? (r.attrs.Target ?? '') : resolveTarget(source, r.attrs.Target ?? ''), external };
      list.push(rel);
      if (external) {
        if (rel.type !== REL.hyperlink) report(name, `${id}: an external ${rel.type} relationship`);
        // a place in this workbook (Sheet!A1) written as a file link: LibreOffice makes a path of it
        else if (/^'?[^/\\:'"]+'?!\$?[A-Za-z]{1,3}\$?\d+/.test(rel.target)) report(name, `${id}: external hyperlink to "${rel.target}", a place inside the workbook (Excel writes <hyperlink location=...>)`);
        continue;
      }
      // #Sheet1!A1: a place inside the package (Excel's links from shapes, hyperlink38)
      if (r.attrs.Target?.startsWith('#')) continue;
      if (!names.includes(rel.target)) report(name, `${id} points at ${rel.target}, which the package does not have`);
      const expected = CONTENT_TYPE_OF[rel.type];
      if (expected && names.includes(rel.target) && contentType(rel.target) !== expected) report(name, `${id}: ${rel.target} is ${contentType(rel.target)}; a ${rel.type.split('/').pop()} relationship needs ${expected}`);
    }
    rels.set(source, list);
  }
  // every part is reached from the package's relationships
  const reached = new Set<string>();
  const visit = (source: string): void => {
    for (const r of rels.get(source) ?? [])
      if (!r.external && !reached.has(r.target)) {
        reached.add(r.target);
        visit(r.target);
      }
  };
  visit('');
  for (const n of names) if (n !== '[Content_Types].xml' && !n.endsWith('.rels') && !reached.has(n)) report(n, 'no relationship leads to this part');
  if (!(rels.get('') ?? []).some((r) => r.type === REL.officeDocument)) report('_rels/.rels', 'no officeDocument relationship: no workbook');

  // every element whose children the schema orders, and the order Excel writes them in
  for (const [name, root] of xml) {
    for (const { el, parent } of walk(root)) {
      const key = schemaName(el.uri, el.local);
      const sequence = sequenceFor(key, parent ? schemaName(parent.uri, parent.local) : null);
      if (sequence) for (const p of sequenceProblems(sequence, el.children.filter((c) => c.uri === el.uri || key.startsWith('xdr:')).map((c) => c.local))) report(name, `in <${el.name}>: ${p}`);
      for (const p of orderAgainstExcel(order, el, parent)) report(name, `in <${el.name}>: ${p}`);
    }
  }

  const pkg: Package = { names, xml, rels, contentType, report };
  checkDrawingsAndCharts(pkg, checkSheetsAndStyles(pkg));
  return findings;
}
