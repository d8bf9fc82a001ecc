import type { TaskKind, TaskStatus } from '../../domain/task.js';
import { findCycle } from '../../graph/cycles.js';
import type { GraphNode } from '../../graph/model.js';
import { buildWorkGraph } from '../../graph/model.js';
import { deriveParentStatus, isReady } from '../../graph/ready.js';
import type { Finding } from '../task-store.js';
import { iso, type StoreCore } from './core.js';

/** The graph as nodes for the graph algorithms, and `validate`: dangling links, cycles, stuck tasks. */

export async function graphNodes(s: StoreCore, filter: { plan_id?: string } = {}): Promise<GraphNode[]> {
  let q = s.db
    .selectFrom('tasks')
    .select([
      'id',
      'task_name',
      'status',
      'kind',
      'parent_id',
      'position',
      'subtask_count',
      'estimate_minutes',
      'sort_key',
    ]);
  if (filter.plan_id) q = q.where('plan_id', '=', filter.plan_id);
  const rows = await q.orderBy('sort_key').execute();
  let links = s.db.selectFrom('task_deps').select(['task_id', 'dep_id']).where('kind', '=', 'dep');
  if (filter.plan_id)
    links = links.where(
      'task_id',
      'in',
      s.db.selectFrom('tasks').select('id').where('plan_id', '=', filter.plan_id),
    );
  const deps = new Map<string, string[]>();
  for (const l of await links.execute()) {
    const list = deps.get(l.task_id) ?? [];
    list.push(l.dep_id);
    deps.set(l.task_id, list);
  }
  return rows.map((r) => ({
    id: r.id,
    task_name: r.task_name,
    status: r.status as TaskStatus,
    kind: r.kind as TaskKind,
    dependencies: deps.get(r.id) ?? [],
    parent_id: r.parent_id,
    position: r.position,
    subtask_count: r.subtask_count,
    estimate_minutes: r.estimate_minutes == null ? null : Number(r.estimate_minutes),
    sort_key: r.sort_key,
  }));
}

export async function validate(s: StoreCore): Promise<Finding[]> {
  const findings: Finding[] = [];
  const nodes = await graphNodes(s);
  const graph = buildWorkGraph(nodes);
  for (const d of graph.dangling) {
    findings.push({
      severity: 'error',
      code: 'dangling',
      task: d.task,
      message: `task ${d.task} depends on ${d.dependency}, which does not exist`,
    });
  }
  const cycle = findCycle(
    graph.nodes.map((n) => n.id),
    (id) => graph.deps.get(id) ?? [],
  );
  if (cycle)
    findings.push({
      severity: 'error',
      code: 'cycle',
      task: cycle[0]!,
      message: `dependency cycle ${cycle.join(' → ')}`,
    });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const rows = await s.db
    .selectFrom('tasks')
    .select([
      'id',
      'status',
      'ready',
      'lease_owner',
      'lease_expires_at',
      'parent_id',
      'position',
      'subtask_count',
    ])
    .execute();
  const now = s.clock.now();
  const kids = new Map<string, typeof rows>();
  for (const r of rows) {
    if (!r.parent_id) continue;
    const list = kids.get(r.parent_id) ?? [];
    list.push(r);
    kids.set(r.parent_id, list);
  }
  const statusOf = (id: string) => byId.get(id)?.status ?? 'pending';
  for (const r of rows) {
    if (r.status === 'in_progress' && r.lease_expires_at != null && r.lease_expires_at < now) {
      findings.push({
        severity: 'warning',
        code: 'stale_lease',
        task: r.id,
        message: `task ${r.id}: the lease of ${r.lease_owner ?? 'its owner'} expired at ${iso(r.lease_expires_at)}; the next claim takes it over`,
      });
    }
    if (r.parent_id && byId.get(r.parent_id)?.parent_id) {
      findings.push({
        severity: 'error',
        code: 'nesting',
        task: r.id,
        message: `task ${r.id} is a sub-task of a sub-task`,
      });
    }
    const children = kids.get(r.id) ?? [];
    if (children.length !== r.subtask_count) {
      findings.push({
        severity: 'error',
        code: 'parent_status',
        task: r.id,
        message: `task ${r.id} counts ${r.subtask_count} sub-tasks but has ${children.length}`,
      });
    }
    if (children.length > 0) {
      const derived = deriveParentStatus(children.map((c) => c.status as TaskStatus));
      if (derived !== r.status)
        findings.push({
          severity: 'error',
          code: 'parent_status',
          task: r.id,
          message: `task ${r.id} is ${r.status} but its sub-tasks make it ${derived}`,
        });
    }
    const node = byId.get(r.id)!;
    const parent = r.parent_id ? byId.get(r.parent_id) : undefined;
    const ready = isReady({
      status: r.status as TaskStatus,
      subtask_count: r.subtask_count,
      dependencyStatuses: node.dependencies.map(statusOf),
      parentDependencyStatuses: parent ? parent.dependencies.map(statusOf) : [],
      earlierSiblingStatuses: r.parent_id
        ? (kids.get(r.parent_id) ?? [])
            .filter((s) => (s.position ?? 0) < (r.position ?? 0))
            .map((s) => s.status as TaskStatus)
        : [],
    });
    if (ready !== (r.ready === 1))
      findings.push({
        severity: 'error',
        code: 'ready_flag',
        task: r.id,
        message: `task ${r.id} is marked ${r.ready ? 'ready' : 'not ready'} but is ${ready ? 'ready' : 'not ready'}`,
      });
  }
  return findings;
}
