// The package amendments: <drawing> lands where CT_Worksheet's sequence puts it, new
// relationship ids never collide, content types gain one override per part, and anchors
// turn pixel sizes into cells and EMU offsets by the column-width rule.
import { describe, expect, it } from 'vitest';
import { textOn } from '../../src/write/charts/chart-xml.js';
import { addOverrides, addRelationship, insertDrawing } from '../../src/write/charts/package.js';
import { anchorFor, columnPixels, EMU_PER_PX } from '../../src/charts/place.js';
import { numberText } from '../../src/write/charts/xml.js';

const ROOT = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">';
const sheet = (body: string): string => `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n${ROOT}${body}</worksheet>`;
const DRAWING = '<drawing r:id="rId9"/>';

describe('insertDrawing', () => {
  const cases: [string, string, string][] = [
    ['after headerFooter, at the end', '<sheetData/><pageMargins/><headerFooter><oddHeader>a&gt;b</oddHeader></headerFooter>', `<sheetData/><pageMargins/><headerFooter><oddHeader>a&gt;b</oddHeader></headerFooter>${DRAWING}`],
    ['before legacyDrawing', '<sheetData/><pageSetup/><legacyDrawing r:id="rId1"/>', `<sheetData/><pageSetup/>${DRAWING}<legacyDrawing r:id="rId1"/>`],
    ['before tableParts', '<sheetData/><tableParts count="0"/>', `<sheetData/>${DRAWING}<tableParts count="0"/>`],
    ['before the sheet-level extLst, not one nested in conditional formatting', '<sheetData/><conditionalFormatting sqref="A1"><cfRule type="x"><extLst/></cfRule></conditionalFormatting><extLst><ext/></extLst>', `<sheetData/><conditionalFormatting sqref="A1"><cfRule type="x"><extLst/></cfRule></conditionalFormatting>${DRAWING}<extLst><ext/></extLst>`],
    ['after a rowBreaks with a > inside an attribute', '<sheetData/><rowBreaks note="a>b"/>', `<sheetData/><rowBreaks note="a>b"/>${DRAWING}`],
  ];
  it.each(cases)('%s', (_, body, expected) => {
    expect(insertDrawing(sheet(body), 'rId9')).toBe(sheet(expected));
  });

  it('declares the relationships namespace when the root does not', () => {
    const bare = '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>';
    expect(insertDrawing(bare, 'rId1')).toContain('<drawing xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="rId1"/></worksheet>');
  });

  it('refuses a sheet that already has a drawing', () => {
    expect(() => insertDrawing(sheet('<sheetData/><drawing r:id="rId1"/>'), 'rId2')).toThrow(/already has a drawing/);
  });
});

describe('addRelationship', () => {
  it('starts a relationships part when the sheet has none', () => {
    const { xml, id } = addRelationship(undefined, 'T', '../drawings/drawing1.xml');
    expect(id).toBe('rId1');
    expect(xml).toContain('<Relationship Id="rId1" Type="T" Target="../drawings/drawing1.xml"/></Relationships>');
  });

  it('takes the next free id beside existing hyperlinks', () => {
    const rels = '<Relationships xmlns="x"><Relationship Id="rId1" Type="h" Target="a"/><Relationship Id="rId3" Type="h" Target="b"/></Relationships>';
    const { xml, id } = addRelationship(rels, 'T', 'd');
    expect(id).toBe('rId4');
    expect(xml).toBe('<Relationships xmlns="x"><Relationship Id="rId1" Type="h" Target="a"/><Relationship Id="rId3" Type="h" Target="b"/><Relationship Id="rId4" Type="T" Target="d"/></Relationships>');
  });
});

it('adds one content-type override per new part, before </Types>', () => {
  const types = '<Types xmlns="x"><Default Extension="xml" ContentType="application/xml"/></Types>';
  expect(addOverrides(types, [{ part: 'xl/charts/chart1.xml', type: 'C' }])).toBe('<Types xmlns="x"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/charts/chart1.xml" ContentType="C"/></Types>');
});

describe('anchors', () => {
  it.each([
    [undefined, 64],
    [9.140625, 64],
    [2, 14],
    [13, 91],
    [52, 364],
  ])('a column of width %s is %i px', (width, px) => {
    expect(columnPixels(width)).toBe(px);
  });

  it('runs a 600 x 340 px chart from B6 over 64 px columns and 20 px rows', () => {
    const widths = [2, ...Array.from({ length: 20 }, () => 9.140625)];
    expect(anchorFor({ col: 1, row: 6, width: 600, height: 340 }, widths)).toEqual({
      from: { col: 1, row: 5, colOff: 0, rowOff: 0 },
      // 600 = 9 * 64 + 24; 340 = 17 * 20
      to: { col: 10, row: 22, colOff: 24 * EMU_PER_PX, rowOff: 0 },
    });
  });

  it('follows taller rows', () => {
    const rowPx = (row: number): number => (row === 6 ? 40 : 20);
    expect(anchorFor({ col: 0, row: 6, width: 64, height: 50 }, [], rowPx).to).toEqual({ col: 1, row: 6, colOff: 0, rowOff: 10 * EMU_PER_PX });
  });
});

describe('text and numbers in XML', () => {
  it.each([
    [3341255, '3341255'],
    [0.1, '0.1'],
    [-0, '0'],
    [-446432, '-446432'],
    [1 / 3, '0.3333333333333333'],
  ])('writes the double %d as %s', (n, text) => {
    expect(numberText(n)).toBe(text);
    expect(Number(text)).toBe(n === 0 ? 0 : n);
  });

  it('refuses NaN and Infinity (Excel would repair the file)', () => {
    expect(() => numberText(Number.NaN)).toThrow();
    expect(() => numberText(Infinity)).toThrow();
  });

  it.each([
    ['1F4E79', 'FFFFFF'],
    ['C55A11', 'FFFFFF'],
    ['9DC3E6', '262626'],
    ['F4B183', '262626'],
  ])('labels on %s are %s', (fill, text) => {
    expect(textOn(fill)).toBe(text);
  });
});
