// Collect what a workbook writer sends to its stream, for byte-for-byte comparisons.
import type { Writable } from 'node:stream';
import { bytesWrittenBy } from '../../src/write/bytes-sink.js';

export function writtenBytes<W, O>(write: (workbook: W, out: Writable, options: O) => Promise<void>, workbook: W, options: O): Promise<Buffer> {
  return bytesWrittenBy((out) => write(workbook, out, options));
}
