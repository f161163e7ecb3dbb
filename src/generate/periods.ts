// Monthly periods for synthetic models: M2000_01 (Jan 2000), M2000_02, ... with their
// calendar start and end dates.
import type { z } from 'zod';
import type { periodSchema } from '../model/schema.js';

export type PeriodInput = z.input<typeof periodSchema>;

export const FIRST_YEAR = 2000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export interface Month {
  id: string;
  year: number;
  /** 1-12 */
  month: number;
  short: string;
}

export function months(count: number): Month[] {
  return Array.from({ length: count }, (_, i) => {
    const year = FIRST_YEAR + Math.floor(i / 12);
    const month = (i % 12) + 1;
    return { id: `M${year}_${String(month).padStart(2, '0')}`, year, month, short: MONTHS[month - 1]! };
  });
}

export function monthPeriod(m: Month): PeriodInput {
  const mm = String(m.month).padStart(2, '0');
  // day 0 of the next month is the last day of this one
  const last = new Date(Date.UTC(m.year, m.month, 0)).getUTCDate();
  return { id: m.id, label: `${m.short} ${m.year}`, kind: 'month', start: `${m.year}-${mm}-01`, end: `${m.year}-${mm}-${last}` };
}
