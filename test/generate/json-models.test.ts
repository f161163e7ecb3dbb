// Large models are JSON (finbook generate --out x.json): they load without building a YAML
// document, and still get every problem reported at its line and column.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseJsonStrictly } from '../../src/model/json-source.js';
import { runCli, tempDir } from '../helpers/cli.js';

const dir = tempDir('finbook-json-');

describe('parseJsonStrictly', () => {
  it.each([
    ['an object', '{"a": 1, "b": {"c": [1, {"d": "x"}]}}', { a: 1, b: { c: [1, { d: 'x' }] } }],
    ['keys and strings with quotes, escapes and colons', '{"a\\"b": "c:\\"d\\\\", "e" : ":"}', { 'a"b': 'c:"d\\', e: ':' }],
    ['null', 'null', null],
  ])('parses %s', (_name, text, value) => expect(parseJsonStrictly(text)).toEqual(value));

  it.each([
    ['a key given twice', '{"a": 1, "a": 2}'],
    ['a key given twice in a nested object', '{"v": {"x": {"p": 1, "p": 1}}}'],
    ['a syntax error', '{"a": 1,}'],
    ['YAML', 'a: 1'],
  ])('leaves %s to the YAML parser', (_name, text) => expect(parseJsonStrictly(text)).toBeUndefined());
});

describe('a JSON model with a mistake is reported at its line and column', () => {
  const template = join(dir, 'm.template.yaml');
  writeFileSync(
    template,
    ['finbook_template: 1', 'name: T', 'sheets:', '  - id: s', '    name: S', '    columns: [{ kind: value, period: P1 }]', '    lines:', '      - { id: a, label: A }', '      - { id: b, label: B, formula: a * 2 }', ''].join('\n'),
  );
  const model = (values: string): string =>
    [
      '{',
      '  "finbook_model": 1,',
      '  "template": "m.template.yaml",',
      '  "entity": { "name": "E", "currency": "USD", "scale": "units" },',
      '  "source": { "title": "T", "date": "2024-12-31" },',
      '  "periods": [{ "id": "P1", "kind": "year", "start": "2024-01-01", "end": "2024-12-31" }],',
      `  "values": ${values}`,
      '}',
      '',
    ].join('\n');
  const run = async (name: string, values: string): Promise<{ code: number; stderr: string }> => {
    const file = join(dir, name);
    writeFileSync(file, model(values));
    return runCli(['export', file, '--out', join(dir, `${name}.xlsx`)]);
  };

  it('exports a correct one', async () => {
    expect((await run('ok.json', '{ "s": { "a": { "P1": 21 } } }')).code).toBe(0);
  });

  it('a value of the wrong type', async () => {
    const r = await run('type.json', '{ "s": { "a": { "P1": "21" } } }');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/type\.json:7:35 values\.s\.a\.P1: expected a number, got "21"/);
  });

  it('a key given twice', async () => {
    const r = await run('twice.json', '{ "s": { "a": { "P1": 21, "P1": 22 } } }');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/twice\.json:7:\d+ invalid JSON: the key 'P1' appears twice/);
  });

  it('a value for a line the template derives, which disagrees with it', async () => {
    const r = await run('derived.json', '{ "s": { "a": { "P1": 21 }, "b": { "P1": 1 } } }');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/derived\.json:7:\d+ values\.s\.b\.P1: s\.b\[P1\] is computed by the template \(a \* 2 = 42\), but the model gives 1/);
  });
});
