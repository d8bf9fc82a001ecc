import { describe, expect, it } from 'vitest';
import type { TaskStatus } from '../domain/task.js';
import { prepareBatch } from './batch.js';
import { findCycle } from './cycles.js';
import type { GraphNode } from './model.js';
import { buildWorkGraph, computeCriticalPath, computeWaves } from './model.js';
import { deriveParentStatus, isReady } from './ready.js';
import { renderGraph } from './render.js';

let n = 0;
const newId = () => `T${String(++n).padStart(4, '0')}`;

function node(id: string, deps: string[] = [], extra: Partial<GraphNode> = {}): GraphNode {
  return {
    id,
    task_name: id,
    status: 'pending',
    kind: 'implement',
    dependencies: deps,
    parent_id: null,
    position: null,
    subtask_count: 0,
    estimate_minutes: null,
    sort_key: id,
    ...extra,
  };
}

describe('findCycle', () => {
  it('returns the cycle as a closed path', () => {
    const edges: Record<string, string[]> = { a: ['b'], b: ['c'], c: ['a'], d: [] };
    expect(findCycle(['d', 'a', 'b', 'c'], (id) => edges[id]!)).toEqual(['a', 'b', 'c', 'a']);
  });
  it('returns null for a DAG, and handles a 200k-node chain without recursion', () => {
    const size = 200_000;
    const ids = Array.from({ length: size }, (_, i) => String(i));
    expect(findCycle(ids, (id) => (id === '0' ? [] : [String(Number(id) - 1)]))).toBeNull();
  });
  it('handles a dense diamond lattice in linear time (each node visited once)', () => {
    // Exponentially many paths, linearly many edges: a path-enumerating check never finishes here.
    let visits = 0;
    const layers = 2000;
    const ids = Array.from({ length: layers * 2 }, (_, i) => String(i));
    const edges = (id: string) => {
      visits++;
      const i = Number(id);
      const layer = Math.floor(i / 2);
      return layer + 1 < layers ? [String((layer + 1) * 2), String((layer + 1) * 2 + 1)] : [];
    };
    expect(findCycle(ids, edges)).toBeNull();
    expect(visits).toBe(ids.length);
  });
});

describe('waves and critical path', () => {
  it('layers unfinished work, counting done work as satisfied', () => {
    const g = buildWorkGraph([
      node('a', [], { status: 'done' }),
      node('b', ['a']),
      node('c', ['a']),
      node('d', ['b', 'c']),
    ]);
    const { waves, stuck } = computeWaves(g);
    expect(waves.map((w) => w.map((x) => x.id))).toEqual([['b', 'c'], ['d']]);
    expect(stuck).toEqual([]);
  });
  it('sequences sub-tasks and makes dependents of a parent wait for all of them', () => {
    const g = buildWorkGraph([
      node('p', [], { subtask_count: 2 }),
      node('p1', [], { parent_id: 'p', position: 1 }),
      node('p2', [], { parent_id: 'p', position: 2 }),
      node('q', ['p']),
    ]);
    expect(computeWaves(g).waves.map((w) => w.map((x) => x.id))).toEqual([['p1'], ['p2'], ['q']]);
  });
  it('reports work stuck on a cycle', () => {
    const g = buildWorkGraph([node('a', ['b']), node('b', ['a']), node('c')]);
    const { waves, stuck } = computeWaves(g);
    expect(waves.map((w) => w.map((x) => x.id))).toEqual([['c']]);
    expect(stuck.map((x) => x.id).sort()).toEqual(['a', 'b']);
  });
  it('finds the longest chain by estimate', () => {
    const g = buildWorkGraph([
      node('a', [], { estimate_minutes: 10 }),
      node('b', ['a'], { estimate_minutes: 100 }),
      node('c', ['a'], { estimate_minutes: 5 }),
      node('d', ['b', 'c'], { estimate_minutes: 1 }),
    ]);
    const cp = computeCriticalPath(g);
    expect(cp.path.map((x) => x.id)).toEqual(['a', 'b', 'd']);
    expect(cp.total_minutes).toBe(111);
    expect(cp.unestimated).toBe(0);
  });
  it('reports dangling dependencies', () => {
    expect(buildWorkGraph([node('a', ['ghost'])]).dangling).toEqual([{ task: 'a', dependency: 'ghost' }]);
  });
});

