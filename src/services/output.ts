// Everything an export prints goes through an Output: the CLI gives the process's streams,
// `finbook batch` and the queue worker capture the lines, tests capture them in-process.
import type { Issue } from '../issues.js';
import { formatIssue } from '../issues.js';

export interface Output {
  out(line: string): void;
  err(line: string): void;
}

/** Issues as data: every field spelled out (severity included) for scripts reading --json. */
export function issuesJson(issues: readonly Issue[]): Issue[] {
  return issues.map((i) => ({ severity: i.severity ?? 'error', code: i.code, message: i.message, ...(i.path ? { path: i.path } : {}), ...(i.source ? { source: i.source } : {}), ...(i.detail ? { detail: i.detail } : {}) }));
}

/** Problems printed in full; past these, a count (a file can have tens of thousands of them). */
export const MAX_SHOWN_ISSUES = 100;
/** Problems listed under --json; past these, `omitted` counts the rest. */
export const MAX_JSON_ISSUES = 1000;

export function reportIssues(o: Output, issues: Issue[], json: boolean): void {
  if (json) {
    const omitted = Math.max(0, issues.length - MAX_JSON_ISSUES);
    o.out(JSON.stringify({ ok: issues.every((i) => i.severity === 'warning'), issues: issuesJson(issues.slice(0, MAX_JSON_ISSUES)), ...(omitted > 0 ? { omitted } : {}) }, null, 2));
    return;
  }
  for (const i of issues.slice(0, MAX_SHOWN_ISSUES)) o.err(formatIssue(i));
  if (issues.length > MAX_SHOWN_ISSUES) o.err(`… and ${(issues.length - MAX_SHOWN_ISSUES).toLocaleString('en-US')} more (the first ${MAX_SHOWN_ISSUES} are shown)`);
  const errors = issues.filter((i) => i.severity !== 'warning').length;
  if (errors > 0) o.err(`${errors.toLocaleString('en-US')} problem${errors === 1 ? '' : 's'} found; nothing was written.`);
}

/** A failure of the environment (a file that cannot be written): one line, or JSON under --json. */
export function reportFailure(o: Output, issue: Issue, json: boolean): void {
  if (json) o.out(JSON.stringify({ ok: false, issues: issuesJson([issue]) }, null, 2));
  else o.err(formatIssue(issue));
}
