// Everything the CLI prints goes through here, so tests can capture it in-process.
import type { Issue } from '../issues.js';
import { formatIssue } from '../issues.js';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

export const processOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export function reportIssues(o: Output, issues: Issue[], json: boolean): void {
  if (json) {
    o.out(JSON.stringify({ ok: issues.every((i) => i.severity === 'warning'), issues }, null, 2));
    return;
  }
  for (const i of issues) o.err(formatIssue(i));
  const errors = issues.filter((i) => i.severity !== 'warning').length;
  if (errors > 0) o.err(`${errors} problem${errors === 1 ? '' : 's'} found; nothing was written.`);
}
