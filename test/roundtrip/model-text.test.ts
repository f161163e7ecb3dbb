// Numbers put into a model file in place: comments, order, flow maps and alignment kept.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { editModelText, numberText } from '../../src/roundtrip/model-text.js';
import { DEFAULT_MODEL } from '../helpers/cli.js';

const yamlCases: [string, string, { path: string[]; value: number }[], string][] = [
  [
    'a number in a flow map, with alignment and a comment',
    'values:\n  is:\n    revenue:      { FY2024: 100, FY2023: 90 }  # as printed\n',
    [{ path: ['values', 'is', 'revenue', 'FY2024'], value: 120.5 }],
    'values:\n  is:\n    revenue:      { FY2024: 120.5, FY2023: 90 }  # as printed\n',
  ],
  [
    'a number in a block map',
    'values:\n  is:\n    revenue:\n      FY2024: 100 # q4 restated\n      FY2023: -90\n',
    [{ path: ['values', 'is', 'revenue', 'FY2023'], value: -95 }],
    'values:\n  is:\n    revenue:\n      FY2024: 100 # q4 restated\n      FY2023: -95\n',
  ],
  [
    'an empty value, as finbook init writes them',
    'values:\n  is:\n    revenue:\n      FY2024:\n      FY2023:\n',
    [{ path: ['values', 'is', 'revenue', 'FY2024'], value: 7 }],
    'values:\n  is:\n    revenue:\n      FY2024: 7\n      FY2023:\n',
  ],
  [
    'a period the flow map lacks',
    'values:\n  is:\n    revenue: { FY2024: 100 }\n',
    [{ path: ['values', 'is', 'revenue', 'FY2023'], value: 90 }],
    'values:\n  is:\n    revenue: { FY2024: 100, FY2023: 90 }\n',
  ],
  [
    'a line the block map lacks',
    'values:\n  is:\n    revenue: { FY2024: 100 }  # keep\n  bs:\n    cash: { FY2024: 5 }\n',
    [{ path: ['values', 'is', 'costs', 'FY2024'], value: -40 }],
    'values:\n  is:\n    revenue: { FY2024: 100 }  # keep\n    costs: { FY2024: -40 }\n  bs:\n    cash: { FY2024: 5 }\n',
  ],
  [
    'a global input',
    'inputs:\n  fx: { label: "JPY per USD", value: 118.07, format: rate }\n',
    [{ path: ['inputs', 'fx', 'value'], value: 120 }],
    'inputs:\n  fx: { label: "JPY per USD", value: 120, format: rate }\n',
  ],
  [
    'two values at once, a numeric period id',
    'values:\n  is:\n    revenue: { 2024: 1, 2023: 2 }\n',
    [
      { path: ['values', 'is', 'revenue', '2024'], value: 10 },
      { path: ['values', 'is', 'revenue', '2023'], value: 20 },
    ],
    'values:\n  is:\n    revenue: { 2024: 10, 2023: 20 }\n',
  ],
];

describe('editModelText on YAML', () => {
  it.each(yamlCases)('%s', (_name, text, edits, expected) => {
    expect(editModelText(text, false, edits)).toEqual({ text: expected, how: 'in place' });
  });

  it('lets the yaml library write the document (comments kept) where the text has no place for a value', () => {
    const text = '# the model\nvalues: { is: { revenue: { FY2024: 1 } } } # flow\nentity: { name: X }\n';
    const r = editModelText(text, false, [{ path: ['values', 'bs', 'cash', 'FY2024'], value: 2 }]);
    expect(parse(r.text)).toEqual({ values: { is: { revenue: { FY2024: 1 } }, bs: { cash: { FY2024: 2 } } }, entity: { name: 'X' } });
    expect(r.text).toContain('# the model');
  });

  it('refuses, naming the value, to write behind an alias (the alias would change every line that uses it)', () => {
    const text = 'base: &b { FY2024: 1 }\nvalues:\n  is:\n    revenue: *b\n';
    expect(() => editModelText(text, false, [{ path: ['values', 'is', 'revenue', 'FY2024'], value: 2 }])).toThrow(/cannot place values\.is\.revenue\.FY2024 in the model file/);
  });

  it('changes nothing but the numbers in the default model, whatever values change (fast-check)', () => {
    const text = readFileSync(DEFAULT_MODEL, 'utf8');
    const model = parse(text) as { values: Record<string, Record<string, Record<string, number>>> };
    const paths = Object.entries(model.values).flatMap(([s, lines]) => Object.entries(lines).flatMap(([l, periods]) => Object.keys(periods).map((p) => ['values', s, l, p])));
    fc.assert(
      fc.property(fc.uniqueArray(fc.constantFrom(...paths), { minLength: 1, maxLength: 12, selector: (p) => p.join('.') }), fc.array(fc.double({ min: -1e12, max: 1e12, noNaN: true }), { minLength: 12, maxLength: 12 }), (chosen, numbers) => {
        const edits = chosen.map((path, i) => ({ path, value: numbers[i]! }));
        const r = editModelText(text, false, edits);
        expect(r.how).toBe('in place');
        const read = parse(r.text) as typeof model;
        for (const e of edits) expect(read.values[e.path[1]!]![e.path[2]!]![e.path[3]!]).toBe(Object.is(e.value, -0) ? 0 : e.value);
        // every line but the edited ones is as it was, comments included
        const before = text.split('\n');
        const after = r.text.split('\n');
        expect(after.length).toBe(before.length);
        const changed = before.filter((line, i) => line !== after[i]).length;
        expect(changed).toBeLessThanOrEqual(edits.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe('editModelText on JSON', () => {
  it('replaces a number in place and adds a missing key in JSON syntax', () => {
    const text = '{\n  "values": {\n    "is": { "revenue": { "FY2024": 100 } }\n  }\n}\n';
    const r = editModelText(text, true, [
      { path: ['values', 'is', 'revenue', 'FY2024'], value: 101 },
      { path: ['values', 'is', 'revenue', 'FY2023'], value: 99 },
    ]);
    expect(r).toEqual({ text: '{\n  "values": {\n    "is": { "revenue": { "FY2024": 101, "FY2023": 99 } }\n  }\n}\n', how: 'in place' });
    expect(JSON.parse(r.text)).toEqual({ values: { is: { revenue: { FY2024: 101, FY2023: 99 } } } });
  });
});

describe('numberText', () => {
  it.each([
    [3400000, '3400000'],
    [118.07, '118.07'],
    [-0, '0'],
    [1e21, '1e+21'],
    [0.1 + 0.2, '0.30000000000000004'],
  ])('%s -> %s, read back as the same double', (n, text) => {
    expect(numberText(n)).toBe(text);
    expect(parse(`v: ${text}`).v).toBe(Object.is(n, -0) ? 0 : n);
  });
});
