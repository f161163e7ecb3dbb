// The fast YAML reader (src/model/yaml-fast.ts) either gives exactly the value the yaml
// library gives (parseDocument, YAML 1.2 core schema, toJS) or gives up and leaves the text
// to the library. Checked on every YAML file of the repository, on a table of the tricky
// cases, and on generated documents.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import type { Node as YamlNode } from 'yaml';
import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { fastLocator } from '../../src/model/fast-locate.js';
import { jsKey } from '../../src/model/load.js';
import { fastYamlValue } from '../../src/model/yaml-fast.js';
import { ROOT } from '../helpers/cli.js';

/** The library's value, or undefined when it reports an error. */
function libraryValue(text: string): { value: unknown } | undefined {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true, strict: true });
  return doc.errors.length > 0 ? undefined : { value: doc.toJS({ maxAliasCount: 1000 }) };
}

/** The property: no value, or the library's value (NaN equals NaN, -0 is not 0). */
function agrees(text: string): boolean {
  const fast = fastYamlValue(text);
  if (fast === undefined) return true;
  const lib = libraryValue(text);
  return lib !== undefined && isDeepStrictEqual(fast, lib.value);
}

describe('on the repository’s YAML files', () => {
  const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');

  it('gives the library’s value or leaves the file to it', () => {
    expect(files.length).toBeGreaterThan(50);
    for (const f of files) expect(agrees(readFileSync(join(ROOT, f), 'utf8')), f).toBe(true);
  });

  it.each(['data/iij-fy2002.yaml', 'templates/iij-fy2002.yaml', 'data/photronics-fy2011.yaml', 'templates/generic.yaml'])('reads %s itself', (f) => {
    const text = readFileSync(join(ROOT, f), 'utf8');
    expect(fastYamlValue(text)).toEqual(libraryValue(text)!.value);
  });
});

describe('scalars and structure it reads, with the library’s values', () => {
  it.each([
    ['null in every spelling', 'a: ~\nb: null\nc: Null\nd: NULL\ne:\nf: nULL'],
    ['booleans, and yes/no as text (YAML 1.2)', 'a: true\nb: False\nc: TRUE\nd: yes\ne: tRUE'],
    ['integers: signs, leading zeros, octal, hexadecimal', 'a: 0\nb: -0\nc: +5\nd: 007\ne: 0o17\nf: 0x1F\ng: 0X1F\nh: -0x1F\ni: 12345678901234567890'],
    ['floats, infinities, not-a-number', 'a: 1.5\nb: .5\nc: 5.\nd: 1e3\ne: -1E-2\nf: .inf\ng: -.Inf\nh: .NaN\ni: 1.50\nj: 1_000'],
    ['dates and times stay text', 'a: 2003-05-20\nb: 2003-05-20T10:00:00Z\nc: 12:30'],
    ['plain text with #, quotes and brackets inside', "a: a#b\nb: it's \"so\"\nc: (x) [y] {z}\nd: a, b\ne: http://x.y/z\nf: x # a comment"],
    ['quoted text with escapes', 'a: "tab\\there \\"q\\" \\\\ \\/ \\0\\a\\b\\e\\f\\n\\r\\v\\N\\_\\L\\P\\ "\nb: \'it\'\'s # not a comment\'\nc: ""\nd: \'\''],
    ['keys that are numbers, booleans or null become strings', '2002: a\n007: b\n1e3: c\ntrue: d\nnull: e\nnull_: f\n4Q02: g\nconstructor: h'],
    ['a sequence at its key’s indentation and deeper', 'a:\n- 1\n- 2\nb:\n    - x\n    - y\nc: 3'],
    ['mappings in sequence items, on the dash line and below', 'a:\n  - id: x\n    n: 1\n  -   id: y\n      n: 2\n  -\n    id: z\n  - # comment\n    id: w\n  -\n  - last'],
    ['flow collections, nested and empty', 'a: { id: x, v: [1, 2, "3"], w: { }, z: [] }\nb: [a b, -5, .5, "q, r", \'s\']\nc: {a: 1}'],
    ['comments and blank lines anywhere', '# head\n\na: 1   # one\n  # indented comment\n\nb:   # nothing here\n  c: 2\n'],
    ['trailing spaces', 'a: x   \nb:   \n  c: 1  \n'],
  ])('%s', (_name, text) => {
    const fast = fastYamlValue(text);
    expect(fast).not.toBeUndefined();
    expect(isDeepStrictEqual(fast, libraryValue(text)!.value)).toBe(true);
  });
});

