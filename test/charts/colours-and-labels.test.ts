// A name has one colour in every chart of a workbook; a pie or doughnut slice too thin for
// its percentage has the label outside, clear of the ring.
import { describe, expect, it } from 'vitest';
import { withColours } from '../../src/charts/colours.js';
import type { ResolvedChart } from '../../src/charts/model.js';
import { HOLE_PERCENT, roundLayout } from '../../src/write/charts/round-layout.js';

function chart(type: ResolvedChart['type'], names: string[]): ResolvedChart {
  const text = (t: string): ResolvedChart['categories'] => ({ cells: null, texts: [t] });
  const round = type === 'pie' || type === 'doughnut';
  return {
    type,
    categories: { cells: null, texts: round ? names : ['2001', '2002'] },
    series: (round ? ['mix'] : names).map((n) => ({ name: text(n), values: { cells: [], values: [], formatCode: 'General' } })),
  } as unknown as ResolvedChart;
}

describe('colours follow names across charts', () => {
  it.each([
    ['unrelated charts keep the palette order', [['column', ['A', 'B']], ['line', ['X', 'Y']]], [[0, 1], [0, 1]]],
    ['a doughnut of the same names in another order takes their colours', [['stacked_column', ['A', 'B', 'C', 'D']], ['doughnut', ['C', 'A', 'D', 'B']]], [[0, 1, 2, 3], [2, 0, 3, 1]]],
    ['a new name takes a colour the chart does not use yet', [['column', ['A', 'B']], ['column', ['Z', 'B']]], [[0, 1], [0, 1]]],
    ['a known name whose colour is taken in the chart gets another', [['column', ['A', 'B']], ['column', ['X', 'Y']], ['column', ['B', 'X']]], [[0, 1], [0, 1], [1, 0]]],
  ] as const)('%s', (_what, charts, expected) => {
    const coloured = withColours(charts.map(([type, names]) => chart(type, [...names])), 10);
    expect(coloured.map((c) => c.colours)).toEqual(expected);
  });

  it('repeats the palette past its size without two neighbours alike', () => {
    const [c] = withColours([chart('column', ['a', 'b', 'c', 'd'])], 3);
    expect(c!.colours).toEqual([0, 1, 2, 0]);
  });
});

describe('labels of thin slices go outside', () => {
  const W = 640;
  const H = 360;

  it('keeps labels on slices wide enough (IIJ 4Q02 mix: only Others, 2.9%, goes outside)', () => {
    const { labels } = roundLayout('doughnut', W, H, [0.256, 0.059, 0.376, 0.071, 0.208, 0.029]);
    expect(labels.map((l) => l !== null)).toEqual([false, false, false, false, false, true]);
  });

  it('moves a doughnut label from the middle of the ring to just outside it, away from the centre', () => {
    const { plot, labels } = roundLayout('doughnut', W, H, [0.98, 0.02]);
    const radius = (plot.w * W) / 2;
    const middle = (radius * (1 + HOLE_PERCENT / 100)) / 2;
    // the thin slice sits just left of 12 o'clock: its label moves up and a little left
    const moved = labels[1]!;
    expect(moved.dy).toBeLessThan(0);
    expect(moved.dx).toBeLessThan(0);
    const distance = Math.hypot(moved.dx * W, moved.dy * H);
    expect(middle + distance).toBeGreaterThan(radius);
    expect(middle + distance).toBeLessThan(radius + 30);
    // and the ring's square leaves the room it needs above (title) and around it
    expect(plot.y * H - distance).toBeGreaterThan(0);
  });

  it('lets a pie place an outside label itself (outEnd), and leaves slices of negative values alone', () => {
    expect(roundLayout('pie', W, H, [0.99, 0.01]).labels).toEqual([null, { dx: 0, dy: 0 }]);
    expect(roundLayout('pie', W, H, [5, -1]).labels).toEqual([null, null]);
  });
});
