// The four rows every sheet of finbook's own (Inputs, Checks, Sensitivity, Charts) opens
// with, as the statements do: the entity, the sheet's title, what it shows, its units.
import type { PlannedRow } from './cells.js';

export function titleBlock(entityLine: string, title: string, subtitle: string, units: string): PlannedRow[] {
  return [
    { row: 1, cells: [{ kind: 'text', col: 0, text: entityLine, role: 'entity' }] },
    { row: 2, cells: [{ kind: 'text', col: 0, text: title, role: 'title' }] },
    { row: 3, cells: [{ kind: 'text', col: 0, text: subtitle, role: 'subtitle' }] },
    { row: 4, cells: [{ kind: 'text', col: 0, text: units, role: 'units' }] },
  ];
}