describe('what it leaves to the yaml library', () => {
  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing\n'],
    ['a top-level list', '- a\n- b'],
    ['a top-level scalar', 'text'],
    ['anchors and aliases', 'a: &x 1\nb: *x'],
    ['tags', 'a: !!str 1'],
    ['block scalars', 'a: |\n  text\nb: >\n  text'],
    ['a plain scalar over two lines', 'a: one\n  two'],
    ['a quoted scalar over two lines', 'a: "one\n  two"'],
    ['a flow collection over two lines', 'a: { b: 1,\n  c: 2 }'],
    ['duplicate keys', 'a: 1\na: 2'],
    ['keys equal as values', '1: a\n01: b'],
    ['__proto__', '__proto__: 1'],
    ['a tab', 'a:\t1'],
    ['CR line ends', 'a: 1\r\nb: 2'],
    ['a byte-order mark', '\uFEFFa: 1'],
    ['a control character', 'a: "x\u0007"'],
    ['\\u and \\x escapes', 'a: "\\u0041"\nb: "\\x41"'],
    ['an unknown escape', 'a: "\\q"'],
    ['a mapping on one line', 'a: b: c'],
    ['a key without a space after the colon', 'a:b'],
    ['quoted keys', '"a": 1'],
    ['keys with spaces', 'a b: 1'],
    ['document markers and directives', '---\na: 1', '%YAML 1.2\n---\na: 1'],
    ['a trailing comma in a flow collection', 'a: [1, 2, ]'],
    ['a flow key without ": "', 'a: {b:1}'],
    ['a flow entry without a value', 'a: { b: , c: 1 }'],
    ['colons and # in flow plain scalars', 'a: [12:30]', 'a: [a#b]'],
    ['nested sequences on one line', 'a:\n  - - x'],
    ['indentation that does not line up', 'a:\n    b: 1\n  c: 2'],
    ['text after a closing quote', 'a: "x" y'],
    ['a dash alone as a value', 'a: -'],
    // the library takes only spaces as indentation: these are content, and a mistake there
    ['a no-break space as indentation', 'a:\n\u00a0 b: 1', 'a:\n  \u00a0b: 1', 'a:\n\u00a0- x'],
    ['other Unicode spaces as indentation', 'a:\n\u2003b: 1', 'a:\n\u3000\u3000b: 1', 'a:\n-\u2002x: 1'],
    ['a key over 1,024 characters', `${'k'.repeat(1025)}: 1`, `a: { ${'k'.repeat(1025)}: 1 }`, `a:\n  - ${'k'.repeat(1025)}: 1`],
  ])('%s', (_name, ...texts) => {
    for (const text of texts) expect(fastYamlValue(text)).toBeUndefined();
  });
});

// Documents put together from pieces the reader takes and pieces it does not, in random order
// and nesting: whatever it returns must be the library's value.
const PLAIN = ['a\u00a0b', '\u00a0x', 'x\u2003', '\u3000', '\u2028',  '-0', '+5', '007', '0o17', '0x1F', '1e3', '.5', '5.', '.inf', '-.Inf', '.NaN', 'null', '~', 'true', 'False', 'yes', '2003-05-20', 'a b', 'a#b', 'a #b', 'x: y', 'x:', '-', '- x', '-5', '$unit', 'http://x', '(x)', "it's", 'a,b', '[a]', '{a}', '12:30', '1_000', '&a', '*a', '!t x', '|', '>', '%x', '@x', '?x', ':x', 'é', 'tab\there'];
const QUOTED = ['"plain"', '"a\\nb"', '"\\"q\\""', '"\\u0041"', '"\\q"', '"it\'s"', '"a # b"', '"x: y"', "'s'", "'it''s'", "'a \" b'", '""', "''", '"unclosed', "'unclosed"];
const KEYS = ['a', 'b', 'c', 'd', 'e', 'id', 'value', '4Q02', 'FY2002', '2002', 'a.b', 'x-y', '$k'];
const ODD_KEYS = ['k'.repeat(1024), 'k'.repeat(1025), 'a\u00a0', '\u00a0a', '007', '1e3', 'true', 'null', '~', '__proto__', 'constructor', 'a b', '"q"', '-k', '?k', 'a:b'];

