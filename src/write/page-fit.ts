// How a sheet prints: the orientation and fit that put it on one page when it stays
// legible there (an analyst prints one page per statement), else one page wide and as many
// tall as it needs, with the header rows repeated; a sheet too wide for one legible page
// prints on as many pages wide as it needs, its label column repeated. Estimated from the sheet's column widths
// and row heights the way Excel and LibreOffice size them, on A4 with finbook's margins.
import { columnPixels } from '../charts/place.js';

/** A4 in points (paperSize 9). */
const PAGE = { width: 595.3, height: 841.9 };
/** finbook's margins in inches (sheet-writer.ts), in points. */
export const MARGINS = { left: 0.5, right: 0.5, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 };
const POINTS_PER_INCH = 72;
/** Excel's default row height (sheetFormatPr defaultRowHeight). */
const DEFAULT_ROW_POINTS = 15;
/** Below this scale a one-page print is too small to read: the sheet prints on several pages. */
export const MIN_ONE_PAGE_SCALE = 0.55;

export interface PrintedSize {
  /** Width of the print area in points. */
  width: number;
  /** Height of the print area in points. */
  height: number;
}

export interface PageFit {
  orientation: 'portrait' | 'landscape';
  /** Pages wide: 1, or more for a sheet too wide to read on one (its label column then repeats on each). */
  fitToWidth: number;
  /** 1: the whole print area on one page (tall); 0: as many pages tall as needed. */
  fitToHeight: 0 | 1;
  /** The scale Excel and LibreOffice will print at (for tests and the docs). */
  scale: number;
}

/** The size of columns 0..lastCol (widths in characters) and rows 1..lastRow (heights in points where set). */
export function printedSize(widths: readonly number[], lastCol: number, heights: ReadonlyMap<number, number>, lastRow: number): PrintedSize {
  let px = 0;
  for (let c = 0; c <= lastCol; c++) px += columnPixels(widths[c]);
  let height = 0;
  for (let r = 1; r <= lastRow; r++) height += heights.get(r) ?? DEFAULT_ROW_POINTS;
  // 96 pixels to the inch
  return { width: (px * POINTS_PER_INCH) / 96, height };
}

/** The printable area of an A4 page: the margins stay on the page's left, right, top and bottom. */
function printable(orientation: PageFit['orientation']): PrintedSize {
  const [width, height] = orientation === 'portrait' ? [PAGE.width, PAGE.height] : [PAGE.height, PAGE.width];
  return { width: width - (MARGINS.left + MARGINS.right) * POINTS_PER_INCH, height: height - (MARGINS.top + MARGINS.bottom) * POINTS_PER_INCH };
}

export function pageFit(size: PrintedSize): PageFit {
  const fits = (['portrait', 'landscape'] as const).map((orientation) => {
    const page = printable(orientation);
    const wide = Math.min(1, page.width / size.width);
    return { orientation, wide, whole: Math.min(wide, page.height / size.height) };
  });
  // one page, in the orientation that prints it largest
  const onePage = fits.reduce((a, b) => (b.whole > a.whole ? b : a));
  if (onePage.whole >= MIN_ONE_PAGE_SCALE) return { orientation: onePage.orientation, fitToWidth: 1, fitToHeight: 1, scale: onePage.whole };
  // several pages: the orientation that prints the width largest (portrait on a tie: more rows a page)
  const wide = fits.reduce((a, b) => (b.wide > a.wide ? b : a));
  if (wide.wide >= MIN_ONE_PAGE_SCALE) return { orientation: wide.orientation, fitToWidth: 1, fitToHeight: 0, scale: wide.wide };
  // too wide for one legible page (19 columns of quarters and changes): as many pages wide as
  // keep it legible, landscape, each page repeating the labels; tall only if it must be
  const page = printable('landscape');
  const across = Math.ceil((size.width * MIN_ONE_PAGE_SCALE) / page.width);
  const scale = Math.min(1, (across * page.width) / size.width);
  return { orientation: 'landscape', fitToWidth: across, fitToHeight: size.height * scale <= page.height ? 1 : 0, scale };
}
