import { safeFileName } from '../write/safe-path.js';

// Output path patterns: `out/{ticker}-{period}.xlsx` filled in from the computed model.

export const PLACEHOLDERS = ['ticker', 'period', 'model', 'job'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];
export type PatternValues = Record<Placeholder, string>;

/**
 * Fill in a pattern. Each value becomes one file-name part: characters that would start a
 * new directory or that Windows and Excel refuse in names (/ \ : * ? " < > |) and
 * whitespace become '-'.
 */
export function fillPattern(pattern: string, values: PatternValues): string {
  return pattern.replace(/\{(ticker|period|model|job)\}/g, (_, name: Placeholder) => safePart(values[name]));
}

export function safePart(text: string): string {
  return safeFileName(text.replace(/\s+/g, '-'));
}
