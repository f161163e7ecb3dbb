import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/compute/decimal.js';
import { CHECKS_FAILED_PREFIX, PDF_TYPE, XLSX_TYPE, composeMessage, subjectFor } from '../../src/mail/message.js';
import type { DeliveryReport } from '../../src/mail/report.js';

const report = (over: Partial<DeliveryReport> = {}): DeliveryReport => ({
  entity: { name: 'A & B <Holdings>', ticker: 'AB', currency: 'USD', scale: 'millions' },
  sourceTitle: 'Q4 results',
  period: { id: 'Q4', label: 'Quarter ended Dec 31' },
  figures: [
    { label: 'Total revenues', period: 'Q4', value: new Decimal('1234.4'), format: 'amount' },
    { label: 'Net income', period: 'FY', value: new Decimal(-56), format: 'amount' },
  ],
  checks: { total: 3, failed: [] },
  ...over,
});

describe('the delivery message', () => {
  it('names entity and period in the subject, and flags failed checks first', () => {
    expect(subjectFor(report())).toBe('A & B <Holdings> (AB): financial statements Q4, Quarter ended Dec 31');
    const failed = report({ checks: { total: 3, failed: [{ id: 'bs_balances', label: 'Balance sheet balances', period: 'Q4' }] } });
    expect(subjectFor(failed).startsWith(CHECKS_FAILED_PREFIX)).toBe(true);
    expect(subjectFor(report({ entity: { name: 'X', ticker: undefined, currency: 'USD', scale: 'units' }, period: { id: 'Q4', label: undefined } }))).toBe('X: financial statements Q4');
  });

  it('lists the key figures aligned in the text body, naming a figure of another period', () => {
    const m = composeMessage({ report: report(), to: ['a@example.com'], xlsxPath: '/tmp/out/AB-Q4.xlsx', origin: 'finbook export', version: '9.9.9' });
    expect(m.text).toContain(['Key figures (millions of USD):', '  Total revenues   1,234', '  Net income (FY)   (56)'].join('\n'));
    expect(m.text).toContain('Master check: OK (3 of 3 checks pass)');
    expect(m.text).toContain('Sent by finbook 9.9.9, finbook export.');
  });

  it('escapes text in the HTML body', () => {
    const m = composeMessage({ report: report(), to: ['a@example.com'], xlsxPath: '/tmp/x.xlsx', origin: 'o', version: '1' });
    expect(m.html).toContain('<strong>A &amp; B &lt;Holdings&gt; (AB)</strong>');
    expect(m.html).not.toContain('<Holdings>');
  });

  it('attaches the workbook, and the PDF when there is one, with their MIME types', () => {
    const m = composeMessage({ report: report(), to: ['a@example.com'], xlsxPath: '/o/AB.xlsx', pdfPath: '/o/AB.pdf', origin: 'o', version: '1' });
    expect(m.attachments).toEqual([
      { filename: 'AB.xlsx', path: '/o/AB.xlsx', contentType: XLSX_TYPE },
      { filename: 'AB.pdf', path: '/o/AB.pdf', contentType: PDF_TYPE },
    ]);
    expect(m.text).toContain('Attached: AB.xlsx, AB.pdf.');
  });

  it('says so when the template declares no key figures or no checks', () => {
    const m = composeMessage({ report: report({ figures: [], checks: { total: 0, failed: [] } }), to: ['a@example.com'], xlsxPath: '/x.xlsx', origin: 'o', version: '1' });
    expect(m.text).toContain('Key figures: none (the template declares no key_figures).');
    expect(m.text).toContain('Master check: no checks (the template declares none)');
  });
});
