// Parser for the appendix tables of the IIJ 4Q / fiscal 2002 press release
// (/work/shared/seeds/002_b770b1f0f6659c42.txt). The statement tables are tab-separated:
// a few header rows whose first cell is empty (bands, then column titles), then one row per
// line item: label, then one cell per column. Test-only code: the engine tests compare the
// workbook's computed figures with these published figures at the printed precision.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type ReleaseTableKey = 'is_q' | 'is_y' | 'bs' | 'cf_q' | 'cf_y';

export interface ReleaseRow {
  /** Row label with HTML tags removed, otherwise verbatim (footnote markers kept). */
  label: string;
  /** True when the release prints the row in bold (<b>...</b>). */
  bold: boolean;
  /** One entry per column: the printed number ("-" is 0), or null for an empty cell. */
  cells: (number | null)[];
  /** One entry per column: the cell's text as printed (tags removed), "" for an empty cell. */
  texts: string[];
  /** Printed number of decimals per column (0 for empty cells). */
  decimals: number[];
  /** True per column when the cell carries a "%" sign. */
  percent: boolean[];
}

export interface ReleaseTable {
  key: ReleaseTableKey;
  /** Heading above the table, e.g. "CONSOLIDATED BALANCE SHEETS (UNAUDITED)". */
  title: string;
  /** Period line below the heading, e.g. "As of Mar 31, 2003, Mar 31, 2002 and Dec 31, 2002". */
  subtitle: string;
  /** Header rows (bands, then column titles) without the empty label cell; one entry per column. */
  headers: string[][];
  /** Number of data columns (the label column not counted). */
  columnCount: number;
  rows: ReleaseRow[];
}

export interface ParsedNumber {
  value: number;
  decimals: number;
  percent: boolean;
}

/** Absolute path of the press release text, resolved from this file's location. */
export const releasePath: string = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../shared/seeds/002_b770b1f0f6659c42.txt',
);

const TAG = /<\/?[a-zA-Z]+[^>]*>/g;

function stripTags(text: string): string {
  return text.replace(TAG, '').replace(/\s+/g, ' ').trim();
}

/**
 * Parses one printed figure: "3,341,255" -> 3341255, "(8.3%)" -> -8.3 (percent),
 * "25.6%" -> 25.6, "(47.52)" -> -47.52, "-905" -> -905, "-" -> 0. Returns null for an
 * empty cell and throws on anything else.
 */
export function parseNumberCell(raw: string): ParsedNumber | null {
  const text = stripTags(raw);
  if (text === '') return null;
  if (text === '-' || text === '–') return { value: 0, decimals: 0, percent: false };
  const m = /^(\()?(-)?([0-9]{1,3}(?:,[0-9]{3})*|[0-9]+)(?:\.([0-9]+))?(%)?(\))?$/.exec(text);
  if (m === null || (m[1] === undefined) !== (m[6] === undefined)) {
    throw new Error(`not a number cell: ${JSON.stringify(raw)}`);
  }
  const [, open, minus, int = '', frac, pct] = m;
  const negative = open !== undefined || minus !== undefined;
  const magnitude = Number(`${int.replace(/,/g, '')}${frac === undefined ? '' : `.${frac}`}`);
  return {
    value: negative && magnitude !== 0 ? -magnitude : magnitude,
    decimals: frac === undefined ? 0 : frac.length,
    percent: pct !== undefined,
  };
}

function tableKey(title: string, subtitle: string): ReleaseTableKey | null {
  const t = title.toUpperCase();
  const quarter = /three months/i.test(subtitle);
  if (t.includes('STATEMENTS OF OPERATIONS')) return quarter ? 'is_q' : 'is_y';
  if (t.includes('BALANCE SHEETS')) return 'bs';
  if (t.includes('STATEMENTS OF CASH FLOWS')) return quarter ? 'cf_q' : 'cf_y';
  return null;
}

/** Removes markdown emphasis and trailing hard-break spaces: "**TITLE**  " -> "TITLE". */
function plain(line: string): string {
  return line.replace(/\*+/g, '').trim();
}

