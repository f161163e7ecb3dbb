// Dependency order of lines. Cycles come back as data (the whole path), never as a throw.

export interface GraphResult<K> {
  order: K[];
  cycles: K[][];
}

/** Depth-first topological sort; `deps(k)` lists what k needs computed first. */
export function topologicalOrder<K>(nodes: readonly K[], deps: (k: K) => readonly K[]): GraphResult<K> {
  const state = new Map<K, 1 | 2>(); // 1 = on the stack, 2 = done
  const order: K[] = [];
  const cycles: K[][] = [];
  const seenCycle = new Set<string>();
  for (const root of nodes) {
    if (state.has(root)) continue;
    // iterative DFS so long chains cannot overflow the call stack
    const stack: { node: K; next: number; deps: readonly K[] }[] = [{ node: root, next: 0, deps: deps(root) }];
    state.set(root, 1);
    while (stack.length > 0) {
      const top = stack[stack.length - 1]!;
      if (top.next < top.deps.length) {
        const d = top.deps[top.next++]!;
        const s = state.get(d);
        if (s === undefined) {
          state.set(d, 1);
          stack.push({ node: d, next: 0, deps: deps(d) });
        } else if (s === 1) {
          const from = stack.findIndex((f) => f.node === d);
          const cycle = [...stack.slice(from).map((f) => f.node), d];
          const key = cycle.map(String).slice(0, -1).sort().join('|');
          if (!seenCycle.has(key)) {
            seenCycle.add(key);
            cycles.push(cycle);
          }
        }
      } else {
        state.set(top.node, 2);
        order.push(top.node);
        stack.pop();
      }
    }
  }
  return { order, cycles };
}
