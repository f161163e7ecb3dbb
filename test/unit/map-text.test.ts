// The map's text on its sheet (src/plan/map-format.ts): JSON with backticks for quotes and every
// character past ASCII (and the backtick) as \uXXXX, the same text whichever way it is built.
import { describe, expect, it } from 'vitest';
import type { StoredMap } from '../../src/plan/map-format.js';
import { mapJsonPieces, mapJsonText, storedMapSchema } from '../../src/plan/map-format.js';

// the encoding value by value, as the map was first written
const PLAIN = /^[ !#-[\]-_a-~]*$/;
const BEYOND_ASCII = /[\u007f-\uffff`]/g;
function quoted(s: string): string {
  if (PLAIN.test(s)) return `\`${s}\``;
  return JSON.stringify(s)
    .replace(BEYOND_ASCII, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replaceAll('"', '`');
}
function byValue(v: unknown): string {
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : 'null';
  if (typeof v === 'string') return quoted(v);
  if (Array.isArray(v)) return `[${v.map(byValue).join(',')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${quoted(k)}:${byValue(x)}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

const awkward = ['plain', 'say "hi"', 'back\\slash', 'tick `x`', 'Umsatzerlöse', '売上高', 'emoji 📈', 'lone \ud800 half', 'tab\there', 'bell\u0007', 'del\u007f', ''];

function mapOf(texts: string[]): StoredMap {
  return {
    finbook_map: 1,
    finbook: '0.1.0',
    sheets: [{ name: texts[5]!, id: 'is', kind: 'statement', cols: texts }],
    rows: texts.map((t, i) => ({ s: 0, r: i + 1, id: t, label: t, ...(i % 2 ? { p: t } : {}), ...(i % 3 ? { m: ['values', t] } : {}), cells: [[i, i, 0, i % 2 ? t : i * 1.5 - 7, ...(i % 4 ? [t] : [])] as StoredMap['rows'][number]['cells'][number]] })),
    anchors: [texts.length],
  };
}

describe('the map sheet text', () => {
  it('is the value-by-value encoding for quotes, backslashes, backticks, non-ASCII, lone surrogates and control characters', () => {
    const map = mapOf(awkward);
    expect(mapJsonPieces(map).join('')).toBe(byValue(map));
  });

  it('reads back to the map it was made from', () => {
    const map = mapOf(awkward);
    expect(storedMapSchema.parse(JSON.parse(mapJsonText(mapJsonPieces(map))))).toEqual(map);
  });

  it('holds nothing but printable ASCII', () => {
    expect(mapJsonPieces(mapOf(awkward)).join('')).toMatch(/^[ -~]*$/);
  });
});
