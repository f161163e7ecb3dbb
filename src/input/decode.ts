// Input text is UTF-8, or UTF-16 with a byte-order mark (as YAML 1.2 allows). Anything else
// is refused at its first byte that is not UTF-8, with its line and column: reading a
// Windows-1252 file as UTF-8 would turn "Müller" into "M\uFFFDller" without a word.
import { isUtf8 } from 'node:buffer';

export type Decoded = { ok: true; text: string } | { ok: false; message: string; line: number; col: number };

const UTF8_BOM = [0xef, 0xbb, 0xbf];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean => prefix.every((b, i) => bytes[i] === b);

export function decodeText(bytes: Uint8Array): Decoded {
  if (startsWith(bytes, [0x00, 0x00, 0xfe, 0xff]) || startsWith(bytes, [0xff, 0xfe, 0x00, 0x00]))
    return { ok: false, message: 'the file is UTF-32; finbook reads UTF-8 (or UTF-16 with a byte-order mark): save it as UTF-8', line: 1, col: 1 };
  if (startsWith(bytes, [0xff, 0xfe])) return utf16(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return utf16(bytes.subarray(2), 'utf-16be');
  const body = startsWith(bytes, UTF8_BOM) ? bytes.subarray(3) : bytes;
  if (!isUtf8(body)) return notUtf8(body);
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  // NUL is valid UTF-8 but no text file holds it: UTF-16 without a byte-order mark, or binary
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const { line, col } = positionIn(text, nul);
    const message = /^\0.|^.\0/s.test(text)
      ? 'the file looks like UTF-16 without a byte-order mark; save it as UTF-8'
      : 'the file holds a NUL byte: it is not a text file';
    return { ok: false, message, line, col };
  }
  return { ok: true, text };
}

function utf16(body: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  if (body.length % 2 !== 0) {
    const { line, col } = positionIn(new TextDecoder(encoding).decode(body.subarray(0, body.length - 1)), Infinity);
    return { ok: false, message: `the file starts with a ${encoding.toUpperCase()} byte-order mark but ends in half a character`, line, col };
  }
  const text = new TextDecoder(encoding).decode(body);
  // an unpaired surrogate decodes to U+FFFD; the file itself cannot have held U+FFFD there
  // unless it wrote one, so compare with a strict decoder before calling it an error
  try {
    new TextDecoder(encoding, { fatal: true }).decode(body);
  } catch {
    const at = firstBadUtf16(body, encoding === 'utf-16le');
    const { line, col } = positionIn(new TextDecoder(encoding).decode(body.subarray(0, at)), Infinity);
    return { ok: false, message: `the file is not valid ${encoding.toUpperCase()}: half a surrogate pair`, line, col };
  }
  return text.includes('\0') ? { ok: false, message: 'the file holds a NUL character: it is not a text file', ...positionIn(text, text.indexOf('\0')) } : { ok: true, text };
}

function firstBadUtf16(body: Uint8Array, le: boolean): number {
  const unit = (i: number): number => (le ? body[i]! | (body[i + 1]! << 8) : (body[i]! << 8) | body[i + 1]!);
  for (let i = 0; i + 1 < body.length; i += 2) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      const next = i + 3 < body.length ? unit(i + 2) : -1;
      if (next >= 0xdc00 && next <= 0xdfff) i += 2;
      else return i;
    } else if (u >= 0xdc00 && u <= 0xdfff) return i;
  }
  return body.length;
}

function notUtf8(body: Uint8Array): Decoded {
  const at = firstBadUtf8(body);
  const { line, col } = positionIn(Buffer.from(body.buffer, body.byteOffset, at).toString('utf8'), Infinity);
  const byte = body[at]!;
  const hex = `0x${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  // Windows-1252 and Latin-1 put accented letters at 0xC0-0xFF and signs at 0x80-0xBF
  const guess = byte >= 0x80 ? ` (in Windows-1252 it would be '${new TextDecoder('windows-1252').decode(Uint8Array.of(byte))}')` : '';
  return { ok: false, message: `the file is not UTF-8: byte ${hex}${guess} does not start a UTF-8 character; save the file as UTF-8`, line, col };
}

/** Offset of the first byte of the first invalid UTF-8 sequence (RFC 3629: no overlongs, no surrogates, up to U+10FFFF). */
export function firstBadUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const c = b[i]!;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const x = b[i + k];
      if (x === undefined || (x & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (x & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

/** 1-based line and column of character `index` of `text` (Infinity: just after the end). */
function positionIn(text: string, index: number): { line: number; col: number } {
  const upTo = text.slice(0, Math.min(index, text.length));
  const lineStart = upTo.lastIndexOf('\n') + 1;
  let line = 1;
  for (let i = upTo.indexOf('\n'); i >= 0; i = upTo.indexOf('\n', i + 1)) line++;
  return { line, col: upTo.length - lineStart + 1 };
}
