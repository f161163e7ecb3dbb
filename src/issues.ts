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

/** Issues in the order a reader meets them: by file, then line and column; stable otherwise. */
export function sortIssues(issues: readonly Issue[]): Issue[] {
  const order = new Map<string, number>();
  for (const i of issues) if (i.source && !order.has(i.source.file)) order.set(i.source.file, order.size);
  return issues
    .map((issue, n) => ({ issue, n }))
    .sort((a, b) => {
      const sa = a.issue.source;
      const sb = b.issue.source;
      if (!sa || !sb) return sa ? -1 : sb ? 1 : a.n - b.n;
      return order.get(sa.file)! - order.get(sb.file)! || sa.line - sb.line || sa.col - sb.col || a.n - b.n;
    })
    .map((x) => x.issue);
}

export function isError(issue: Issue): boolean {
  return issue.severity !== 'warning';
}

/** Characters shown either side of a caret: a formula of thousands of characters is cut around it. */
const CARET_CONTEXT = 60;

/** The line of a (possibly multi-line) formula holding `pos`, and a caret under that column. */
export function caretLines(text: string, pos: number): string[] {
  const body = text.replace(/\s+$/, '');
  const at = Math.min(pos, body.length);
  let start = 0;
  for (const line of body.split('\n')) {
    if (at <= start + line.length) return clipped(line.replace(/\t/g, ' '), at - start);
    start += line.length + 1;
  }
  return clipped(body, at);
}

function clipped(line: string, col: number): string[] {
  const from = Math.max(0, col - CARET_CONTEXT);
  const to = Math.min(line.length, col + CARET_CONTEXT);
  const head = from > 0 ? '…' : '';
  return [`${head}${line.slice(from, to)}${to < line.length ? '…' : ''}`, `${' '.repeat(head.length + col - from)}^`];
}
