// The delivery state behind --if-changed: a small JSON file next to the workbook that records
// the SHA-256 of the last workbook delivered. Workbook bytes are reproducible (fixed dates
// in the file and in its zip entries), so an unchanged model gives an unchanged hash.
import { dirname, join } from 'node:path';
import * as z from 'zod';
import { readInputFile } from '../input/read.js';
import { writeFileAtomically } from '../write/atomic.js';
import { hiddenNameFor } from '../write/safe-path.js';

const STATE_MARK = '.finbook-delivered.json';

const stateSchema = z.object({
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  file: z.string(),
  delivered_at: z.string(),
  recipients: z.array(z.string()),
});

export type DeliveryState = z.infer<typeof stateSchema>;

export function statePathFor(workbook: string): string {
  return join(dirname(workbook), `${hiddenNameFor(workbook, STATE_MARK.length)}${STATE_MARK}`);
}

/** The last delivery, or null when there is none (or the file is unreadable: deliver again). */
export async function readState(workbook: string): Promise<DeliveryState | null> {
  // a regular file only (never wait on a FIFO put there), and not one of the command's inputs: it is rewritten
  const read = readInputFile(statePathFor(workbook), 64 * 1024, false);
  if (!read.ok) return null;
  try {
    const parsed = stateSchema.safeParse(JSON.parse(read.bytes.toString('utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeState(workbook: string, state: DeliveryState): Promise<void> {
  await writeFileAtomically(statePathFor(workbook), async (out) => {
    out.end(`${JSON.stringify(state, null, 2)}\n`);
  });
}

/** SHA-256 of a file in hex, or null when it does not exist. */
export { sha256OfFile } from '../write/atomic.js';
