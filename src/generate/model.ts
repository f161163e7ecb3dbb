// The model of a synthetic company: monthly values for every leaf line, each a trend with
// noise around a random base (whole thousands), some accounts starting later than others
// (zeros before their launch, which exercises the division-by-zero policy of change columns).
import type { z } from 'zod';
import type { modelSchema } from '../model/schema.js';
import type { Month } from './periods.js';
import { monthPeriod } from './periods.js';
import type { Random } from './random.js';
import type { SheetPlan } from './template.js';

export type ModelInput = z.input<typeof modelSchema>;
export type Values = Record<string, Record<string, Record<string, number>>>;

export interface ModelHeader {
  template: string;
  seed: number;
  command: string;
}

export function leafValues(periods: Month[], random: Random): Record<string, number> {
  const base = random.int(100, 100_000);
  const growth = (random.next() - 0.4) * 0.02;
  const launch = random.next() < 0.05 ? random.int(1, Math.max(1, periods.length - 1)) : 0;
  const out: Record<string, number> = {};
  periods.forEach((m, t) => {
    const noise = 1 + 0.05 * (random.next() * 2 - 1);
    out[m.id] = t < launch ? 0 : Math.round(base * (1 + growth) ** t * noise);
  });
  return out;
}

export function buildValues(sheets: SheetPlan[], periods: Month[], random: Random): Values {
  const values: Values = {};
  for (const s of sheets) {
    const lines: Record<string, Record<string, number>> = {};
    for (const leaf of s.leaves) lines[leaf] = leafValues(periods, random);
    values[s.id] = lines;
  }
  return values;
}

export function buildModelHeader(h: ModelHeader, periods: Month[]): Omit<ModelInput, 'values'> {
  const last = monthPeriod(periods[periods.length - 1]!);
  return {
    finbook_model: 1,
    template: h.template,
    entity: { name: `Synthetic Holdings ${h.seed}`, ticker: 'SYNTH', currency: 'USD', scale: 'thousands' },
    // the workbook's dates come from here, so equal options give equal bytes
    source: { title: `Synthetic model: ${h.command}`, date: last.end! },
    periods: periods.map(monthPeriod),
    inputs: {},
  };
}
