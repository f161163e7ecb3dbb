// finbook's one XML escaper (write/xml-text.ts, Excel's rules) and exceljs' encoder, which the
// parts that must equal exceljs' own bytes use (write/exceljs-internals.ts), on the inputs of
// both former escapers' call sites: chart text and attributes (write/charts/xml.ts), cells,
// shared strings and hyperlinks (write/row-xml.ts, xlsx-memory.ts, worksheet-writer.ts).
import { describe, expect, it } from 'vitest';
import { exceljsXmlEncode } from '../../src/write/exceljs-internals.js';
import { escapeXml } from '../../src/write/xml-text.js';
import { unescapeXml } from '../../src/write/charts/xml-scan.js';
import { excelMadeParts } from '../helpers/excel-made.js';
import { child, children } from '../helpers/xml-tree.js';

// [what, text, Excel's rules, exceljs' encoder]
const CASES: [string, string, string, string][] = [
  ['plain text', 'Total revenues', 'Total revenues', 'Total revenues'],
  ['a series name with markup characters', 'R&D <net>', 'R&amp;D &lt;net&gt;', 'R&amp;D &lt;net&gt;'],
  ['a quoted title', 'say "hi"', 'say &quot;hi&quot;', 'say &quot;hi&quot;'],
  ['a link to a quoted sheet name', "'IS Quarter'!A1", "'IS Quarter'!A1", '&apos;IS Quarter&apos;!A1'],
  ['a formula across sheets', "SUM('BS Year'!C5:C9)/'IS Year'!D7", "SUM('BS Year'!C5:C9)/'IS Year'!D7", 'SUM(&apos;BS Year&apos;!C5:C9)/&apos;IS Year&apos;!D7'],
  ['the five entities', `a<b>&"c"'d'`, `a&lt;b&gt;&amp;&quot;c&quot;'d'`, 'a&lt;b&gt;&amp;&quot;c&quot;&apos;d&apos;'],
  ['a C0 control character', 'bell\u0007gone', 'bellgone', 'bellgone'],
  ['DEL, an XML character Excel keeps (exceljs drops it)', 'a\u0001b\u007fc', 'ab\u007fc', 'abc'],
  ['tab, line feed and carriage return stay', 'a\tb\nc\r', 'a\tb\nc\r', 'a\tb\nc\r'],
  ['the non-characters U+FFFE and U+FFFF (exceljs keeps them)', 'x\uFFFEy\uFFFF', 'xy', 'x\uFFFEy\uFFFF'],
];

describe('escapeXml: Excel’s rules', () => {
  it.each(CASES)('%s', (_what, text, excel) => expect(escapeXml(text)).toBe(excel));

  it('reads back as the text, but for the characters XML cannot hold', () => {
    for (const [, text] of CASES) expect(unescapeXml(escapeXml(text))).toBe(text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, ''));
  });

  it('writes a link’s location and display as Excel does (escapes05: a sheet named A & B)', () => {
    const sheet = excelMadeParts('escapes05.xlsx').get('xl/worksheets/sheet1.xml')!;
    const link = children(child(sheet, 'hyperlinks')!, 'hyperlink')[0]!;
    // the parser unescapes attributes: escaping them again gives what Excel wrote
    expect(`location="${escapeXml(link.attrs.location!)}"`).toBe(`location="'A &amp; B'!A1"`);
  });
});

describe('exceljs’ encoder: the bytes of cells and shared strings as exceljs writes them', () => {
  it.each(CASES)('%s', (_what, text, _excel, exceljs) => expect(exceljsXmlEncode(text)).toBe(exceljs));
});
