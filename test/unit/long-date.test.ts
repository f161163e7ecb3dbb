// The Tie-out sheet's date (src/plan/tieout.ts longDate) is what toLocaleDateString prints for
// en-US, short month, without setting up Intl.
import { describe, expect, it } from 'vitest';
import { longDate } from '../../src/plan/tieout.js';

const intl = (iso: string): string => new Date(`${iso}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

describe('the Tie-out sheet date', () => {
  it('reads as en-US short dates do, for every day of a leap year and a common one', () => {
    for (const year of [2003, 2024]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const iso = new Date(t).toISOString().slice(0, 10);
        expect(longDate(iso)).toBe(intl(iso));
      }
    }
  });

  it('reads as en-US short dates do, for years far from today', () => {
    for (const iso of ['1900-02-28', '1999-12-31', '2000-02-29', '2100-03-01', '9999-12-31']) expect(longDate(iso)).toBe(intl(iso));
  });
});
