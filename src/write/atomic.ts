// Atomic replacement: write a temporary file in the target's directory, flush it to disk,
// then rename it over the target. A crash at any moment leaves the old file or the new one.
import { randomBytes } from 'node:crypto';
import { createWriteStream, promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import type { Writable } from 'node:stream';

export const TEMP_MARK = '.finbook-tmp-';

export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`);
}

export async function writeFileAtomically(target: string, produce: (out: Writable) => Promise<void>): Promise<void> {
  const temp = tempPathFor(target);
  const handle = await fs.open(temp, 'wx', 0o644);
  try {
    const out = createWriteStream('', { fd: handle.fd, autoClose: false });
    const finished = new Promise<void>((res, rej) => {
      out.on('finish', res);
      out.on('error', rej);
    });
    await produce(out);
    await finished;
    await handle.sync();
    await handle.close();
    await fs.rename(temp, target);
  } catch (err) {
    await handle.close().catch(() => undefined);
    await fs.unlink(temp).catch(() => undefined);
    throw err;
  }
  // make the rename itself durable
  const dir = await fs.open(dirname(target), 'r').catch(() => null);
  if (dir) {
    await dir.sync().catch(() => undefined);
    await dir.close();
  }
}
