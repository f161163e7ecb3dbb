// Collect what a workbook writer sends to its stream, for byte-for-byte comparisons.
import { Writable } from 'node:stream';

export async function writtenBytes<W, O>(write: (workbook: W, out: Writable, options: O) => Promise<void>, workbook: W, options: O): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const out = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise<void>((res) => out.on('finish', res));
  await write(workbook, out, options);
  await finished;
  return Buffer.concat(chunks);
}
