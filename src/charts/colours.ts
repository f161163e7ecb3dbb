// One colour per name across the workbook's charts: a service line drawn in two charts
// (a stacked column of revenues by service and a doughnut of the revenue mix) is the same
// colour in both, whichever order each chart lists it in. Within a chart no two series (or
// slices of a pie) share a colour; a name seen before keeps its colour, a new one takes the
// first colour the chart does not use yet, so charts of unrelated names keep the palette's
// order (its blues first).
import type { ResolvedChart } from './model.js';

/** Series colours: blues for the core lines, then contrasting tones; fixed so output is stable. */
export const PALETTE = ['1F4E79', '2E75B6', '9DC3E6', 'C55A11', 'F4B183', '7F7F7F', 'BF9000', '548235', 'A5A5A5', '264478'];

/** The names a chart colours: its slices' categories (pie, doughnut) or its series. */
function colouredNames(chart: ResolvedChart): string[] {
  return chart.type === 'pie' || chart.type === 'doughnut' ? [...chart.categories.texts] : chart.series.map((s) => s.name.texts.join(' '));
}

/** Each chart with the palette index of each of its series or slices. */
export function withColours(charts: readonly ResolvedChart[], paletteSize: number): ResolvedChart[] {
  const byName = new Map<string, number>();
  return charts.map((chart) => {
    const names = colouredNames(chart);
    const colours: (number | undefined)[] = names.map(() => undefined);
    const used = new Set<number>();
    // names seen in an earlier chart keep their colour (unless the chart already has it)
    names.forEach((name, i) => {
      const known = byName.get(name);
      if (known !== undefined && !used.has(known)) {
        colours[i] = known;
        used.add(known);
      }
    });
    // the rest take the first colour free in this chart; past the palette's size they repeat
    names.forEach((name, i) => {
      if (colours[i] !== undefined) return;
      let c = 0;
      while (used.has(c) && c < paletteSize) c++;
      if (c === paletteSize) c = i % paletteSize;
      colours[i] = c;
      used.add(c);
      if (!byName.has(name)) byName.set(name, c);
    });
    return { ...chart, colours: colours as number[] };
  });
}
