// The order cells are computed in. Lines are ordered as wholes wherever they can be (the
// common case, and the fast one for a million cells); a line that reads itself in another
// period (revenue = prev(revenue) * 1.1), or lines that read each other across periods
// (opening cash = the previous closing cash), are ordered cell by cell. Only a loop of
// cells is a cycle: cf.cash_end[4Q02] -> cf.net_change[4Q02] -> cf.cash_end[4Q02].
import type { CellRead } from './reads.js';
import { stronglyConnected, topologicalOrder } from './graph.js';

/** One line for every period (`index` null), or one cell of it. */
export interface ComputeStep<L> {
  line: L;
  index: number | null;
}

export interface CellOrder<L> {
  steps: ComputeStep<L>[];
  /** Each loop of cells, its first cell repeated at the end. */
  cycles: CellRead<L>[][];
}

export function orderCells<L extends { deps: L[] }>(lines: readonly L[], periodCount: (line: L) => number, cellDeps: (line: L, index: number) => CellRead<L>[]): CellOrder<L> {
  const steps: ComputeStep<L>[] = [];
  const cycles: CellRead<L>[][] = [];
  for (const component of stronglyConnected(lines, (l) => l.deps)) {
    const only = component[0]!;
    if (component.length === 1 && !only.deps.includes(only)) {
      steps.push({ line: only, index: null });
      continue;
    }
    // cell by cell inside the component; cells of other components are computed already
    const members = new Set(component);
    const cells = new Map<L, CellRead<L>[]>();
    for (const line of component) cells.set(line, Array.from({ length: periodCount(line) }, (_, index) => ({ line, index })));
    const all = component.flatMap((l) => cells.get(l)!);
    const within = (c: CellRead<L>): CellRead<L>[] => cellDeps(c.line, c.index).flatMap((d) => (members.has(d.line) ? [cells.get(d.line)![d.index]!] : []));
    const sorted = topologicalOrder(all, within);
    for (const c of sorted.order) steps.push({ line: c.line, index: c.index });
    cycles.push(...sorted.cycles);
  }
  return { steps, cycles };
}
