// One chart part (xl/charts/chartN.xml) in DrawingML: a chartSpace whose series point at
// the live cells (c:f) and carry the cached values (c:numCache / c:strCache) that viewers
// which do not calculate draw from. Element order follows the CT_* sequences of ECMA-376
// Part 1, §21.2 (dml-chart.xsd); Excel refuses a part whose children are out of order.
import { PALETTE } from '../../charts/colours.js';
import type { ChartSeries, NumberSource, ResolvedChart, TextSource } from '../../charts/model.js';
import { seriesFormula } from './refs.js';
import type { SliceLabel } from './round-layout.js';
import { HOLE_PERCENT, roundLayout } from './round-layout.js';
import { el, numberText, textEl, val, XML_DECLARATION } from './xml.js';

const NS = {
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
};

const FONT = 'Arial';
const GRID_GREY = 'D9D9D9';
const AXIS_GREY = '7F7F7F';
const CAT_AX = 500000001;
const VAL_AX = 500000002;

/** The colour of series (or slice) i of a chart: the workbook's colour for its name (colours.ts). */
const colour = (chart: ResolvedChart, i: number): string => PALETTE[(chart.colours[i] ?? i) % PALETTE.length]!;
const solid = (rgb: string): string => el('a:solidFill', {}, el('a:srgbClr', { val: rgb }));
const line = (rgb: string, width: number): string => el('a:ln', { w: width }, solid(rgb));

function runProps(size: number, bold: boolean): string {
  return el('a:defRPr', { sz: size, b: bold ? 1 : 0 }, el('a:latin', { typeface: FONT }), el('a:cs', { typeface: FONT }));
}

/** A rich-text title (chart or axis); axis titles on the value axis read bottom to top. */
function title(text: string, size: number, bold: boolean, rotate = false): string {
  const rPr = el('a:rPr', { lang: 'en-US', sz: size, b: bold ? 1 : 0 }, el('a:latin', { typeface: FONT }), el('a:cs', { typeface: FONT }));
  const rich = el(
    'c:rich',
    {},
    el('a:bodyPr', rotate ? { rot: -5400000, vert: 'horz' } : {}),
    el('a:lstStyle'),
    el('a:p', {}, el('a:pPr', {}, runProps(size, bold)), el('a:r', {}, rPr, textEl('a:t', text))),
  );
  return el('c:title', {}, el('c:tx', {}, rich), val('c:overlay', 0));
}

/** Default text properties of a chart element (tick labels, legend, data labels). */
function textProps(size: number, rgb = '404040'): string {
  return el('c:txPr', {}, el('a:bodyPr'), el('a:lstStyle'), el('a:p', {}, el('a:pPr', {}, el('a:defRPr', { sz: size, b: 0 }, solid(rgb), el('a:latin', { typeface: FONT }), el('a:cs', { typeface: FONT }))), el('a:endParaRPr', { lang: 'en-US' })));
}

function points(texts: readonly string[], wrap: (t: string) => string): string {
  return val('c:ptCount', texts.length) + texts.map((t, i) => el('c:pt', { idx: i }, wrap(t))).join('');
}

/**
 * Text read from cells, with its cache. Categories are always cells: LibreOffice draws no
 * labels from literal categories (c:strLit), so resolve.ts gives those texts cells.
 */
function strRef(src: TextSource): string {
  if (src.cells === null) throw new Error('internal: text without cells where a reference is needed');
  return el('c:strRef', {}, textEl('c:f', seriesFormula(src.cells)), el('c:strCache', {}, points(src.texts, (t) => textEl('c:v', t))));
}

function seriesName(src: TextSource): string {
  // a literal series name is c:tx/c:v (Excel and LibreOffice both show it); a live one is a
  // one-cell string reference
  return el('c:tx', {}, src.cells === null ? textEl('c:v', src.texts.join(' ')) : strRef(src));
}

function numSource(src: NumberSource): string {
  const pts = points(src.values.map(numberText), (t) => el('c:v', {}, t));
  return el('c:numRef', {}, textEl('c:f', seriesFormula(src.cells)), el('c:numCache', {}, textEl('c:formatCode', src.formatCode), pts));
}

/** Label text colour that stays readable on a fill: white on dark, near-black on light. */
export function textOn(fill: string): string {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(fill.slice(i, i + 2), 16) / 255) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.55 ? 'FFFFFF' : '262626';
}

/** A pie or doughnut slice's label: the fill behind it, and where it goes when the slice is too thin for it. */
interface SliceLabelAt {
  fill: string;
  outside: SliceLabel;
}

/**
 * Data labels of a series. Labels of a pie or doughnut's slices (`slices`, one per point) get
 * one c:dLbl each: on its slice the text contrasts with the slice's fill; a slice too thin
 * for its label has it outside (round-layout.ts), in dark text.
 */
