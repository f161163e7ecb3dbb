// One line saying what a delivery did, shared by `finbook run` and `finbook export --mail-to`.
import { displayPath } from '../model/load.js';
import type { JobOutcome } from './deliver.js';

export function describeOutcome(r: JobOutcome): string {
  if (r.status === 'invalid') return r.reason ?? 'invalid input';
  const file = r.workbook ? displayPath(r.workbook) : '';
  const checks = r.checks ? `${r.checks.ok}/${r.checks.total} checks OK` : '';
  const what = `${r.sheets !== undefined ? ` (${r.sheets} sheets, ${checks})` : ''}${r.pdf ? ` and ${displayPath(r.pdf)}` : ''}`;
  // written: false outside 'unchanged' is a file that already held exactly these bytes (skipIdentical)
  const wrote = r.written === false ? `${file} already held this workbook${what}` : `wrote ${file}${what}`;
  switch (r.status) {
    case 'unchanged':
      return r.written ? `rewrote ${file}, which is unchanged since the last delivery: nothing sent` : `${file} is unchanged since the last delivery: nothing written or sent`;
    case 'written':
      return wrote;
    case 'held':
      return `${wrote}; ${r.reason ?? 'held'}`;
    case 'delivered': {
      const tries = r.mail && r.mail.attempts > 1 ? ` (attempt ${r.mail.attempts})` : '';
      return `${wrote}; mailed to ${r.mail?.to.join(', ') ?? ''}${tries}`;
    }
    case 'failed':
      return r.sheets !== undefined && r.written !== undefined ? `${wrote}; ${r.reason ?? 'failed'}` : (r.reason ?? 'failed');
    default:
      return r.status satisfies never;
  }
}
