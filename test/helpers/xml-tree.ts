// A strict XML parser for tests (saxes: XML 1.0 well-formedness and namespaces), giving a
// small element tree: what the structural tests walk. A part that is not well-formed XML
// throws, naming the part and saxes' reason.
import { SaxesParser } from 'saxes';

export interface XmlElement {
  /** Qualified name as written, e.g. `c:ser`. */
  name: string;
  /** Local name, e.g. `ser`. */
  local: string;
  /** Namespace URI of the element. */
  uri: string;
  /** Attributes by qualified name. */
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside the element. */
  text: string;
}

export function parseXml(xml: string, part = 'XML'): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.on('error', (e) => {
    throw new Error(`${part} is not well-formed XML: ${e.message}`);
  });
  parser.on('opentag', (t) => {
    const attrs: Record<string, string> = {};
    for (const [k, a] of Object.entries(t.attributes)) attrs[k] = typeof a === 'string' ? a : a.value;
    const el: XmlElement = { name: t.name, local: t.local ?? t.name, uri: t.uri ?? '', attrs, children: [], text: '' };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (text) => {
    const top = stack[stack.length - 1];
    if (top) top.text += text;
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  parser.write(xml).close();
  if (!root) throw new Error(`${part} has no root element`);
  return root;
}

/** Every element of a tree, depth first, with its parent. */
export function* walk(el: XmlElement, parent: XmlElement | null = null): Generator<{ el: XmlElement; parent: XmlElement | null }> {
  yield { el, parent };
  for (const c of el.children) yield* walk(c, el);
}

export function child(el: XmlElement, local: string): XmlElement | undefined {
  return el.children.find((c) => c.local === local);
}

export function children(el: XmlElement, local: string): XmlElement[] {
  return el.children.filter((c) => c.local === local);
}