function dataLabels(chart: ResolvedChart, position: string | null, slices: readonly SliceLabelAt[] = []): string {
  if (chart.dataLabels === 'none') return '';
  const percent = chart.dataLabels === 'percent';
  const numFmt = el('c:numFmt', { formatCode: percent ? '0.0%' : chart.valueFormat, sourceLinked: 0 });
  const noBox = el('c:spPr', {}, el('a:noFill'), el('a:ln', {}, el('a:noFill')));
  const shows = (at: string | null): string =>
    (at ? val('c:dLblPos', at) : '') +
    val('c:showLegendKey', 0) +
    val('c:showVal', percent ? 0 : 1) +
    val('c:showCatName', 0) +
    val('c:showSerName', 0) +
    val('c:showPercent', percent ? 1 : 0) +
    val('c:showBubbleSize', 0);
  const perPoint = slices.map(({ fill, outside }, i) => {
    if (outside === null) return el('c:dLbl', {}, val('c:idx', i), numFmt, noBox, textProps(800, textOn(fill)), shows(position));
    // a pie puts the label outside itself; a doughnut's is moved there from the ring
    const moved = chart.type === 'doughnut' ? el('c:layout', {}, el('c:manualLayout', {}, val('c:x', fraction(outside.dx)), val('c:y', fraction(outside.dy)))) : '';
    return el('c:dLbl', {}, val('c:idx', i), moved, numFmt, noBox, textProps(800, '262626'), shows(chart.type === 'pie' ? 'outEnd' : null));
  });
  return el('c:dLbls', {}, ...perPoint, numFmt, noBox, textProps(800), shows(position));
}

/** A layout fraction, to 4 decimals (a tenth of a pixel on a 640 px chart is finer than needed). */
function fraction(x: number): number {
  return Math.round(x * 10_000) / 10_000 || 0;
}

function head(s: ChartSeries, i: number): string {
  return val('c:idx', i) + val('c:order', i) + seriesName(s.name);
}

function barSeries(chart: ResolvedChart, s: ChartSeries, i: number): string {
  return el(
    'c:ser',
    {},
    head(s, i),
    el('c:spPr', {}, solid(colour(chart, i))),
    val('c:invertIfNegative', 0),
    dataLabels(chart, chart.type === 'stacked_column' ? 'ctr' : 'outEnd'),
    el('c:cat', {}, strRef(chart.categories)),
    el('c:val', {}, numSource(s.values)),
  );
}

function lineSeries(chart: ResolvedChart, s: ChartSeries, i: number): string {
  const c = colour(chart, i);
  return el(
    'c:ser',
    {},
    head(s, i),
    el('c:spPr', {}, el('a:ln', { w: 28575, cap: 'rnd' }, solid(c), el('a:round'))),
    el('c:marker', {}, val('c:symbol', 'circle'), val('c:size', 6), el('c:spPr', {}, solid(c), line(c, 9525))),
    dataLabels(chart, 't'),
    el('c:cat', {}, strRef(chart.categories)),
    el('c:val', {}, numSource(s.values)),
    val('c:smooth', 0),
  );
}

/** Pie and doughnut: one colour per slice (c:dPt), white separators between slices. */
function pieSeries(chart: ResolvedChart, s: ChartSeries, i: number): string {
  const slices = s.values.values.map((_, p) => el('c:dPt', {}, val('c:idx', p), val('c:bubble3D', 0), el('c:spPr', {}, solid(colour(chart, p)), line('FFFFFF', 19050))));
  const outside = roundLayout(chart.type === 'pie' ? 'pie' : 'doughnut', chart.width, chart.height, s.values.values).labels;
  const labels = s.values.values.map((_, p) => ({ fill: colour(chart, p), outside: outside[p] ?? null }));
  // centred on the slice (a doughnut takes no position): the label colour assumes the fill behind it
  return el('c:ser', {}, head(s, i), ...slices, dataLabels(chart, chart.type === 'pie' ? 'ctr' : null, labels), el('c:cat', {}, strRef(chart.categories)), el('c:val', {}, numSource(s.values)));
}

