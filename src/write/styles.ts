// Cell styles by role, following the FAST / ICAEW conventions: inputs blue, calculations
// black, links to other sheets green; totals bold with a top border, net income with a
// double underline; amounts with negatives in brackets and zero as a dash.
import type { Style } from 'exceljs';
import type { LineFormat, LineStyle } from '../model/schema.js';
import type { DecimalsFormat, PlannedCell, TextRole } from '../plan/cells.js';
import { numberFormat } from '../plan/number-formats.js';

export const FONT = 'Arial';
const SIZE = 10;
const BLUE = 'FF0000FF';
const BLACK = 'FF000000';
const GREEN = 'FF008000';
const GREY = 'FF595959';

const cache = new Map<string, Partial<Style>>();

function memo(key: string, make: () => Partial<Style>): Partial<Style> {
  let s = cache.get(key);
  if (!s) {
    s = make();
    cache.set(key, s);
  }
  return s;
}

function lineBorder(style: LineStyle): Partial<Style>['border'] {
  if (style === 'subtotal' || style === 'total') return { top: { style: 'thin', color: { argb: BLACK } } };
  if (style === 'net') return { top: { style: 'thin', color: { argb: BLACK } }, bottom: { style: 'double', color: { argb: BLACK } } };
  return undefined;
}

/**
 * The memo above by its parts, without building a key string for every cell (a workbook
 * asks for thousands): a style, once made, is the same object for every cell that has it.
 */
type Nested = Map<unknown, Map<unknown, Map<unknown, Partial<Style>>>>;
const numbers: Nested = new Map();
const texts: Nested = new Map();
const wrappedTexts: Nested = new Map();
const forecastNumbers: Nested = new Map();
const forecastTexts: Nested = new Map();

/** The fill of a forecast period's column (header and figures): projections stand apart from reported figures. */
const FORECAST_FILL: NonNullable<Partial<Style>['fill']> = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFEAF1F8' } };

function shaded(base: Partial<Style>): Partial<Style> {
  return memo(`forecast|${JSON.stringify(base)}`, () => ({ ...base, fill: FORECAST_FILL }));
}

function memoBy(nested: Nested, a: unknown, b: unknown, c: unknown, make: () => Partial<Style>): Partial<Style> {
  let byB = nested.get(a);
  if (!byB) nested.set(a, (byB = new Map()));
  let byC = byB.get(b);
  if (!byC) byB.set(b, (byC = new Map()));
  let s = byC.get(c);
  if (!s) byC.set(c, (s = make()));
  return s;
}

/** Under --protect: every cell but the inputs and the scenario selector is locked. */
export function isLocked(c: PlannedCell): boolean {
  return !(c.kind === 'input' || (c.kind === 'text' && c.role === 'selector'));
}

export function styleFor(cell: PlannedCell): Partial<Style> {
  switch (cell.kind) {
    case 'input':
    case 'formula':
      if (cell.forecast) return memoBy(forecastNumbers, cell.kind === 'input' ? 'input' : cell.link, cell.format, cell.style, () => shaded(numberStyle(cell)));
      return memoBy(numbers, cell.kind === 'input' ? 'input' : cell.link, cell.format, cell.style, () => numberStyle(cell));
    case 'text':
      if (cell.link) return linkStyle(cell.indent ?? 0);
      if (cell.forecast) return memoBy(forecastTexts, cell.role, cell.indent ?? 0, cell.style ?? 'normal', () => shaded(textStyle(cell.role, cell.indent ?? 0, cell.style ?? 'normal')));
      return memoBy(cell.wrap ? wrappedTexts : texts, cell.role, cell.indent ?? 0, cell.style ?? 'normal', () =>
        cell.wrap ? wrapped(textStyle(cell.role, cell.indent ?? 0, cell.style ?? 'normal')) : textStyle(cell.role, cell.indent ?? 0, cell.style ?? 'normal'),
      );
    default:
      return {};
  }
}

function numberStyle(cell: Extract<PlannedCell, { kind: 'input' | 'formula' }>): Partial<Style> {
  const colour = cell.kind === 'input' ? BLUE : cell.link ? GREEN : BLACK;
  const bold = cell.style === 'total' || cell.style === 'net' || cell.style === 'bold';
  const fmt = cell.format;
  return memo(`n|${colour}|${bold}|${fmt}|${cell.style}`, () => {
    const s: Partial<Style> = {
      font: { name: FONT, size: SIZE, bold, color: { argb: colour } },
      // top: in a row made taller by wrapped text the figure sits level with its first line
      alignment: { horizontal: fmt === 'status' ? 'center' : 'right', vertical: 'top' },
    };
    if (fmt !== 'status') s.numFmt = numberFormat(fmt);
    const border = lineBorder(cell.style);
    if (border) s.border = border;
    return s;
  });
}

/** Long text that wraps inside its column (rows without a set height grow to fit). */
function wrapped(base: Partial<Style>): Partial<Style> {
  return memo(`wrap|${JSON.stringify(base)}`, () => ({ ...base, alignment: { ...base.alignment, wrapText: true, vertical: 'top' } }));
}

function linkStyle(indent: number): Partial<Style> {
  return memo(`link|${indent}`, () => ({
    font: { name: FONT, size: SIZE, underline: true, color: { argb: 'FF0563C1' } },
    ...(indent > 0 ? { alignment: { horizontal: 'left' as const, indent } } : {}),
  }));
}

function textStyle(role: TextRole, indent: number, style: LineStyle): Partial<Style> {
  return memo(`t|${role}|${indent}|${style}`, () => {
    const font = { name: FONT, size: SIZE, bold: false, italic: false, color: { argb: BLACK } };
    const s: Partial<Style> = { font };
    switch (role) {
      case 'entity':
        font.bold = true;
        font.size = 12;
        break;
      case 'title':
        font.bold = true;
        font.size = 11;
        break;
      case 'subtitle':
        font.color = { argb: GREY };
        break;
      case 'units':
        font.italic = true;
        font.color = { argb: GREY };
        break;
      case 'band':
        font.bold = true;
        s.alignment = { horizontal: 'center' };
        s.border = { bottom: { style: 'thin', color: { argb: GREY } } };
        break;
      case 'header':
        font.bold = true;
        s.alignment = { horizontal: 'center', vertical: 'bottom', wrapText: true };
        s.border = { bottom: { style: 'thin', color: { argb: BLACK } } };
        break;
      case 'note':
        font.italic = true;
        font.size = 9;
        font.color = { argb: GREY };
        break;
      case 'selector':
        // typed in (blue, as every input), in a box so it reads as the one control of the sheet
        font.bold = true;
        font.color = { argb: BLUE };
        s.alignment = { horizontal: 'center' };
        s.border = { top: { style: 'thin', color: { argb: BLUE } }, bottom: { style: 'thin', color: { argb: BLUE } }, left: { style: 'thin', color: { argb: BLUE } }, right: { style: 'thin', color: { argb: BLUE } } };
        break;
      case 'heading':
      case 'label':
      case 'check_label':
        font.bold = style === 'bold' || style === 'total' || style === 'net';
        // top, level with the figures and a wrapped note beside it; OOXML applies an indent
        // only together with an explicit horizontal alignment
        s.alignment = indent > 0 ? { horizontal: 'left', indent, vertical: 'top' } : { vertical: 'top' };
        break;
    }
    const border = role === 'label' || role === 'heading' ? lineBorder(style) : undefined;
    if (border) s.border = border;
    return s;
  });
}
