// `finbook init` writes text from the command line and from the template into YAML: every
// piece is escaped, so it comes back exactly as given and can add no key of its own.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterEach, describe, expect, it } from 'vitest';
import { comment, q } from '../../src/cli/init.js';
import { ROOT, runCli } from '../helpers/cli.js';
import { baseCopy, cleanUp } from './files.js';

afterEach(cleanUp);

const HOSTILE = ['Acme\nvalues_file: evil.csv', 'Acme"\ntemplate: /etc/passwd #', 'Acme\r\n  ticker: EVIL', 'Acme\u2028x: 1', 'Acme\u0085\u007f\ufeff', "Acme' & <Co> # not a comment", '\\u0041 \\n'];

describe('init escapes what it writes', () => {
  it.each(HOSTILE)('--entity %j comes back exactly, and adds no key', async (entity) => {
    const dir = baseCopy();
    const out = join(dir, 'acme.yaml');
    const r = await runCli(['init', '--entity', entity, '--ticker', entity, '--currency', 'USD', '--periods', 'FY2024,FY2023', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const model = parse(readFileSync(out, 'utf8')) as Record<string, Record<string, unknown>>;
    expect(Object.keys(model)).toEqual(['finbook_model', 'template', 'entity', 'source', 'periods', 'values']);
    expect(Object.keys(model.entity!)).toEqual(['name', 'ticker', 'currency', 'scale']);
    expect(model.entity!.name).toBe(entity);
    expect(model.entity!.ticker).toBe(entity);
    expect(model.source!.title).toBe(`${entity} annual report`);
  });

  it('labels from the template stay inside their comment', async () => {
    const dir = baseCopy();
    const template = join(dir, 'generic.yaml');
    const text = readFileSync(join(ROOT, 'templates/generic.yaml'), 'utf8');
    expect(text).toContain('id: revenue, label: "Revenue"');
    writeFileSync(template, text.replace('id: revenue, label: "Revenue"', 'id: revenue, label: "Revenue\\nvalues_file: evil.csv"'));
    const out = join(dir, 'acme.yaml');
    const r = await runCli(['init', '--template', template, '--entity', 'Acme', '--currency', 'USD', '--periods', 'FY2024', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const model = parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
    expect(model.values_file).toBeUndefined();
    expect(readFileSync(out, 'utf8')).toContain('# Revenue values_file: evil.csv');
  });

  it.each([
    ['plain', '"plain"'],
    ['new\nline', '"new\\nline"'],
    ['DEL\u007f and LS\u2028', '"DEL\\u007f and LS\\u2028"'],
    ['Müller', '"Müller"'],
  ])('q(%j) is %s', (text, yaml) => {
    expect(q(text)).toBe(yaml);
    expect(parse(`x: ${q(text)}`)).toEqual({ x: text });
  });

  it('comment() keeps a comment on one line', () => {
    expect(comment('a\nb\r\nc\u2028d\u0085e')).toBe('a b c d e');
  });
});