/**
 * Finds the five financial-statement tables of the release (statements of operations for the
 * quarter and the year, balance sheets, cash flows for the quarter and the year), in document
 * order. Other tab-separated tables (KPI tables, reconciliations) are ignored.
 */
export function parseReleaseTables(text: string): ReleaseTable[] {
  const lines = text.split(/\r?\n/);
  const tables: ReleaseTable[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const title = plain(line);
    const isHeading =
      /^\*\*.*\*\*\s*$/.test(line.trim()) &&
      /^(CONDENSED )?CONSOLIDATED (STATEMENTS OF|BALANCE SHEETS)/.test(title);
    if (!isHeading) {
      i += 1;
      continue;
    }
    // Scan to the first tab row; remember the "For the ..." / "As of ..." line on the way.
    let subtitle = '';
    let j = i + 1;
    while (j < lines.length && !(lines[j] ?? '').includes('\t')) {
      const p = plain(lines[j] ?? '');
      if (subtitle === '' && /^(For the|As of)\b/.test(p)) subtitle = p.split(/\s{2,}|\(Expressed/)[0]?.trim() ?? p;
      if (p !== '' && j > i + 1 && /^(CONDENSED )?CONSOLIDATED /.test(p)) break; // next heading, no table
      j += 1;
    }
    const key = tableKey(title, subtitle);
    if (key === null || j >= lines.length || !(lines[j] ?? '').includes('\t')) {
      i = j;
      continue;
    }
    const raw: string[][] = [];
    while (j < lines.length && (lines[j] ?? '').includes('\t')) {
      raw.push((lines[j] ?? '').split('\t'));
      j += 1;
    }
    i = j;

    const headerRaw: string[][] = [];
    let k = 0;
    while (k < raw.length && stripTags(raw[k]?.[0] ?? '') === '') {
      headerRaw.push(raw[k] ?? []);
      k += 1;
    }
    const titleRow = headerRaw[headerRaw.length - 1] ?? [];
    let columnCount = titleRow.length - 1;
    while (columnCount > 0 && stripTags(titleRow[columnCount] ?? '') === '') columnCount -= 1;
    const headers = headerRaw.map((r) => {
      const cells: string[] = [];
      for (let c = 1; c <= columnCount; c += 1) cells.push(stripTags(r[c] ?? ''));
      return cells;
    });

    const rows: ReleaseRow[] = raw.slice(k).map((r) => {
      const labelRaw = r[0] ?? '';
      const cells: (number | null)[] = [];
      const texts: string[] = [];
      const decimals: number[] = [];
      const percent: boolean[] = [];
      for (let c = 1; c <= columnCount; c += 1) {
        let parsed: ParsedNumber | null;
        try {
          parsed = parseNumberCell(r[c] ?? '');
        } catch (e) {
          throw new Error(`${key}: row ${JSON.stringify(stripTags(labelRaw))}, column ${c}: ${(e as Error).message}`);
        }
        cells.push(parsed === null ? null : parsed.value);
        texts.push(stripTags(r[c] ?? ''));
        decimals.push(parsed === null ? 0 : parsed.decimals);
        percent.push(parsed === null ? false : parsed.percent);
      }
      for (let c = columnCount + 1; c < r.length; c += 1) {
        if (stripTags(r[c] ?? '') !== '') throw new Error(`${key}: row ${JSON.stringify(stripTags(labelRaw))} has a cell beyond the last column`);
      }
      return { label: stripTags(labelRaw), bold: /<b>/i.test(labelRaw), cells, texts, decimals, percent };
    });

    tables.push({ key, title, subtitle, headers, columnCount, rows });
  }
  return tables;
}

/**
 * Header text per column: for each column, the band texts (header rows above the title row,
 * an empty cell continuing the text on its left, as the release merges them) followed by the
 * column title. E.g. is_q column 5 -> ["Year-over-year Comparison", "Mar 31, 2002", "% of Total Revenues"].
 */
export function columnHeaders(table: ReleaseTable): string[][] {
  const filled = table.headers.map((row, r) => {
    if (r === table.headers.length - 1) return row;
    let last = '';
    return row.map((cell) => (cell === '' ? last : (last = cell)));
  });
  const columns: string[][] = [];
  for (let c = 0; c < table.columnCount; c += 1) columns.push(filled.map((row) => row[c] ?? ''));
  return columns;
}

/**
 * A published cell that does NOT equal the figure computed from the published JPY amounts
 * rounded to the printed precision (USD = JPY / 118.07, % = JPY / total * 100). The release
 * adjusted such rounded figures by one unit of the last printed digit so that each USD and %
 * column foots exactly to its printed total; the model names each one under `printed:` with
 * the reason (test/seed/printed.test.ts). `column` is 1-based (release column == template
 * column); `computed` is the correctly rounded figure a live formula shows.
 */
export interface PublishedRoundingAdjustment {
  key: ReleaseTableKey;
  label: string;
  column: number;
  published: number;
  computed: number;
}

/** The translation rate of the release's USD columns (its note 1). */
const JPY_PER_USD = 118.07;

/** Each table's share columns (1-based) with the value column they divide, and the total they divide by. */
const SHARES: Record<ReleaseTableKey, { total: string | null; columns: [number, number][] }> = {
  is_q: { total: 'Total revenues', columns: [[3, 2], [5, 4], [8, 7]] },
  is_y: { total: 'Total revenues', columns: [[3, 2], [5, 4]] },
  bs: { total: 'Total assets', columns: [[3, 2], [5, 4], [7, 6]] },
  cf_q: { total: null, columns: [] },
  cf_y: { total: null, columns: [] },
};

/**
 * Every published USD and % cell that differs from round(JPY / rate) or round(JPY / total * 100),
 * found from the release's text alone.
 */
export function publishedRoundingAdjustments(tables: readonly ReleaseTable[]): PublishedRoundingAdjustment[] {
  const out: PublishedRoundingAdjustment[] = [];
  for (const table of tables) {
    const { total: totalLabel, columns } = SHARES[table.key];
    const total = totalLabel === null ? null : releaseRow(table, totalLabel);
    for (const row of table.rows) {
      const usd = row.cells[0];
      const jpy = row.cells[1];
      if (usd != null && jpy != null) {
        const computed = roundPrinted(jpy / JPY_PER_USD, row.decimals[0] ?? 0);
        if (computed !== usd) out.push({ key: table.key, label: row.label, column: 1, published: usd, computed });
      }
      for (const [shareCol, valueCol] of columns) {
        const share = row.cells[shareCol - 1];
        const value = row.cells[valueCol - 1];
        const denominator = total?.cells[valueCol - 1];
        if (share == null || value == null || denominator == null) continue;
        const computed = roundPrinted((value / denominator) * 100, row.decimals[shareCol - 1] ?? 0);
        if (computed !== share) out.push({ key: table.key, label: row.label, column: shareCol, published: share, computed });
      }
    }
  }
  return out;
}

/** Rounds half away from zero to `decimals` places, as the release does. */
export function roundPrinted(value: number, decimals: number): number {
  const f = 10 ** decimals;
  const n = Math.round(Math.abs(value) * f + 1e-9) / f;
  return value < 0 && n !== 0 ? -n : n;
}

/** Reads and parses the release (default: the seed file next to the repository). */
export function readReleaseTables(file: string = releasePath): ReleaseTable[] {
  return parseReleaseTables(readFileSync(file, 'utf8'));
}

/** The table with the given key; throws when the release has none. */
export function releaseTable(tables: readonly ReleaseTable[], key: ReleaseTableKey): ReleaseTable {
  const table = tables.find((t) => t.key === key);
  if (table === undefined) throw new Error(`release table ${key} not found`);
  return table;
}

/** The row with the given label (exact, after tag stripping); throws when absent or ambiguous. */
export function releaseRow(table: ReleaseTable, label: string): ReleaseRow {
  const found = table.rows.filter((r) => r.label === label);
  if (found.length !== 1) throw new Error(`${table.key}: ${found.length} rows labelled ${JSON.stringify(label)}`);
  const [row] = found;
  if (row === undefined) throw new Error('unreachable');
  return row;
}
