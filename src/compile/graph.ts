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

/**
 * Strongly connected components (Tarjan), each listed after every component it depends on.
 * A line that reads itself in another period (prev(revenue)) is a component of one with an
 * edge to itself; compile/order.ts then orders such components cell by cell.
 */
export function stronglyConnected<K>(nodes: readonly K[], deps: (k: K) => readonly K[]): K[][] {
  const index = new Map<K, number>();
  const low = new Map<K, number>();
  const onStack = new Set<K>();
  const stack: K[] = [];
  const out: K[][] = [];
  let next = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    // iterative: a chain of ten thousand lines must not overflow the call stack
    const frames: { node: K; deps: readonly K[]; i: number }[] = [];
    const enter = (k: K): void => {
      index.set(k, next);
      low.set(k, next++);
      stack.push(k);
      onStack.add(k);
      frames.push({ node: k, deps: deps(k), i: 0 });
    };
    enter(root);
    while (frames.length > 0) {
      const f = frames[frames.length - 1]!;
      if (f.i < f.deps.length) {
        const d = f.deps[f.i++]!;
        if (!index.has(d)) enter(d);
        else if (onStack.has(d)) low.set(f.node, Math.min(low.get(f.node)!, index.get(d)!));
        continue;
      }
      frames.pop();
      const parent = frames[frames.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(f.node)!));
      if (low.get(f.node) === index.get(f.node)) {
        const component: K[] = [];
        let k: K;
        do {
          k = stack.pop()!;
          onStack.delete(k);
          component.push(k);
        } while (k !== f.node);
        out.push(component.reverse());
      }
    }
  }
  return out;
}
