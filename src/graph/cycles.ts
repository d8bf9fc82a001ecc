/**
 * Finds one cycle in a directed graph, in O(V + E): an iterative depth-first search with three colours.
 * Returns the cycle as a path that starts and ends on the same node (`[a, b, a]`), or null.
 */
export function findCycle(
  nodes: Iterable<string>,
  edgesOf: (id: string) => readonly string[],
): string[] | null {
  const WHITE = 0;
  const GREY = 1;
  const BLACK = 2;
  const colour = new Map<string, number>();
  const parent = new Map<string, string>();
  for (const start of nodes) {
    if ((colour.get(start) ?? WHITE) !== WHITE) continue;
    const stack: Array<{ id: string; edges: readonly string[]; next: number }> = [
      { id: start, edges: edgesOf(start), next: 0 },
    ];
    colour.set(start, GREY);
    while (stack.length > 0) {
      const frame = stack[stack.length - 1]!;
      if (frame.next < frame.edges.length) {
        const to = frame.edges[frame.next++]!;
        const c = colour.get(to) ?? WHITE;
        if (c === WHITE) {
          colour.set(to, GREY);
          parent.set(to, frame.id);
          stack.push({ id: to, edges: edgesOf(to), next: 0 });
        } else if (c === GREY) {
          const path = [to];
          let cur = frame.id;
          while (cur !== to) {
            path.push(cur);
            cur = parent.get(cur)!;
          }
          path.push(to);
          return path.reverse();
        }
      } else {
        colour.set(frame.id, BLACK);
        stack.pop();
      }
    }
  }
  return null;
}
