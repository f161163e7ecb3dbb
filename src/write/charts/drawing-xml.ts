// The drawing part of a sheet (xl/drawings/drawingN.xml): one graphic frame per chart in a
// two-cell anchor, plus the relationship parts that tie sheet -> drawing -> chart.
import type { Anchor, CellPoint } from '../../charts/place.js';
import { el, XML_DECLARATION } from './xml.js';

const NS = {
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRels: 'http://schemas.openxmlformats.org/package/2006/relationships',
};

export const REL_TYPE = {
  drawing: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing',
  chart: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart',
};

export interface FrameXml {
  anchor: Anchor;
  /** Relationship id of the chart inside the drawing's rels part. */
  relId: string;
  /** Shape id, unique within the drawing (1 is taken by the group). */
  shapeId: number;
  name: string;
  /** Alternative text for screen readers: the chart's title. */
  description: string;
}

function point(tag: string, p: CellPoint): string {
  return el(tag, {}, el('xdr:col', {}, String(p.col)), el('xdr:colOff', {}, String(p.colOff)), el('xdr:row', {}, String(p.row)), el('xdr:rowOff', {}, String(p.rowOff)));
}

function frame(f: FrameXml): string {
  const graphic = el(
    'a:graphic',
    {},
    el('a:graphicData', { uri: NS.c }, el('c:chart', { 'xmlns:c': NS.c, 'xmlns:r': NS.r, 'r:id': f.relId })),
  );
  const graphicFrame = el(
    'xdr:graphicFrame',
    { macro: '' },
    el('xdr:nvGraphicFramePr', {}, el('xdr:cNvPr', { id: f.shapeId, name: f.name, descr: f.description }), el('xdr:cNvGraphicFramePr', {}, el('a:graphicFrameLocks', { noGrp: 1 }))),
    el('xdr:xfrm', {}, el('a:off', { x: 0, y: 0 }), el('a:ext', { cx: 0, cy: 0 })),
    graphic,
  );
  // editAs="oneCell": the chart moves with its top-left cell but keeps its size when
  // columns or rows are resized
  return el('xdr:twoCellAnchor', { editAs: 'oneCell' }, point('xdr:from', f.anchor.from), point('xdr:to', f.anchor.to), graphicFrame, el('xdr:clientData'));
}

export function drawingXml(frames: readonly FrameXml[]): string {
  return XML_DECLARATION + el('xdr:wsDr', { 'xmlns:xdr': NS.xdr, 'xmlns:a': NS.a }, ...frames.map(frame));
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
}

export function relsXml(rels: readonly Relationship[]): string {
  return XML_DECLARATION + el('Relationships', { xmlns: NS.pkgRels }, ...rels.map((r) => el('Relationship', { Id: r.id, Type: r.type, Target: r.target })));
}
