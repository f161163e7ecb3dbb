// A chart resolved against the compiled program: every series as a reference to live
// statement cells plus the cached copy of their values, ready to print as DrawingML.
import type { CellAddress } from '../layout/a1.js';
import type { ChartSpec, ChartType } from '../model/chart-schema.js';

export type DataLabels = 'none' | 'value' | 'percent';

/** Text for a series name or the categories: cells to point at, or literal text. */
export interface TextSource {
  /**
   * The cells holding the text, in order; null for literal text (a period, a label from the
   * template), which resolve.ts then gives cells on the Charts sheet when it names categories.
   */
  cells: CellAddress[] | null;
  texts: string[];
}

export interface NumberSource {
  /** The live cells, in plotting order (all on one sheet, as Excel requires of a series). */
  cells: CellAddress[];
  /** Cached copy: exactly the planned cells' cached values. */
  values: number[];
  /** Number format of the source cells (the cache's formatCode). */
  formatCode: string;
}

export interface ChartSeries {
  name: TextSource;
  values: NumberSource;
}

export interface ResolvedChart {
  spec: ChartSpec;
  type: ChartType;
  title: string;
  categories: TextSource;
  series: ChartSeries[];
  xTitle: string | null;
  yTitle: string | null;
  /** Number format of the value axis and of value data labels. */
  valueFormat: string;
  dataLabels: DataLabels;
  /** Excel name of the sheet the chart is drawn on. */
  sheet: string;
  /** Drawn on the Charts sheet (the template names no sheet for it). */
  onChartsSheet: boolean;
  /** Its category labels are text cells on the Charts sheet (periods, renamed lines). */
  labelsOnChartsSheet: boolean;
  /** Top-left cell chosen in the template (0-based column, 1-based row), or null for the next free place. */
  anchor: { col: number; row: number } | null;
  width: number;
  height: number;
  /** Palette index of each series, or of each slice of a pie or doughnut (colours.ts). */
  colours: number[];
}
