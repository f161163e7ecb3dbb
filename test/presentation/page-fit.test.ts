// How a sheet prints: on one page in the orientation that prints it largest while that stays
// legible, else one page wide. Sizes in points of the print area; A4 with finbook's margins
// leaves 523 x 734 pt portrait and 770 x 487 pt landscape.
import { describe, expect, it } from 'vitest';
import { MIN_ONE_PAGE_SCALE, pageFit, printedSize } from '../../src/write/page-fit.js';

describe('page fit', () => {
  it.each([
    ['a small sheet: portrait at 100%', { width: 400, height: 500 }, { orientation: 'portrait', fitToHeight: 1, scale: 1 }],
    ['a wide, short sheet: landscape at 100%', { width: 700, height: 400 }, { orientation: 'landscape', fitToHeight: 1, scale: 1 }],
    ['the IIJ balance sheet (709 x 720 pt): portrait, the larger of the two one-page scales', { width: 709, height: 720 }, { orientation: 'portrait', fitToHeight: 1 }],
    ['the IIJ quarterly statement (893 x 640 pt): landscape', { width: 893, height: 640 }, { orientation: 'landscape', fitToHeight: 1 }],
    ['a long sheet: one page wide, portrait, as many pages tall as needed', { width: 500, height: 5000 }, { orientation: 'portrait', fitToHeight: 0, scale: 1 }],
    ['a long, wide sheet: one page wide in landscape', { width: 1040, height: 1700 }, { orientation: 'landscape', fitToHeight: 0 }],
    ['a sheet too wide for one legible page (19 columns): two pages wide, landscape, one tall', { width: 1700, height: 400 }, { orientation: 'landscape', fitToWidth: 2, fitToHeight: 1 }],
  ] as const)('%s', (_what, size, expected) => {
    const fit = pageFit(size);
    expect(fit).toMatchObject(expected);
    expect(fit.scale).toBeGreaterThanOrEqual(MIN_ONE_PAGE_SCALE);
  });

  it('measures columns in Excel’s character widths and rows in points (15 unless set)', () => {
    // 10 characters is 70 px (ECMA-376 §18.3.1.13 at 7 px a digit), 52.5 pt
    expect(printedSize([10, 10], 1, new Map(), 4)).toEqual({ width: 105, height: 60 });
    expect(printedSize([10], 0, new Map([[2, 40]]), 3).height).toBe(70);
  });
});
