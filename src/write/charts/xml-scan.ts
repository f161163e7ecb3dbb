// Just enough XML reading for the parts exceljs writes: tags with their attributes and
// positions, so a part can be amended in place without re-serialising it.

export interface Tag {
  /** Offset of `<` and just past `>`. */
  start: number;
  end: number;
  /** Qualified name as written, e.g. `sheetData` or `x14ac:dyDescent`. */
  name: string;
  closing: boolean;
  selfClosing: boolean;
  attrs: Record<string, string>;
}

// Attribute values may hold `>`, so a tag ends only at a `>` outside quotes.
const TAG = /<(\/?)([A-Za-z_][\w.:-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>/g;
const ATTR = /([^\s=]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;

export function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos);/g, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e]!;
  });
}

export function* tags(xml: string): Generator<Tag> {
  for (const m of xml.matchAll(TAG)) {
    if (m[2] === undefined) continue; // declaration, comment or CDATA
    const attrs: Record<string, string> = {};
    for (const a of (m[3] ?? '').matchAll(ATTR)) attrs[a[1]!] = unescapeXml(a[2] ?? a[3] ?? '');
    yield { start: m.index, end: m.index + m[0].length, name: m[2], closing: m[1] === '/', selfClosing: m[4] === '/', attrs };
  }
}

/** Local part of a qualified name: `x14:foo` -> `foo`. */
export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** The root element's opening tag and the children directly under it, in document order. */
export function rootChildren(xml: string): { root: Tag; children: Tag[]; rootEnd: number } {
  let depth = 0;
  let root: Tag | null = null;
  const children: Tag[] = [];
  for (const t of tags(xml)) {
    if (t.closing) {
      depth--;
      if (depth === 0 && root) return { root, children, rootEnd: t.start };
      continue;
    }
    if (depth === 0) root = t;
    else if (depth === 1) children.push(t);
    if (!t.selfClosing) depth++;
  }
  throw new Error('internal: XML part without a closed root element');
}
