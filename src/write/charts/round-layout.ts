// Where a pie or doughnut and its percentage labels sit. A label is drawn on its slice; a
// slice too thin to hold it (2.9% of a ring is a sliver) has its label outside the chart's
// edge instead, in dark text: a pie moves it there itself (dLblPos outEnd), a doughnut has
// no such position in Excel, so the label is offset from its place on the ring to just
// outside it. To know where the ring is, the plot area is laid out explicitly (a square
// under the title, with room around it for those labels): Excel and LibreOffice then draw
// the ring in the same place and the offsets land where they should.

/** Hole of a doughnut, percent of its radius (c:holeSize). */
export const HOLE_PERCENT = 55;
/** Room for the chart title above the plot area, in pixels. */
const TITLE_PX = 36;
/** Room around the ring for labels drawn outside it. */
const MARGIN_PX = 26;
/** Data labels are 8 pt Arial: about 5.9 px a character (96 dpi), 12 px a line. */
const LABEL_CHAR_PX = 5.9;
const LABEL_HEIGHT_PX = 12;
/** Gap between the ring and a label outside it. */
const GAP_PX = 4;

/** The plot area as fractions of the chart (c:manualLayout, layoutTarget inner, edges). */
export interface PlotBox {
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A slice's label: on the slice (null), or outside, offset from its place by fractions of the chart's width and height. */
export type SliceLabel = { dx: number; dy: number } | null;

export interface RoundLayout {
  plot: PlotBox;
  labels: SliceLabel[];
}

/** The text of a percentage label as the chart shows it (format 0.0%). */
function labelText(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}

/**
 * The plot square and each slice's label for a chart of width x height pixels whose slices
 * have these values (clockwise from 12 o'clock, c:firstSliceAng 0).
 */
export function roundLayout(type: 'pie' | 'doughnut', width: number, height: number, values: readonly number[]): RoundLayout {
  const side = Math.max(40, Math.min(height - TITLE_PX - 2 * MARGIN_PX, width - 2 * MARGIN_PX));
  const left = MARGIN_PX;
  const top = TITLE_PX + MARGIN_PX;
  const plot = { x: left / width, y: top / height, w: side / width, h: side / height };
  const radius = side / 2;
  // where a label sits on its slice: the middle of the ring, or 'ctr' of a pie slice
  const onSlice = type === 'doughnut' ? (radius * (1 + HOLE_PERCENT / 100)) / 2 : radius * 0.6;
  const total = values.reduce((a, b) => a + b, 0);
  // slices are drawn only for positive values of a positive total
  if (!(total > 0) || values.some((v) => v < 0)) return { plot, labels: values.map(() => null) };
  let before = 0;
  const labels = values.map((v): SliceLabel => {
    const share = v / total;
    const angle = 2 * Math.PI * (before + share / 2);
    before += share;
    const labelWidth = labelText(share).length * LABEL_CHAR_PX;
    // the label fits when the slice's arc where the label sits is wider than the label
    if (2 * Math.PI * onSlice * share >= labelWidth + 2 * GAP_PX) return null;
    if (type === 'pie') return { dx: 0, dy: 0 }; // outEnd: the pie places it outside itself
    const sin = Math.sin(angle);
    const cos = Math.cos(angle);
    // the label's half extent along the radius, so its near edge clears the ring
    const halfExtent = (Math.abs(sin) * labelWidth + Math.abs(cos) * LABEL_HEIGHT_PX) / 2;
    const move = radius + GAP_PX + halfExtent - onSlice;
    return { dx: (move * sin) / width, dy: (-move * cos) / height };
  });
  return { plot, labels };
}
