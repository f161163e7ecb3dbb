// What a writer sends to a stream, collected into one buffer: the streaming writer's workbook
// before the chart parts are added (charts/with-charts.ts), and the tests' in-process exports.
import { Writable } from 'node:stream';

/** Runs `write` on a stream that keeps every chunk; the bytes once the stream has finished. */
export async function bytesWrittenBy(write: (out: Writable) => Promise<void>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk);
      done();
    },
  });
  const finished = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
  });
  await write(sink);
  await finished;
  return Buffer.concat(chunks);
}
