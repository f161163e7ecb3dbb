import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/compute/decimal.js';
import { formatFigure } from '../../src/mail/format.js';
import type { LineFormat } from '../../src/model/schema.js';

describe('figures in the mail look as the workbook shows them', () => {
  it.each<[string, LineFormat, string]>([
    ['13036439', 'amount', '13,036,439'],
    ['-2136513', 'amount', '(2,136,513)'],
    ['0', 'amount', '-'],
    ['0.4', 'amount', '-'],
    ['999.5', 'amount', '1,000'],
    ['-999.5', 'amount', '(1,000)'], // half away from zero, as Excel
    ['-47.524', 'amount_2dp', '(47.52)'],
    ['1234.005', 'amount_2dp', '1,234.01'],
    ['0.1234', 'percent', '12.3%'],
    ['-0.164', 'percent', '(16.4%)'],
    ['2000', 'count', '2,000'],
    ['12.25', 'number_1dp', '12.3'],
    ['118.07', 'rate', '118.07'],
    ['0', 'rate', '0.00'],
    ['123456789012345678', 'amount', '123,456,789,012,345,678'],
  ])('%s as %s is %s', (value, format, text) => {
    expect(formatFigure(new Decimal(value), format)).toBe(text);
  });
});
