// Type numbers into cells of a written workbook, as someone editing it would (into an input,
// or over a formula): the cell holds the number and every cached formula result stays as it
// was until a spreadsheet program recalculates. Edits the worksheet XML in place (much faster than a round trip
// through a spreadsheet library, and nothing else of the package changes).
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

export interface TypedNumber {
  /** The sheet's name as the tab shows it. */
  sheet: string;
  /** A1 reference, e.g. C9. */
  ref: string;
  value: number;
}

export function typeNumbers(xlsx: Uint8Array, edits: readonly TypedNumber[]): Uint8Array {
  const files = unzipSync(xlsx);
  const text = (name: string): string => strFromU8(files[name]!);
  const rels = new Map([...text('xl/_rels/workbook.xml.rels').matchAll(/<Relationship\b[^>]*\bId="([^"]+)"[^>]*\bTarget="([^"]+)"/g)].map((m) => [m[1]!, m[2]!.replace(/^\/?(xl\/)?/, 'xl/')]));
  const parts = new Map<string, string>();
  for (const m of text('xl/workbook.xml').matchAll(/<sheet\b[^>]*\bname="([^"]*)"[^>]*\br:id="([^"]+)"/g)) parts.set(decode(m[1]!), rels.get(m[2]!)!);
  const changed = new Map<string, string>();
  for (const e of edits) {
    const part = parts.get(e.sheet);
    if (!part) throw new Error(`no sheet '${e.sheet}' in the workbook`);
    const xml = changed.get(part) ?? text(part);
    // a number, or a formula with its cached number: either way the cell becomes the number typed
    const cell = new RegExp(`<c r="${e.ref}"([^>]*)>(?:<f>[^<]*</f>)?<v>([^<]*)</v></c>`);
    const m = cell.exec(xml);
    if (!m || /\bt="/.test(m[1]!)) throw new Error(`${e.sheet}!${e.ref} does not hold a number`);
    changed.set(part, xml.replace(cell, `<c r="${e.ref}"${m[1]}><v>${e.value}</v></c>`));
  }
  for (const [part, xml] of changed) files[part] = strToU8(xml);
  return zipSync(files);
}

function decode(s: string): string {
  return s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
}
