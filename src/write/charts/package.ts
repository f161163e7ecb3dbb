// Add chart parts to a finished .xlsx package. exceljs cannot write charts, so the workbook
// is written as usual and then amended here: per sheet with charts, a <drawing r:id/> in the
// sheet XML, a relationship to xl/drawings/drawingN.xml, and per chart xl/charts/chartN.xml
// with its content-type override. Unchanged parts are copied as stored and keep their order
// (content types first); new parts follow in a fixed order; every entry is dated 1980-01-01,
// so equal input gives an equal file.
import type { PlacedChart } from '../../charts/placement.js';
import { chartXml } from './chart-xml.js';
import type { FrameXml, Relationship } from './drawing-xml.js';
import { drawingXml, REL_TYPE, relsXml } from './drawing-xml.js';
import type { ResolvedChart } from '../../charts/model.js';
import { localName, rootChildren, tags } from './xml-scan.js';
import { contentOf, deflatedEntry, readZip, writeZip } from '../zip.js';

const CONTENT_TYPE = {
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};
const R_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

// CT_Worksheet is a sequence: <drawing> comes after everything up to smartTags and before
// these (ECMA-376 Part 1, §18.3.1.99). Excel rejects a sheet whose children are out of order.
const AFTER_DRAWING = new Set(['legacyDrawing', 'legacyDrawingHF', 'drawingHF', 'picture', 'oleObjects', 'controls', 'webPublishItems', 'tableParts', 'extLst']);

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

/** Reads a part of the package as text, or undefined when there is no such part. */
export type PartReader = (name: string) => string | undefined;

const required = (read: PartReader, name: string): string => {
  const text = read(name);
  if (text === undefined) throw new Error(`internal: the package has no ${name}`);
  return text;
};

/** Sheet name -> path of its part, from xl/workbook.xml and its relationships. */
export function sheetParts(read: PartReader): Map<string, string> {
  const rels = new Map<string, string>();
  for (const t of tags(required(read, 'xl/_rels/workbook.xml.rels')))
    if (localName(t.name) === 'Relationship' && t.attrs.Id && t.attrs.Target) rels.set(t.attrs.Id, resolveTarget('xl/', t.attrs.Target));
  const out = new Map<string, string>();
  for (const t of tags(required(read, 'xl/workbook.xml'))) {
    if (localName(t.name) !== 'sheet' || t.closing) continue;
    const rid = Object.entries(t.attrs).find(([k]) => localName(k) === 'id' && k !== 'id')?.[1];
    const path = rid ? rels.get(rid) : undefined;
    if (t.attrs.name !== undefined && path) out.set(t.attrs.name, path);
  }
  return out;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = (base + target).split('/');
  const out: string[] = [];
  for (const p of parts) {
    if (p === '..') out.pop();
    else if (p !== '.' && p !== '') out.push(p);
  }
  return out.join('/');
}

/** Insert <drawing r:id="..."/> where CT_Worksheet's order puts it. */
export function insertDrawing(sheetXml: string, relId: string): string {
  const { root, children, rootEnd } = rootChildren(sheetXml);
  if (children.some((c) => localName(c.name) === 'drawing')) throw new Error('internal: the sheet already has a drawing');
  const declared = Object.entries(root.attrs).find(([, v]) => v === R_NS)?.[0];
  const prefix = declared?.startsWith('xmlns:') ? declared.slice('xmlns:'.length) : null;
  const element = prefix ? `<drawing ${prefix}:id="${relId}"/>` : `<drawing xmlns:r="${R_NS}" r:id="${relId}"/>`;
  const before = children.find((c) => AFTER_DRAWING.has(localName(c.name)));
  const at = before ? before.start : rootEnd;
  return sheetXml.slice(0, at) + element + sheetXml.slice(at);
}

/** Add a relationship to a rels part (or start one); returns the part and the new id. */
export function addRelationship(relsPart: string | undefined, type: string, target: string): { xml: string; id: string } {
  const existing: Relationship[] = [];
  if (relsPart !== undefined)
    for (const t of tags(relsPart)) if (localName(t.name) === 'Relationship' && t.attrs.Id) existing.push({ id: t.attrs.Id, type: t.attrs.Type ?? '', target: t.attrs.Target ?? '' });
  const used = new Set(existing.map((r) => r.id));
  let n = existing.length + 1;
  while (used.has(`rId${n}`)) n++;
  const id = `rId${n}`;
  if (relsPart === undefined) return { xml: relsXml([{ id, type, target }]), id };
  const close = relsPart.lastIndexOf('</Relationships>');
  if (close < 0) throw new Error('internal: malformed relationships part');
  const entry = `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
  return { xml: relsPart.slice(0, close) + entry + relsPart.slice(close), id };
}

export function addOverrides(contentTypes: string, overrides: readonly { part: string; type: string }[]): string {
  const close = contentTypes.lastIndexOf('</Types>');
  if (close < 0) throw new Error('internal: malformed [Content_Types].xml');
  const entries = overrides.map((o) => `<Override PartName="/${o.part}" ContentType="${o.type}"/>`).join('');
  return contentTypes.slice(0, close) + entries + contentTypes.slice(close);
}

function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash)}/_rels/${part.slice(slash + 1)}.rels`;
}

