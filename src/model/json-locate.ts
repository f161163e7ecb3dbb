// Placing a problem in a JSON file (one parseJsonStrictly took) from its text, instead of the
// yaml library's document: the same answers as locate() in load.ts gives from the document
// (the value at a path, or the nearest existing ancestor's value), without building a node
// for every value. The document of a generated model with a million values took over a
// gigabyte; a wide model with tens of thousands of over-long numbers needed it for their
// warnings.
import type { Entry } from './json-scan.js';
import { scanContainer, skipSpace, skipValue } from './json-scan.js';
//
// Only the objects and arrays on the way to a path are indexed (each once, when first
// walked): the values beside them are skipped by scanning their text.

export interface JsonLocator {
  /** Position of the value at a path, or of its nearest existing ancestor's value. */
  locate(path: readonly PropertyKey[]): { line: number; col: number };
  /** The key's position, or undefined when the path names no key (then locate() answers). */
  locateKey(path: readonly PropertyKey[]): { line: number; col: number } | undefined;
  /** The string at a path: where its text starts (its opening quote) and ends, and its value. */
  stringAt(path: readonly PropertyKey[]): { from: number; to: number; value: string } | undefined;
  /** Line and column of a character of the text. */
  position(offset: number): { line: number; col: number };
}

const QUOTE = 0x22;

/** A locator over a text that is plain JSON without a key given twice (parseJsonStrictly). */
export function jsonLocator(text: string): JsonLocator {
  const containers = new Map<number, Map<string, Entry>>();
  const rootAt = skipSpace(text, 0);

  const membersAt = (at: number): Map<string, Entry> => {
    let members = containers.get(at);
    if (!members) containers.set(at, (members = scanContainer(text, at)));
    return members;
  };

  /** The entries of each step of the path that exists, from the first step. */
  const along = (path: readonly PropertyKey[]): Entry[] => {
    const found: Entry[] = [];
    let at = rootAt;
    for (const step of path) {
      const open = text.charCodeAt(at);
      // as load.ts's nodeAt: a mapping's key by its text, a sequence's item by a number only
      if (open === 0x5b && typeof step !== 'number') break;
      if (open !== 0x7b && open !== 0x5b) break;
      const entry = membersAt(at).get(String(step));
      if (!entry) break;
      found.push(entry);
      at = entry[1];
    }
    return found;
  };

  // line starts, found as far as asked for
  const lineStarts = [0];
  const position = (offset: number): { line: number; col: number } => {
    for (let nl = text.indexOf('\n', lineStarts[lineStarts.length - 1]!); nl >= 0 && nl < offset; nl = text.indexOf('\n', nl + 1)) lineStarts.push(nl + 1);
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
  };

  return {
    locate(path) {
      const found = along(path);
      return position(found.length > 0 ? found[found.length - 1]![1] : rootAt);
    },
    locateKey(path) {
      const found = along(path);
      const last = found.length === path.length ? found[found.length - 1] : undefined;
      return last && last[0] >= 0 ? position(last[0]) : undefined;
    },
    stringAt(path) {
      const found = along(path);
      if (found.length !== path.length) return undefined;
      const from = path.length > 0 ? found[found.length - 1]![1] : rootAt;
      if (text.charCodeAt(from) !== QUOTE) return undefined;
      const to = skipValue(text, from);
      return { from, to, value: JSON.parse(text.slice(from, to)) as string };
    },
    position,
  };
}
