// User mistakes travel as data, never as thrown exceptions.

export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

export interface Issue {
  code: string;
  message: string;
  /** Dotted path inside the file, e.g. periods[2].end */
  path?: string;
  source?: SourcePosition;
  severity?: 'error' | 'warning';
  /** Extra lines printed under the message (a caret under a formula, a cycle path). */
  detail?: string[];
}

export type Result<T> = { ok: true; value: T; warnings: Issue[] } | { ok: false; issues: Issue[] };

export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}

export function formatIssue(issue: Issue): string {
  const where = issue.source ? `${issue.source.file}:${issue.source.line}:${issue.source.col} ` : '';
  const path = issue.path ? `${issue.path}: ` : '';
  const head = `${issue.severity === 'warning' ? 'warning: ' : ''}${where}${path}${issue.message}`;
  return issue.detail?.length ? [head, ...issue.detail.map((d) => `    ${d}`)].join('\n') : head;
}
