// A tiny XML printer: elements as nested calls, attributes in the order given, text escaped
// (Excel's rules, write/xml-text.ts).
// Output is a pure function of the input, which keeps the package byte-reproducible.

export type Attrs = Record<string, string | number | undefined>;

import { escapeXml } from '../xml-text.js';

function attrText(attrs: Attrs): string {
  let out = '';
  for (const k in attrs) {
    const v = attrs[k];
    if (v !== undefined) out += ` ${k}="${typeof v === 'number' ? escapeXml(String(v)) : escapeXml(v)}"`;
  }
  return out;
}

/** `<name attrs>children</name>`, or `<name attrs/>` without children. */
export function el(name: string, attrs: Attrs = {}, ...children: (string | false | null | undefined)[]): string {
  let inner = '';
  for (const c of children) if (typeof c === 'string') inner += c;
  return inner === '' ? `<${name}${attrText(attrs)}/>` : `<${name}${attrText(attrs)}>${inner}</${name}>`;
}

/** An element holding escaped text. */
export function textEl(name: string, text: string, attrs: Attrs = {}): string {
  return `<${name}${attrText(attrs)}>${escapeXml(text)}</${name}>`;
}

/** `<name val="..."/>`, the shape of most DrawingML chart settings. */
export function val(name: string, value: string | number): string {
  return el(name, { val: value });
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** Shortest text that reads back as the same double (what Excel writes in caches). */
export function numberText(n: number): string {
  if (!Number.isFinite(n)) throw new Error(`internal: non-finite cached value ${n}`);
  return Object.is(n, -0) ? '0' : String(n);
}
