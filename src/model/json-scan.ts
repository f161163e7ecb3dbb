// Moving through JSON text without parsing it: white space, strings and whole values skipped.
// Every step stops at the end of the text, so a text that is not JSON ends a scan early
// instead of looping (the callers check what they found).

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** JSON's white space: space, tab, line feed, carriage return. */
export function skipSpace(text: string, i: number): number {
  for (let c = text.charCodeAt(i); c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09; c = text.charCodeAt(++i));
  return i;
}

/** Just past the string whose opening quote is at `i` (the text's end if it never closes). */
export function skipString(text: string, i: number): number {
  for (let end = text.indexOf('"', i + 1); end >= 0; end = text.indexOf('"', end + 1)) {
    // a quote preceded by an odd number of backslashes is escaped
    let slashes = 0;
    while (text.charCodeAt(end - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return end + 1;
  }
  return text.length;
}

/** Just past the value starting at `i` (a number, true, false and null end at a delimiter). */
export function skipValue(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c === QUOTE) return skipString(text, i);
  if (c !== 0x7b && c !== 0x5b) {
    for (let d = c; !(d === 0x2c || d === 0x7d || d === 0x5d || d === 0x20 || d === 0x0a || d === 0x0d || d === 0x09 || Number.isNaN(d)); d = text.charCodeAt(++i));
    return i;
  }
  let depth = 0;
  while (i < text.length) {
    const d = text.charCodeAt(i);
    if (d === QUOTE) {
      i = skipString(text, i);
      continue;
    }
    if (d === 0x7b || d === 0x5b) depth++;
    else if ((d === 0x7d || d === 0x5d) && --depth === 0) return i + 1;
    i++;
  }
  return text.length;
}

/** [key offset, value offset]; a key offset of -1 for an array's item. */
export type Entry = readonly [number, number];

/**
 * The members of the object or array starting at `at`, by key (an array's by index), in the
 * order written. `visit` may take a member's value itself and say where it ends (or -1 to
 * stop); by default a value is skipped. Stops at anything that is not JSON.
 */
export function scanContainer(text: string, at: number, visit?: (key: string, valueAt: number) => number | undefined): Map<string, Entry> {
  const members = new Map<string, Entry>();
  const isArray = text.charCodeAt(at) === 0x5b;
  const close = isArray ? 0x5d : 0x7d;
  let i = skipSpace(text, at + 1);
  for (let n = 0; i < text.length && text.charCodeAt(i) !== close; n++) {
    let key = String(n);
    let keyAt = -1;
    if (!isArray) {
      if (text.charCodeAt(i) !== QUOTE) break;
      keyAt = i;
      const end = skipString(text, i);
      const raw = text.slice(i + 1, end - 1);
      key = raw.includes('\\') ? (JSON.parse(text.slice(i, end)) as string) : raw;
      i = skipSpace(text, end);
      if (text.charCodeAt(i) !== 0x3a) break;
      i = skipSpace(text, i + 1);
    }
    members.set(key, [keyAt, i]);
    const taken = visit?.(key, i);
    if (taken !== undefined && taken < 0) break;
    const next = skipSpace(text, taken ?? skipValue(text, i));
    if (next === i) break;
    i = next;
    if (text.charCodeAt(i) === 0x2c) i = skipSpace(text, i + 1);
  }
  return members;
}
