// The Inputs sheet: one blue input cell per global input, each with a defined name that
// the formulas use instead of a raw address (FAST: no constants inside formulas).
import type { Program } from '../compile/program.js';
import { a1, quoteSheetName } from '../layout/a1.js';
import type { DefinedName, PlannedRow, PlannedSheet } from './cells.js';
import { SCENARIO_LIST_NAME, inputDefinedName } from './resolver.js';
import { titleBlock } from './title-block.js';

export const INPUTS_SHEET = 'Inputs';
const FIRST_ROW = 7;

export function planInputsSheet(program: Program, entityLine: string): { sheet: PlannedSheet; names: DefinedName[] } {
  const rows: PlannedRow[] = [
    ...titleBlock(entityLine, 'Global inputs', 'Every formula that needs one of these refers to it by its defined name.', 'Units as stated per input'),
    {
      row: 6,
      cells: ['Input', 'Value', 'As of', 'Defined name', 'Note'].map((t, i) => ({ kind: 'text' as const, col: i, text: t, role: 'header' as const })),
    },
  ];
  const names: DefinedName[] = [];
  let row = FIRST_ROW;
  for (const input of program.inputs.values()) {
    const name = inputDefinedName(input.id);
    rows.push({
      row,
      cells: [
        { kind: 'text', col: 0, text: input.spec.label ?? input.id, role: 'label' },
        { kind: 'input', col: 1, value: input.value.toNumber(), format: input.spec.format ?? 'rate', style: 'normal' },
        ...(input.spec.date ? [{ kind: 'text' as const, col: 2, text: input.spec.date, role: 'label' as const }] : []),
        { kind: 'text', col: 3, text: name, role: 'label' },
        ...(input.spec.note ? [{ kind: 'text' as const, col: 4, text: input.spec.note, role: 'note' as const }] : []),
      ],
    });
    names.push({ name, ref: `${quoteSheetName(INPUTS_SHEET)}!${a1(1, row, true)}` });
    row++;
  }
  // the scenarios: the list the selector's choice is matched against (MATCH(scenario,scenario_list,0))
  const scenarios = program.template.value.scenarios ?? [];
  if (scenarios.length > 0) {
    row++;
    rows.push({ row, cells: ['Scenario', 'Number', '', '', 'Note'].flatMap((t, i) => (t ? [{ kind: 'text' as const, col: i, text: t, role: 'header' as const }] : [])) });
    const first = ++row;
    scenarios.forEach((sc, i) => {
      rows.push({
        row,
        cells: [
          { kind: 'text', col: 0, text: sc.label, role: 'label' },
          { kind: 'input', col: 1, value: i + 1, format: 'count', style: 'normal' },
          ...(sc.note ? [{ kind: 'text' as const, col: 4, text: sc.note, role: 'note' as const }] : []),
        ],
      });
      row++;
    });
    names.push({ name: SCENARIO_LIST_NAME, ref: `${quoteSheetName(INPUTS_SHEET)}!${a1(0, first, true)}:${a1(0, row - 1, true)}` });
  }
  return {
    sheet: {
      name: INPUTS_SHEET,
      kind: 'inputs',
      widths: [44, 14, 12, 18, 60],
      freeze: { row: FIRST_ROW, col: 1 },
      merges: [],
      lastRow: row - 1,
      lastCol: 4,
      headerRows: [1, 6],
      rows,
      statusRange: null,
    },
    names,
  };
}
