import type { GraphNode } from './model.js';

/** Renders a task graph as Mermaid or Graphviz DOT. Sub-tasks are grouped inside their parent. */
export type GraphFormat = 'mermaid' | 'dot';

const STATUS_MARK: Record<string, string> = {
  pending: ' ',
  in_progress: '…',
  done: '✓',
  failed: '✗',
  blocked: '!',
  cancelled: '-',
};

const shortId = (id: string) => `t${id}`;
const escapeMermaid = (s: string) => s.replace(/"/g, '#quot;').replace(/[<>]/g, '');
const escapeDot = (s: string) => s.replace(/\\/g, '\\\\').replace(/"/g, '\\"');

export function renderGraph(nodes: GraphNode[], format: GraphFormat): string {
  const children = new Map<string, GraphNode[]>();
  for (const n of nodes)
    if (n.parent_id) children.set(n.parent_id, [...(children.get(n.parent_id) ?? []), n]);
  const known = new Set(nodes.map((n) => n.id));
  const label = (n: GraphNode) => `${STATUS_MARK[n.status] ?? ''} ${n.task_name}`.trim();
  const lines: string[] = [];
  if (format === 'mermaid') {
    lines.push('flowchart TD');
    for (const n of nodes) {
      if (n.parent_id) continue;
      const kids = children.get(n.id);
      if (kids) {
        lines.push(`  subgraph ${shortId(n.id)}["${escapeMermaid(label(n))}"]`);
        kids.forEach((k, i) => {
          lines.push(`    ${shortId(k.id)}["${escapeMermaid(label(k))}"]`);
          if (i > 0) lines.push(`    ${shortId(kids[i - 1]!.id)} -.-> ${shortId(k.id)}`);
        });
        lines.push('  end');
      } else lines.push(`  ${shortId(n.id)}["${escapeMermaid(label(n))}"]`);
    }
    for (const n of nodes)
      for (const d of n.dependencies) if (known.has(d)) lines.push(`  ${shortId(d)} --> ${shortId(n.id)}`);
    for (const n of nodes) lines.push(`  class ${shortId(n.id)} ${n.status}`);
    lines.push(
      '  classDef done fill:#d3f9d8,stroke:#2b8a3e',
      '  classDef in_progress fill:#fff3bf,stroke:#e67700',
      '  classDef failed fill:#ffe3e3,stroke:#c92a2a',
      '  classDef blocked fill:#f1f3f5,stroke:#868e96',
    );
    return lines.join('\n');
  }
  lines.push('digraph tasks {', '  rankdir=LR;', '  node [shape=box, style=rounded];');
  for (const n of nodes) {
    if (n.parent_id) continue;
    const kids = children.get(n.id);
    if (kids) {
      lines.push(`  subgraph "cluster_${n.id}" {`, `    label="${escapeDot(label(n))}";`);
      kids.forEach((k, i) => {
        lines.push(`    "${k.id}" [label="${escapeDot(label(k))}"];`);
        if (i > 0) lines.push(`    "${kids[i - 1]!.id}" -> "${k.id}" [style=dashed];`);
      });
      lines.push('  }');
    } else lines.push(`  "${n.id}" [label="${escapeDot(label(n))}"];`);
  }
  for (const n of nodes)
    for (const d of n.dependencies) if (known.has(d)) lines.push(`  "${d}" -> "${n.id}";`);
  lines.push('}');
  return lines.join('\n');
}