function documentFrom(seed: number): string {
  let s = seed >>> 0 || 1;
  const rnd = (n: number): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) % n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[rnd(xs.length)]!;
  const key = (): string => (rnd(8) === 0 ? pick(ODD_KEYS) : pick(KEYS));
  const scalar = (): string => (rnd(3) === 0 ? pick(QUOTED) : pick(PLAIN));
  const flow = (depth: number): string => {
    const n = rnd(4);
    if (rnd(2) === 0) return `[${Array.from({ length: n }, () => (depth < 2 && rnd(4) === 0 ? flow(depth + 1) : scalar())).join(pick([', ', ',', ' , ']))}${rnd(8) === 0 ? ', ' : ''}]`;
    return `{ ${Array.from({ length: n }, () => `${key()}${pick([': ', ':', ' : '])}${depth < 2 && rnd(4) === 0 ? flow(depth + 1) : scalar()}`).join(', ')} }`;
  };
  const comment = (): string => (rnd(4) === 0 ? pick([' # c', '  #c', '#c']) : '');
  const lines: string[] = [];
  // now and then a Unicode space (no-break, em, ideographic) where indentation goes
  const unicodeSpace = (): string => (rnd(12) === 0 ? pick(['\u00a0', '\u2003', '\u3000', '\u2002', '\u202f']) : '');
  const block = (indent: number, depth: number, seq: boolean): void => {
    const pad = ' '.repeat(indent) + unicodeSpace();
    const n = 1 + rnd(3);
    for (let i = 0; i < n; i++) {
      if (rnd(6) === 0) lines.push(pick(['', `${pad}# note`, '   ', `${pad}  # deeper`]));
      const head = seq ? `${pad}-${pick([' ', '  ', '', ' \u00a0'])}` : `${pad}${key()}:`;
      const r = rnd(depth < 3 ? 6 : 3);
      if (r === 0) lines.push(`${head}${seq ? '' : ' '}${scalar()}${comment()}`);
      else if (r === 1) lines.push(`${head}${seq ? '' : ' '}${flow(0)}${comment()}`);
      else if (r === 2) lines.push(`${head}${comment()}`);
      else {
        lines.push(`${head}${comment()}`);
        // nested: deeper, or a sequence at the key's own indentation, sometimes misaligned
        const child = rnd(3) === 0 && !seq ? indent : indent + pick([1, 2, 2, 4]);
        block(child, depth + 1, child === indent ? true : rnd(2) === 0);
      }
    }
  };
  block(0, 0, rnd(10) === 0);
  if (rnd(10) === 0) lines.splice(rnd(lines.length + 1), 0, pick(['\ta: 1', 'a: 1\r', '---', 'x: &a 1']));
  return lines.join('\n');
}

describe('on generated documents', () => {
  it('gives the library’s value or leaves the document to it', () => {
    let taken = 0;
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const text = documentFrom(seed);
        if (fastYamlValue(text) !== undefined) taken++;
        return agrees(text);
      }),
      { numRuns: 5000 },
    );
    // the generator is not so hostile that the reader never takes anything
    expect(taken).toBeGreaterThan(500);
  });
});

// Problems in a file the fast reader takes are placed from the positions it records
// (src/model/fast-locate.ts): at every path of the value, and at paths that do not exist,
// the same line and column as the yaml library's document gives (load.ts's locate).
function documentLocate(text: string): { locate(path: PropertyKey[]): string; locateKey(path: PropertyKey[]): string | undefined } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const pos = (offset: number): string => {
    const p = lineCounter.linePos(offset);
    return `${p.line}:${p.col}`;
  };
  const nodeAt = (path: PropertyKey[]): { key?: YamlNode; value?: YamlNode } => {
    let found: { key?: YamlNode; value?: YamlNode } = { value: (doc.contents ?? undefined) as YamlNode | undefined };
    for (const p of path) {
      const node = found.value;
      if (isMap(node)) {
        const pair = node.items.find((it) => isScalar(it.key) && jsKey(it.key.value) === String(p));
        if (!pair) return {};
        found = { key: pair.key as YamlNode, value: (pair.value ?? undefined) as YamlNode | undefined };
      } else if (isSeq(node) && typeof p === 'number') found = { value: (node.items[p] ?? undefined) as YamlNode | undefined };
      else return {};
    }
    return found;
  };
  const locate = (path: PropertyKey[]): string => {
    for (let n = path.length; n >= 0; n--) {
      const found = nodeAt(path.slice(0, n));
      if (found.value?.range) return pos(found.value.range[0]);
      if (found.key?.range) return pos(found.key.range[0]);
    }
    return '1:1';
  };
  return { locate, locateKey: (path) => (nodeAt(path).key?.range ? pos(nodeAt(path).key!.range![0]) : undefined) };
}

function pathsOf(v: unknown, path: PropertyKey[] = [], out: PropertyKey[][] = []): PropertyKey[][] {
  out.push(path);
  if (Array.isArray(v)) v.forEach((x, i) => pathsOf(x, [...path, i], out));
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) pathsOf(x, [...path, k], out);
  return out;
}

function placesAgree(text: string): boolean {
  const fast = fastLocator(text);
  if (!fast) return true;
  const lib = documentLocate(text);
  const paths = pathsOf(fastYamlValue(text));
  // and paths that go one step past what exists
  for (const p of [...paths]) paths.push([...p, 'nowhere'], [...p, 99]);
  return paths.every((p) => {
    const f = fast.locate(p);
    const k = fast.locateKey(p);
    return `${f.line}:${f.col}` === lib.locate(p) && (k ? `${k.line}:${k.col}` : undefined) === lib.locateKey(p);
  });
}

describe('placing problems from the fast reader’s positions', () => {
  it('agrees with the yaml library’s document on the repository’s YAML files', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: ROOT, encoding: 'utf8' }).trim().split('\n');
    for (const f of files) expect(placesAgree(readFileSync(join(ROOT, f), 'utf8')), f).toBe(true);
  });

  it.each([-394152865, 311563158])('agrees with it on a null key (the JS value has it as ""): seed %i found one', (seed) => {
    expect(placesAgree(documentFrom(seed))).toBe(true);
  });

  it('agrees with it on generated documents', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => placesAgree(documentFrom(seed))),
      { numRuns: 2000 },
    );
  });
});
