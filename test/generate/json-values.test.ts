// A JSON model's values are read from its text into compact lines (src/model/json-values.ts):
// the same periods, in the same order, and the same doubles as JSON.parse and compactValues
// give; anything else is left to them (undefined here), so their messages stay as they were.
import { describe, expect, it } from 'vitest';
import { compactValues, lineValuesOf } from '../../src/model/compact-values.js';
import { parseJsonTaking } from '../../src/model/json-source.js';
import { compactValuesFromJson } from '../../src/model/json-values.js';
import type { Model } from '../../src/model/schema.js';

type Values = Model['values'];

/** Each line as [sheet, line, periods, values], -0 kept apart from 0. */
function flat(values: Values): [string, string, string[], string[]][] {
  return Object.entries(values).flatMap(([sheet, lines]) =>
    Object.entries(lines).map(([id, line]): [string, string, string[], string[]] => {
      const compact = lineValuesOf(line)!;
      return [sheet, id, [...compact.periods.keys], [...compact.data].map((v) => (Object.is(v, -0) ? '-0' : String(v)))];
    }),
  );
}

const read = (text: string): Values | undefined => {
  const r = compactValuesFromJson(text, 0);
  return r && r.end === text.length ? r.value : undefined;
};

describe('values read from the text', () => {
  it.each([
    ['one line', '{"s": {"a": {"P1": 21}}}'],
    ['white space everywhere', '{\n "s" : {\r\n\t"a" : { "P1" : 21 , "P2":-3 } , "b":{"P1":1,"P2":2} } , "t": {} }'],
    ['lines giving other periods, fewer, more, none', '{"s": {"a": {"P1": 1, "P2": 2}, "b": {"P2": 3, "P1": 4}, "c": {"P1": 5}, "d": {"P1": 6, "P2": 7, "P3": 8}, "e": {}, "f": {"P1": 9, "P2": 10}}}'],
    [
      'numbers of every form',
      '{"s": {"a": {"P1": 0, "P2": -0, "P3": 123456789012345, "P4": 1234567890123456789, "P5": -0.1, "P6": 1e3, "P7": 1E-7, "P8": 2.5e+2, "P9": 0.30000000000000004, "P10": 9007199254740993, "P11": 1.7976931348623157e308, "P12": 5e-324}}}',
    ],
    ['an empty values object', '{}'],
    ['period ids with letters after digits', '{"s": {"a": {"2002A": 1, "FY2003": 2}}}'],
  ])('%s: as JSON.parse and compactValues', (_name, text) => {
    const ours = read(text);
    expect(ours).toBeDefined();
    expect(flat(ours!)).toEqual(flat(compactValues(JSON.parse(text))!));
    expect(JSON.stringify(ours)).toBe(JSON.stringify(JSON.parse(text)));
  });

  it.each([
    ['a period given twice', '{"s": {"a": {"P1": 1, "P1": 2}}}'],
    ['a line given twice', '{"s": {"a": {"P1": 1}, "a": {"P1": 2}}}'],
    ['a sheet given twice', '{"s": {}, "s": {}}'],
    ['a period id JavaScript orders first', '{"s": {"a": {"P1": 1, "2002": 2}}}'],
    ['an escape in a key', '{"s": {"a": {"P\\u0031": 1}}}'],
    ['a string value', '{"s": {"a": {"P1": "1"}}}'],
    ['null', '{"s": {"a": {"P1": null}}}'],
    ['a number too large for a double', '{"s": {"a": {"P1": 1e400}}}'],
    ['a leading zero', '{"s": {"a": {"P1": 01}}}'],
    ['a bare minus', '{"s": {"a": {"P1": -}}}'],
    ['a point without digits', '{"s": {"a": {"P1": 1.}}}'],
    ['an exponent without digits', '{"s": {"a": {"P1": 1e}}}'],
    ['a plus sign', '{"s": {"a": {"P1": +1}}}'],
    ['a trailing comma', '{"s": {"a": {"P1": 1,}}}'],
    ['a nested object', '{"s": {"a": {"P1": {"x": 1}}}}'],
    ['a sheet id the schema refuses', '{"S": {"a": {"P1": 1}}}'],
    ['a period id the schema refuses', '{"s": {"a": {"P-1": 1}}}'],
    ['an unclosed object', '{"s": {"a": {"P1": 1}'],
    ['an array', '[1, 2]'],
  ])('leaves %s to JSON.parse and zod', (_name, text) => expect(read(text)).toBeUndefined());

  it('a line giving the periods of the line before in another order keeps its own order', () => {
    const values = read('{"s": {"a": {"P1": 1, "P2": 2}, "b": {"P2": 3, "P1": 4}}}')!;
    expect(Object.keys(values.s!.b!)).toEqual(['P2', 'P1']);
    expect(values.s!.b!.P1).toBe(4);
  });
});

describe('a JSON model with its values read from the text', () => {
  const take = (text: string, from: number): { value: unknown; end: number } | undefined => compactValuesFromJson(text, from);

  it('gives the rest as JSON.parse does, with null for the values', () => {
    const text = '{"finbook_model": 1, "periods": [{"id": "P1", "x": "}\\"{"}], "values": {"s": {"a": {"P1": 2}}}, "inputs": {}}';
    const r = parseJsonTaking(text, 'values', take)!;
    expect(r.value).toEqual({ ...JSON.parse(text), values: null });
    expect(flat(r.taken as Values)).toEqual([['s', 'a', ['P1'], ['2']]]);
  });

  it.each([
    ['a key given twice elsewhere', '{"a": 1, "a": 2, "values": {}}'],
    ['the values given twice', '{"values": {}, "values": {}}'],
    ['a syntax error elsewhere', '{"a": 1,, "values": {}}'],
    ['values the reader leaves', '{"values": {"s": {"a": {"P1": "1"}}}}'],
    ['no values', '{"a": 1}'],
    ['no object', '[{"values": {}}]'],
  ])('leaves a text with %s to parseJsonStrictly', (_name, text) => expect(parseJsonTaking(text, 'values', take)).toBeUndefined());
});
