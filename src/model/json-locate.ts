// Placing a problem in a JSON file (one parseJsonStrictly took) from its text, instead of the
// yaml library's document: the same answers as locate() in load.ts gives from the document
// (the value at a path, or the nearest existing ancestor's value), without building a node
// for every value. The document of a generated model with a million values took over a
// gigabyte; a wide model with tens of thousands of over-long numbers needed it for their
// warnings.
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

/** [key offset, value offset]; a key offset of -1 for an array's item. */
type Entry = readonly [number, number];

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** A locator over a text that is plain JSON without a key given twice (parseJsonStrictly). */
export function jsonLocator(text: string): JsonLocator {
  const containers = new Map<number, Map<string, Entry>>();
  const rootAt = skipSpace(text, 0);

  const membersAt = (at: number): Map<string, Entry> => {
    let members = containers.get(at);
    if (!members) containers.set(at, (members = indexContainer(text, at)));
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

/** The members of the object or array starting at `at`, by key (an array's by index). */
function indexContainer(text: string, at: number): Map<string, Entry> {
  const members = new Map<string, Entry>();
  const isArray = text.charCodeAt(at) === 0x5b;
  let i = skipSpace(text, at + 1);
  for (let n = 0; text.charCodeAt(i) !== (isArray ? 0x5d : 0x7d); n++) {
    let key = String(n);
    let keyAt = -1;
    if (!isArray) {
      keyAt = i;
      const end = skipString(text, i);
      const raw = text.slice(i + 1, end - 1);
      key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
      i = skipSpace(text, skipSpace(text, end) + 1); // past the colon
    }
    members.set(key, [keyAt, i]);
    i = skipSpace(text, skipValue(text, i));
    if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
  }
  return members;
}

/** JSON's white space: space, tab, line feed, carriage return. */
function skipSpace(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/** Just past the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  for (let end = text.indexOf('"', i + 1); ; end = text.indexOf('"', end + 1)) {
    // a quote preceded by an odd number of backslashes is escaped
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end + 1;
  }
}

/** Just past the value starting at `i`. */
function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c !== 0x7b && c !== 0x5b) {
    // a number, true, false or null: up to the next delimiter or white space
    for (let d = c; !(d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09 || Number.isNaN(d)); d = text.charCodeAt(++i));
    return i;
  }
  let depth = 0;
  for (;;) {
    const d = text.charCodeAt(i);
    if (d === QUOTE) {
      i = skipString(text, i);
      continue;
    }
    if (d === 0x7b || d === 0x5b) depth++;
    else if ((d === 0x7d || d === 0x5d) && --depth === 0) return i + 1;
    i++;
  }
}
