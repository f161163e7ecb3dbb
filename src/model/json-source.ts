import { scanContainer, skipSpace } from './json-scan.js';
import { MAX_NESTING } from './nesting.js';

// JSON models without the YAML document. A YAML document of a model with a million values
// takes 15 s and 1.2 GB to build (every scalar a node with its source range); JSON.parse
// takes 0.3 s. The document is still what places an issue in the file, so the loader
// builds it only when there is an issue to place (load.ts).

/**
 * The value of a JSON text, or undefined when the text is not plain JSON or gives a key
 * twice in one object (JSON.parse keeps the last silently; the YAML parser then reports
 * the text's problems with their positions).
 */
export function parseJsonStrictly(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  // too deep (NaN): the YAML path finds where, before its parser recurses (nesting.ts)
  return keysInText(text) === keysInValue(value, 0) ? value : undefined;
}

/**
 * The value of a JSON text as parseJsonStrictly gives it, but with the top-level member `key`
 * read from the text by `take` (json-values.ts: a model's values), the rest by JSON.parse;
 * in the value, the member is null. Undefined when `take` does not take the member or the
 * text is not plain JSON: the caller then reads the text with parseJsonStrictly.
 */
export function parseJsonTaking<T>(text: string, key: string, take: (text: string, from: number) => { value: T; end: number } | undefined): { value: Record<string, unknown>; taken: T } | undefined {
  const root = skipSpace(text, 0);
  if (text.charCodeAt(root) !== 0x7b) return undefined;
  let found: { from: number; to: number; taken: T } | undefined;
  let refused = false;
  scanContainer(text, root, (k, at) => {
    if (k !== key) return undefined;
    // given twice, or not taken: JSON.parse's way reports it
    const t = found ? undefined : take(text, at);
    if (!t) return ((refused = true), -1);
    found = { from: at, to: t.end, taken: t.value };
    return t.end;
  });
  if (refused || !found) return undefined;
  // the rest, with null in the member's place, is checked as parseJsonStrictly checks a text
  const value = parseJsonStrictly(`${text.slice(0, found.from)}null${text.slice(found.to)}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value) || (value as Record<string, unknown>)[key] !== null) return undefined;
  return { value: value as Record<string, unknown>, taken: found.taken };
}

// space, tab, line feed, carriage return: JSON's only white space
const JSON_SPACE = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Object keys written in valid JSON text: strings followed by a colon. */
function keysInText(text: string): number {
  let keys = 0;
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i + 1)) {
    let end = i + 1;
    // skip the string, escapes included
    for (let c = text.charCodeAt(end); c !== 0x22; c = text.charCodeAt(end)) end += c === 0x5c ? 2 : 1;
    let next = end + 1;
    while (JSON_SPACE.has(text.charCodeAt(next))) next++;
    if (text.charCodeAt(next) === 0x3a) keys++;
    i = end;
  }
  return keys;
}

/** Keys in a value, or NaN when it nests deeper than MAX_NESTING. */
function keysInValue(value: unknown, depth: number): number {
  if (typeof value !== 'object' || value === null) return 0;
  if (depth >= MAX_NESTING) return NaN;
  let keys = 0;
  if (Array.isArray(value)) for (const v of value) keys += keysInValue(v, depth + 1);
  else
    for (const k in value) {
      const v = (value as Record<string, unknown>)[k];
      keys += 1 + (typeof v === 'object' ? keysInValue(v, depth + 1) : 0);
    }
  return keys;
}