function freeNumber(parts: ReadonlySet<string>, pattern: (n: number) => string, from: number): number {
  let n = from;
  while (parts.has(pattern(n))) n++;
  return n;
}

/** What adding the charts does to a package: parts changed, and new parts in their order. */
export interface ChartEdits {
  changed: Map<string, string>;
  added: [string, string][];
}

/** The package with every chart added; `placed` in template order. */
export function addCharts(xlsx: Uint8Array, placed: readonly PlacedChart[]): Uint8Array {
  const parts = new Map(readZip(xlsx).map((e) => [e.name, e]));
  const read: PartReader = (name) => {
    const entry = parts.get(name);
    return entry ? decoder.decode(contentOf(entry)) : undefined;
  };
  const { changed, added } = chartEdits([...parts.keys()], read, placed);
  // unchanged parts are copied as stored
  return writeZip(chartPackageOrder([...parts.keys()], changed, added).map(([name, xml]) => (xml === undefined ? parts.get(name)! : deflatedEntry(name, encoder.encode(xml)))));
}

/**
 * The parts of the package with charts, in order: [Content_Types].xml first, as Excel writes
 * it (file-type sniffers look for it there), then exceljs' parts in exceljs' order, then the
 * new parts. Each with its new text, or undefined where the part is unchanged.
 */
export function chartPackageOrder(names: readonly string[], changed: ReadonlyMap<string, string>, added: readonly [string, string][]): [string, string | undefined][] {
  const ordered = ['[Content_Types].xml', ...names.filter((n) => n !== '[Content_Types].xml')];
  return [...ordered.map((name): [string, string | undefined] => [name, changed.get(name)]), ...added];
}

/**
 * The parts to change and add for `placed`, given the package's part names and a reader of
 * their text; `sheets` (sheet name -> part, in workbook order) when the writer knows them,
 * else read from xl/workbook.xml.
 */
export function chartEdits(names: readonly string[], read: PartReader, placed: readonly PlacedChart[], sheets: ReadonlyMap<string, string> = sheetParts(read)): ChartEdits {
  const parts = new Set(names);
  const changed = new Map<string, string>();
  const added: [string, string][] = [];
  const overrides: { part: string; type: string }[] = [];
  // drawings in workbook sheet order, charts numbered in the same walk
  let drawingNo = 0;
  let chartNo = 0;
  for (const [sheetName, sheetPath] of sheets) {
    const here = placed.filter((p) => p.chart.sheet === sheetName);
    if (here.length === 0) continue;
    drawingNo = freeNumber(parts, (n) => `xl/drawings/drawing${n}.xml`, drawingNo + 1);
    const drawingPath = `xl/drawings/drawing${drawingNo}.xml`;
    const frames: FrameXml[] = [];
    const drawingRels: Relationship[] = [];
    const chartParts: [string, string][] = [];
    overrides.push({ part: drawingPath, type: CONTENT_TYPE.drawing });
    here.forEach((p, i) => {
      chartNo = freeNumber(parts, (n) => `xl/charts/chart${n}.xml`, chartNo + 1);
      const chartPath = `xl/charts/chart${chartNo}.xml`;
      const relId = `rId${i + 1}`;
      drawingRels.push({ id: relId, type: REL_TYPE.chart, target: `../charts/chart${chartNo}.xml` });
      frames.push({ anchor: p.anchor, relId, shapeId: i + 2, name: `Chart ${i + 1}`, description: p.chart.title });
      chartParts.push([chartPath, chartXml(p.chart)]);
      overrides.push({ part: chartPath, type: CONTENT_TYPE.chart });
    });
    added.push([drawingPath, drawingXml(frames)], [relsPathOf(drawingPath), relsXml(drawingRels)], ...chartParts);
    const sheetRelsPath = relsPathOf(sheetPath);
    const rel = addRelationship(read(sheetRelsPath), REL_TYPE.drawing, `../drawings/drawing${drawingNo}.xml`);
    if (parts.has(sheetRelsPath)) changed.set(sheetRelsPath, rel.xml);
    else added.push([sheetRelsPath, rel.xml]);
    changed.set(sheetPath, insertDrawing(required(read, sheetPath), rel.id));
  }
  const missing = placed.filter((p) => !sheets.has(p.chart.sheet));
  if (missing.length > 0) throw new Error(`internal: no sheet '${missing[0]!.chart.sheet}' for chart '${missing[0]!.chart.spec.id}'`);
  changed.set('[Content_Types].xml', addOverrides(required(read, '[Content_Types].xml'), overrides));
  return { changed, added };
}