describe('readiness', () => {
  const base = {
    status: 'pending' as TaskStatus,
    subtask_count: 0,
    dependencyStatuses: [],
    parentDependencyStatuses: [],
    earlierSiblingStatuses: [],
  };
  it('needs dependencies, parent dependencies and earlier siblings satisfied', () => {
    expect(isReady(base)).toBe(true);
    expect(isReady({ ...base, dependencyStatuses: ['done', 'in_progress'] })).toBe(false);
    expect(isReady({ ...base, parentDependencyStatuses: ['pending'] })).toBe(false);
    expect(isReady({ ...base, earlierSiblingStatuses: ['done', 'cancelled'] })).toBe(true);
    expect(isReady({ ...base, subtask_count: 1 })).toBe(false);
    expect(isReady({ ...base, status: 'blocked' })).toBe(false);
  });
  it('derives a parent status from its sub-tasks', () => {
    expect(deriveParentStatus(['done', 'done'])).toBe('done');
    expect(deriveParentStatus(['done', 'cancelled'])).toBe('done');
    expect(deriveParentStatus(['done', 'failed', 'pending'])).toBe('failed');
    expect(deriveParentStatus(['done', 'pending'])).toBe('in_progress');
    expect(deriveParentStatus(['pending', 'pending'])).toBe('pending');
  });
});

describe('prepareBatch', () => {
  it('resolves inline sub-tasks, $N.M references and critiques_tasks placeholders to ids', () => {
    const rows = prepareBatch(
      [
        { task_name: 'services', subtasks: [{ task_name: 'orders' }, { task_name: 'payments' }] },
        { task_name: 'review payments', kind: 'critique', inputs: { critiques_tasks: ['$1.2'] } },
      ],
      { newId },
    );
    expect(rows.map((r) => r.task_name)).toEqual(['services', 'orders', 'payments', 'review payments']);
    expect(rows[1]!.parent_id).toBe(rows[0]!.id);
    expect(rows.map((r) => r.position)).toEqual([null, 1, 2, null]);
    expect(rows[3]!.critiques).toEqual([rows[2]!.id]);
    expect(rows[3]!.dependencies).toEqual([rows[2]!.id]);
    expect(rows[3]!.inputs.critiques_tasks).toEqual([rows[2]!.id]);
  });
  it('uses the registry category of a skill to infer the kind and enforce the planner rule', () => {
    const skillCategory = (id: string) => ({ 'x/y/reviewer': 'critique', 'x/y/architect': 'planner' })[id];
    expect(() =>
      prepareBatch([{ task_name: 'a', skill_id: 'x/y/architect' }], { newId, skillCategory }),
    ).toThrow(/planner skill/);
    expect(() =>
      prepareBatch([{ task_name: 'r', skill_id: 'x/y/reviewer' }], { newId, skillCategory }),
    ).toThrow(/needs something to critique/);
  });
  it('refuses a sub-task that depends on its own parent', () => {
    expect(() =>
      prepareBatch([{ task_name: 'p', subtasks: [{ task_name: 'c', dependencies: ['$1'] }] }], { newId }),
    ).toThrow(/its own parent \$1/);
  });
  it('finds cycles through sub-task order', () => {
    expect(() =>
      prepareBatch(
        [{ task_name: 'p', subtasks: [{ task_name: 'c1', dependencies: ['$1.2'] }, { task_name: 'c2' }] }],
        { newId },
      ),
    ).toThrow(/dependency cycle \$1\.1 → \$1\.2 → \$1\.1/);
  });
});

describe('renderGraph', () => {
  it('draws sub-tasks inside their parent and edges between tasks', () => {
    const nodes = [
      node('P', [], { subtask_count: 1 }),
      node('C', [], { parent_id: 'P', position: 1 }),
      node('Q', ['P'], { status: 'done' }),
    ];
    const m = renderGraph(nodes, 'mermaid');
    expect(m).toContain('subgraph tP["P"]');
    expect(m).toContain('tP --> tQ');
    expect(m).toContain('class tQ done');
    expect(renderGraph(nodes, 'dot')).toContain('"P" -> "Q";');
  });
});
