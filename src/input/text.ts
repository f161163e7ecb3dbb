// An input file as text: a regular file within the size limit (read.ts), in UTF-8 or UTF-16
// with a byte-order mark (decode.ts).
import { decodeText } from './decode.js';
import { readInputFile } from './read.js';

export type TextRead =
  | { ok: true; text: string }
  /** `at`: where in the file the problem is (an encoding error); absent when the file cannot be read at all. */
  | { ok: false; code: 'file_unreadable' | 'not_a_file' | 'file_too_large' | 'text_encoding'; reason: string; at?: { line: number; col: number } };

export function readInputText(path: string): TextRead {
  const read = readInputFile(path);
  if (!read.ok) return read;
  const decoded = decodeText(read.bytes);
  if (!decoded.ok) return { ok: false, code: 'text_encoding', reason: decoded.message, at: { line: decoded.line, col: decoded.col } };
  return { ok: true, text: decoded.text };
}
