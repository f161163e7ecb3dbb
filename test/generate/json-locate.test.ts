// A JSON model's problems are placed from its text (src/model/json-locate.ts) at the same line
// and column as the yaml library's document of the same text placed them (load.ts's locate:
// the value at a path, or its nearest existing ancestor's).
import { describe, expect, it } from 'vitest';
import type { Node as YamlNode } from 'yaml';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { jsonLocator } from '../../src/model/json-locate.js';
import { parseJsonStrictly } from '../../src/model/json-source.js';

/** A small seeded generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = ['a', 'M2000_01', '"', '\\', '{', '}', '[', ']', ':', ',', ' ', 'é', '\n', '\u0007', '2002'];

function value(r: () => number, depth: number): unknown {
  const pick = r();
  if (depth > 3 || pick < 0.35) {
    const kind = Math.floor(r() * 5);
    if (kind === 0) return Math.round(r() * 1e6) / 100;
    if (kind === 1) return null;
    if (kind === 2) return r() < 0.5;
    return Array.from({ length: Math.floor(r() * 4) }, () => PIECES[Math.floor(r() * PIECES.length)]).join('');
  }
  if (pick < 0.6) return Array.from({ length: Math.floor(r() * 4) }, () => value(r, depth + 1));
  const out: Record<string, unknown> = {};
  for (let i = Math.floor(r() * 5); i > 0; i--) out[String(PIECES[Math.floor(r() * PIECES.length)]) + String(i)] = value(r, depth + 1);
  return out;
}

/** Paths into a value: every existing one, and some that go one step too far. */
function paths(v: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [prefix, [...prefix, 'missing'], [...prefix, 7]];
  if (Array.isArray(v)) v.forEach((x, i) => out.push(...paths(x, [...prefix, i])));
  else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) out.push(...paths(x, [...prefix, k]));
  return out;
}

/** What load.ts's locate and locateKey answer from the yaml library's document. */
interface FromDocument {
  locate(path: (string | number)[]): number;
  locateKey(path: (string | number)[]): number | undefined;
  /** The range of a string scalar at the path, as load.ts's locateIn takes it. */
  stringRange(path: (string | number)[]): [number, number] | undefined;
  lineCounter: LineCounter;
}

function fromDocument(text: string): FromDocument {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: false });
  const nodeAt = (path: (string | number)[]): { key?: YamlNode; value?: YamlNode } => {
    let found: { key?: YamlNode; value?: YamlNode } = { value: doc.contents as YamlNode };
    for (const p of path) {
      const node = found.value;
      if (isMap(node)) {
        const pair = node.items.find((it) => isPair(it) && isScalar(it.key) && String(it.key.value) === String(p));
        if (!pair) return {};
        found = { key: pair.key as YamlNode, value: (pair.value ?? undefined) as YamlNode | undefined };
      } else if (isSeq(node) && typeof p === 'number') found = { value: (node.items[p] ?? undefined) as YamlNode | undefined };
      else return {};
    }
    return found;
  };
  return {
    lineCounter,
    locate(path) {
      for (let n = path.length; n >= 0; n--) {
        const found = nodeAt(path.slice(0, n));
        if (found.value?.range) return found.value.range[0];
      }
      return 0;
    },
    locateKey: (path) => nodeAt(path).key?.range?.[0],
    stringRange(path) {
      const node = nodeAt(path).value;
      return node && isScalar(node) && typeof node.value === 'string' && node.range ? [node.range[0], node.range[1]] : undefined;
    },
  };
}

describe('a JSON file is placed from its text as its YAML document placed it', () => {
  it.each([0, 1, 2, 3, 4, 5, 6, 7])('random values, seed %i, written compact, indented and with CRLF', (seed) => {
    const r = random(seed);
    const root = { values: value(r, 0), list: [value(r, 1), value(r, 1)], more: value(r, 0) };
    for (const text of [JSON.stringify(root), JSON.stringify(root, null, 2), JSON.stringify(root, null, '\t').replace(/\n/g, '\r\n'), ` \n${JSON.stringify(root, null, 1)}\n`]) {
      expect(parseJsonStrictly(text)).toEqual(root);
      const ours = jsonLocator(text);
      const theirs = fromDocument(text);
      for (const path of paths(root)) {
        expect(ours.locate(path), JSON.stringify(path)).toEqual(theirs.lineCounter.linePos(theirs.locate(path)));
        const key = theirs.locateKey(path);
        expect(ours.locateKey(path), JSON.stringify(path)).toEqual(key === undefined ? undefined : theirs.lineCounter.linePos(key));
        const string = ours.stringAt(path);
        expect(string && [string.from, string.to], JSON.stringify(path)).toEqual(theirs.stringRange(path));
      }
    }
  });

  it('gives a string value with where its quotes are', () => {
    const text = '{"a": [1, "x\\"y\\u0041"], "b": 2}';
    expect(jsonLocator(text).stringAt(['a', 1])).toEqual({ from: 10, to: 22, value: 'x"yA' });
    expect(jsonLocator(text).stringAt(['b'])).toBeUndefined();
    expect(jsonLocator(text).stringAt(['c'])).toBeUndefined();
  });

  it('places a text that is no longer the one parsed (a file changed meanwhile) at its start', () => {
    expect(jsonLocator('').locate(['values', 's', 'a', 'P1'])).toEqual({ line: 1, col: 1 });
  });
});
