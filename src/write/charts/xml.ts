// A tiny XML printer: elements as nested calls, attributes in the order given, text escaped.
// Output is a pure function of the input, which keeps the package byte-reproducible.

export type Attrs = Record<string, string | number | undefined>;

// XML 1.0 forbids most control characters even when escaped; drop them.
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

// most text needs no change: test once before replacing
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"]/;

export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(FORBIDDEN, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

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