function axes(chart: ResolvedChart): string {
  const catAx = el(
    'c:catAx',
    {},
    val('c:axId', CAT_AX),
    el('c:scaling', {}, val('c:orientation', 'minMax')),
    val('c:delete', 0),
    val('c:axPos', 'b'),
    chart.xTitle ? title(chart.xTitle, 900, false) : '',
    el('c:numFmt', { formatCode: 'General', sourceLinked: 0 }),
    val('c:majorTickMark', 'none'),
    val('c:minorTickMark', 'none'),
    // labels at the bottom of the plot even when values run negative (operating losses)
    val('c:tickLblPos', 'low'),
    el('c:spPr', {}, line(AXIS_GREY, 9525)),
    textProps(900),
    val('c:crossAx', VAL_AX),
    val('c:crosses', 'autoZero'),
    val('c:auto', 1),
    val('c:lblAlgn', 'ctr'),
    val('c:lblOffset', 100),
    val('c:noMultiLvlLbl', 0),
  );
  const valAx = el(
    'c:valAx',
    {},
    val('c:axId', VAL_AX),
    el('c:scaling', {}, val('c:orientation', 'minMax')),
    val('c:delete', 0),
    val('c:axPos', 'l'),
    el('c:majorGridlines', {}, el('c:spPr', {}, line(GRID_GREY, 6350))),
    chart.yTitle ? title(chart.yTitle, 900, false, true) : '',
    el('c:numFmt', { formatCode: chart.valueFormat, sourceLinked: 0 }),
    val('c:majorTickMark', 'none'),
    val('c:minorTickMark', 'none'),
    val('c:tickLblPos', 'nextTo'),
    el('c:spPr', {}, el('a:ln', {}, el('a:noFill'))),
    textProps(900),
    val('c:crossAx', CAT_AX),
    val('c:crosses', 'autoZero'),
    val('c:crossBetween', 'between'),
  );
  return catAx + valAx;
}

function plot(chart: ResolvedChart): string {
  const ids = val('c:axId', CAT_AX) + val('c:axId', VAL_AX);
  switch (chart.type) {
    case 'column':
    case 'stacked_column': {
      const stacked = chart.type === 'stacked_column';
      const body = el(
        'c:barChart',
        {},
        val('c:barDir', 'col'),
        val('c:grouping', stacked ? 'stacked' : 'clustered'),
        val('c:varyColors', 0),
        ...chart.series.map((s, i) => barSeries(chart, s, i)),
        val('c:gapWidth', stacked ? 60 : 80),
        // stacked bars must overlap fully, or Excel draws them side by side
        val('c:overlap', stacked ? 100 : -10),
        ids,
      );
      return body + axes(chart);
    }
    case 'line':
      return el('c:lineChart', {}, val('c:grouping', 'standard'), val('c:varyColors', 0), ...chart.series.map((s, i) => lineSeries(chart, s, i)), val('c:marker', 1), ids) + axes(chart);
    case 'pie':
      return el('c:pieChart', {}, val('c:varyColors', 1), ...chart.series.map((s, i) => pieSeries(chart, s, i)), val('c:firstSliceAng', 0));
    case 'doughnut':
      return el('c:doughnutChart', {}, val('c:varyColors', 1), ...chart.series.map((s, i) => pieSeries(chart, s, i)), val('c:firstSliceAng', 0), val('c:holeSize', HOLE_PERCENT));
    default: {
      const never: never = chart.type;
      throw new Error(`internal: unknown chart type ${String(never)}`);
    }
  }
}

function legend(chart: ResolvedChart): string {
  const pie = chart.type === 'pie' || chart.type === 'doughnut';
  if (!pie && chart.series.length < 2) return '';
  return el('c:legend', {}, val('c:legendPos', pie ? 'r' : 'b'), val('c:overlay', 0), textProps(900));
}

/** The plot area's layout: automatic, but a pie's or doughnut's square is placed (round-layout.ts). */
function plotLayout(chart: ResolvedChart): string {
  if (chart.type !== 'pie' && chart.type !== 'doughnut') return el('c:layout');
  const { plot: box } = roundLayout(chart.type, chart.width, chart.height, []);
  return el(
    'c:layout',
    {},
    el('c:manualLayout', {}, val('c:layoutTarget', 'inner'), val('c:xMode', 'edge'), val('c:yMode', 'edge'), val('c:x', fraction(box.x)), val('c:y', fraction(box.y)), val('c:w', fraction(box.w)), val('c:h', fraction(box.h))),
  );
}

export function chartXml(chart: ResolvedChart): string {
  const body = el(
    'c:chart',
    {},
    title(chart.title, 1200, true),
    val('c:autoTitleDeleted', 0),
    el('c:plotArea', {}, plotLayout(chart), plot(chart), el('c:spPr', {}, el('a:noFill'), el('a:ln', {}, el('a:noFill')))),
    legend(chart),
    val('c:plotVisOnly', 1),
    val('c:dispBlanksAs', 'gap'),
  );
  const space = el(
    'c:chartSpace',
    { 'xmlns:c': NS.c, 'xmlns:a': NS.a, 'xmlns:r': NS.r },
    val('c:date1904', 0),
    val('c:lang', 'en-US'),
    // absent, roundedCorners means true in Excel
    val('c:roundedCorners', 0),
    body,
    el('c:spPr', {}, solid('FFFFFF'), line(GRID_GREY, 9525)),
    textProps(900),
    el('c:printSettings', {}, el('c:headerFooter'), el('c:pageMargins', { b: 0.75, l: 0.7, r: 0.7, t: 0.75, header: 0.3, footer: 0.3 }), el('c:pageSetup')),
  );
  return XML_DECLARATION + space;
}
