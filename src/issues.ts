// User mistakes travel as data, never as thrown exceptions.

import type * as z from 'zod';

/**
 * Every code an issue can have, one documented union (docs/api.md lists each with its
 * meaning; test/api/issue-codes.test.ts holds the list and the page together). An issue made
 * with a code not listed here fails the type-check.
 */
export const ISSUE_CODES = [
  'anchor_outside',
  'cell_formula',
  'cell_text',
  'chart_format',
  'charts_sheet_name',
  'compare_outside_if',
  'control_character',
  'csv_empty',
  'csv_syntax',
  'csv_value',
  'cycle',
  'data_labels_percent',
  'defined_name',
  'diff_failed',
  'drivers_tables',
  'duplicate_chart',
  'duplicate_check',
  'duplicate_column',
  'duplicate_line',
  'duplicate_period',
  'duplicate_sheet',
  'duplicate_sheet_name',
  'duplicate_value_column',
  'each',
  'empty_file',
  'explained_twice',
  'extends_cycle',
  'extends_depth',
  'figure_count',
  'figure_no_column',
  'figure_not_meaningful',
  'figure_not_shown',
  'figure_percent',
  'figure_syntax',
  'figure_twice',
  'file_too_large',
  'file_unreadable',
  'formula_missing',
  'formula_syntax',
  'function_arity',
  'key_figure_ref',
  'missing_period',
  'missing_value',
  'no_scenarios',
  'no_selector',
  'no_value_column',
  'not_a_driver',
  'not_a_file',
  'not_finite',
  'nothing_printed',
  'out_extension',
  'output_refused',
  'pdf_failed',
  'period_needed',
  'period_not_shown',
  'pie_series',
  'precision',
  'printed_input',
  'printed_missing',
  'printed_not_a_line',
  'range_order',
  'range_outside_sum',
  'range_period',
  'range_span',
  'reason_not_needed',
  'reason_within_rounding',
  'reserved_check_id',
  'reserved_name',
  'round_digits',
  'scenario_arity',
  'series_sheets',
  'share_other_table',
  'sheet_name',
  'template_shape',
  'text_encoding',
  'text_too_long',
  'time_function',
  'too_deep',
  'too_many_columns',
  'too_many_rows',
  'unknown_check',
  'unknown_column',
  'unknown_input',
  'unknown_job',
  'unknown_line',
  'unknown_period',
  'unknown_reason',
  'unknown_scenario',
  'unknown_sheet',
  'unknown_table',
  'unqualified_ref',
  'unused_line',
  'unused_value',
  'value_computed',
  'value_differs',
  'value_twice',
  'write_failed',
  'wrong_file_kind',
  'yaml_alias_cycle',
  'yaml_alias_limit',
  'yaml_syntax',
  // a zod schema's own issues (model, template, jobs file), as zod-messages.ts names them
  'schema_unknown_key',
  'schema_invalid_type',
  'schema_too_big',
  'schema_too_small',
  'schema_invalid_format',
  'schema_not_multiple_of',
  'schema_invalid_union',
  'schema_invalid_key',
  'schema_invalid_element',
  'schema_invalid_value',
  'schema_custom',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

/** A zod schema's own issue, as finbook names it: `schema_` and zod's code. */
export type SchemaIssueCode = 'schema_unknown_key' | `schema_${Exclude<z.core.$ZodIssue['code'], 'unrecognized_keys'>}`;

/** zod's issue codes all have their name in ISSUE_CODES (fails to compile when zod adds one). */
const schemaCodesListed: readonly IssueCode[] = [] as SchemaIssueCode[];
void schemaCodesListed;

export interface SourcePosition {
  file: string;
  line: number;
  col: number;
}

export interface Issue {
  code: IssueCode;
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
