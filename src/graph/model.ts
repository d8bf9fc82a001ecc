import type { TaskKind, TaskStatus } from '../domain/task.js';
import { satisfies } from '../domain/task.js';

/** The slice of a task the graph algorithms need. */
export interface GraphNode {
  id: string;
  task_name: string;
  status: TaskStatus;
  kind: TaskKind;
  dependencies: string[];
  parent_id: string | null;
  position: number | null;
  subtask_count: number;
  estimate_minutes: number | null;
  sort_key: string;
}

/**
 * The work graph: sub-task sequencing made explicit. Containers (parents with sub-tasks) are not work
 * themselves; a sub-task waits for its parent's dependencies and for its previous sibling, and a task
 * that depends on a container waits for every sub-task of it. Linear in tasks + dependencies.
 */
export interface WorkGraph {
  /** Work nodes (leaf tasks), in sort order. */
  nodes: GraphNode[];
  byId: Map<string, GraphNode>;
  /** Effective dependencies of each work node, all of them work nodes. */
  deps: Map<string, string[]>;
  /** Dependencies that name no known task. */
  dangling: Array<{ task: string; dependency: string }>;
}

export function buildWorkGraph(all: GraphNode[]): WorkGraph {
  const byId = new Map(all.map((n) => [n.id, n]));
  const children = new Map<string, GraphNode[]>();
  for (const n of all) {
    if (n.parent_id) {
      const list = children.get(n.parent_id) ?? [];
      list.push(n);
      children.set(n.parent_id, list);
    }
  }
  for (const list of children.values()) list.sort((a, b) => (a.position ?? 0) - (b.position ?? 0));
  const isContainer = (id: string) => (children.get(id)?.length ?? 0) > 0;
  const dangling: WorkGraph['dangling'] = [];

  const expand = (task: string, depId: string, out: Set<string>) => {
    if (!byId.has(depId)) {
      dangling.push({ task, dependency: depId });
      return;
    }
    if (isContainer(depId)) for (const c of children.get(depId)!) out.add(c.id);
    else out.add(depId);
  };

  const nodes = all.filter((n) => !isContainer(n.id)).sort((a, b) => (a.sort_key < b.sort_key ? -1 : 1));
  const deps = new Map<string, string[]>();
  for (const n of nodes) {
    const out = new Set<string>();
    for (const d of n.dependencies) expand(n.id, d, out);
    if (n.parent_id) {
      const parent = byId.get(n.parent_id);
      if (parent) for (const d of parent.dependencies) expand(parent.id, d, out);
      const siblings = children.get(n.parent_id) ?? [];
      const idx = siblings.findIndex((s) => s.id === n.id);
      if (idx > 0) out.add(siblings[idx - 1]!.id);
    }
    out.delete(n.id);
    deps.set(n.id, [...out]);
  }
  return { nodes, byId, deps, dangling };
}

export interface Waves {
  /** Each wave can run in parallel once the waves before it are done. */
  waves: GraphNode[][];
  /** Unfinished work that can never start (on a cycle, or waiting on one). */
  stuck: GraphNode[];
}

/** Parallel waves of the unfinished work (Kahn's algorithm by levels). Done work counts as satisfied. */
export function computeWaves(graph: WorkGraph): Waves {
  const open = graph.nodes.filter((n) => !satisfies(n.status));
  const openIds = new Set(open.map((n) => n.id));
  const indegree = new Map<string, number>();
  const dependents = new Map<string, string[]>();
  for (const n of open) {
    const ds = (graph.deps.get(n.id) ?? []).filter((d) => openIds.has(d));
    indegree.set(n.id, ds.length);
    for (const d of ds) {
      const list = dependents.get(d) ?? [];
      list.push(n.id);
      dependents.set(d, list);
    }
  }
  const waves: GraphNode[][] = [];
  let frontier = open.filter((n) => indegree.get(n.id) === 0);
  let placed = 0;
  while (frontier.length > 0) {
    waves.push(frontier);
    placed += frontier.length;
    const next: GraphNode[] = [];
    for (const n of frontier) {
      for (const m of dependents.get(n.id) ?? []) {
        const left = indegree.get(m)! - 1;
        indegree.set(m, left);
        if (left === 0) next.push(graph.byId.get(m)!);
      }
    }
    next.sort((a, b) => (a.sort_key < b.sort_key ? -1 : 1));
    frontier = next;
  }
  const stuck = placed === open.length ? [] : open.filter((n) => (indegree.get(n.id) ?? 0) > 0);
  return { waves, stuck };
}

export interface CriticalPath {
  path: GraphNode[];
  total_minutes: number;
  /** How many tasks on the path had no estimate and were counted at the default. */
  unestimated: number;
  default_minutes: number;
}

/** The longest chain of unfinished work, weighted by `estimate_minutes` (default for those without). */
export function computeCriticalPath(graph: WorkGraph, defaultMinutes = 30): CriticalPath {
  const { waves } = computeWaves(graph);
  const weight = (n: GraphNode) => n.estimate_minutes ?? defaultMinutes;
  const best = new Map<string, { total: number; prev: string | null }>();
  let end: string | null = null;
  let endTotal = -1;
  for (const wave of waves) {
    for (const n of wave) {
      let from: { total: number; prev: string | null } = { total: 0, prev: null };
      for (const d of graph.deps.get(n.id) ?? []) {
        const b = best.get(d);
        if (b && b.total > from.total) from = { total: b.total, prev: d };
      }
      const total = from.total + weight(n);
      best.set(n.id, { total, prev: from.prev });
      if (total > endTotal) {
        endTotal = total;
        end = n.id;
      }
    }
  }
  const path: GraphNode[] = [];
  for (let cur = end; cur; cur = best.get(cur)!.prev) path.push(graph.byId.get(cur)!);
  path.reverse();
  return {
    path,
    total_minutes: Math.max(endTotal, 0),
    unestimated: path.filter((n) => n.estimate_minutes == null).length,
    default_minutes: defaultMinutes,
  };
}
