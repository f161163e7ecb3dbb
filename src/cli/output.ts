// The CLI's printing: the process's streams, and the shared Output helpers (src/services/output.ts).
import type { Output } from '../services/output.js';

export type { Output } from '../services/output.js';
export { issuesJson, MAX_JSON_ISSUES, MAX_SHOWN_ISSUES, reportFailure, reportIssues } from '../services/output.js';

/**
 * A stream whose reader has gone (`finbook validate | head -3`): what is printed after that is
 * dropped quietly, and the command finishes its work and exits with its own code (a write
 * under way is completed or cleaned up as usual, never cut off halfway).
 */
const closed = new Set<NodeJS.WriteStream>();

export function dropOutputWhenClosed(stream: NodeJS.WriteStream): void {
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') throw err;
    closed.add(stream);
  });
}

const print = (stream: NodeJS.WriteStream, line: string): void => {
  if (!closed.has(stream)) stream.write(`${line}\n`);
};

export const processOutput: Output = {
  out: (line) => print(process.stdout, line),
  err: (line) => print(process.stderr, line),
};

