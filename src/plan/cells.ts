// The planned workbook: every cell with its formula text, its cached value and its role
// (input, calculation, link, text). Shared by the writer and by `verify --model`.
import type { ResolvedChart } from '../charts/model.js';
import type { LineFormat, LineStyle } from '../model/schema.js';
import type { StoredMap } from './map-format.js';

/** An amount shown to a number of decimals (the Checks sheet's differences and tolerances). */
export type DecimalsFormat = `decimals_${number}`;

/** `selector`: the scenario selector, text typed in (input-styled) from a drop-down list. */
export type TextRole = 'entity' | 'title' | 'subtitle' | 'units' | 'band' | 'header' | 'label' | 'heading' | 'note' | 'check_label' | 'selector';

export type PlannedCell =
  | { kind: 'text'; col: number; text: string; role: TextRole; indent?: number; style?: LineStyle; link?: string; wrap?: boolean; forecast?: boolean }
  | { kind: 'input'; col: number; value: number; format: LineFormat | DecimalsFormat; style: LineStyle; forecast?: boolean }
  | {
      kind: 'formula';
      col: number;
      formula: string;
      /** Cached result: the Decimal value converted once to a double, or text (check status). */
      value: number | string;
      format: LineFormat | DecimalsFormat | 'status';
      style: LineStyle;
      /** A plain link to another sheet (green by convention). */
      link: boolean;
      /** In a forecast period's column: shaded, so forecasts stand apart from reported figures. */
      forecast?: boolean;
    };

export interface PlannedRow {
  row: number;
  cells: PlannedCell[];
  /** Outline level for grouping detail rows under their subtotal. */
  outline?: number;
  /** Row height in points, where wrapped header text needs more than one line. */
  height?: number;
}

export interface DefinedName {
  name: string;
  /** e.g. Inputs!$C$7 */
  ref: string;
}

export interface PlannedSheet {
  name: string;
  kind: 'statement' | 'inputs' | 'checks' | 'cover' | 'charts' | 'map' | 'tie_out';
  widths: number[];
  freeze: { row: number; col: number } | null;
  merges: string[];
  lastRow: number;
  lastCol: number;
  headerRows: [number, number] | null;
  rows: PlannedRow[];
  /** Status cells to colour OK green / FAIL red. */
  statusRange: string | null;
  /** Drop-down lists (Excel's list data validation), e.g. the scenario selector. */
  validations?: { ref: string; list: string[] }[];
  /** What prints, when it is less than A1 to (lastCol, lastRow): the Charts sheet leaves out its helper cells. */
  printArea?: { lastRow: number; lastCol: number };
  /** Very hidden (Excel's UI cannot unhide it): the map of the workbook (plan/map.ts). */
  hidden?: boolean;
  /** Protected without a password, whatever `--protect` says. */
  protect?: boolean;
}

export interface PlannedWorkbook {
  sheets: PlannedSheet[];
  definedNames: DefinedName[];
  title: string;
  subject: string;
  company: string;
  keywords: string;
  created: Date;
  /** Native charts, added to the package after the cells are written (src/charts/). */
  charts?: ResolvedChart[];
  /** What the hidden map sheet carries (plan/map.ts); absent for workbooks too large to map. */
  map?: StoredMap;
}
