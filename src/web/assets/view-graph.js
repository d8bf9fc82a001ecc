// The graph: a plan's tasks in waves, sub-tasks folded, the critical path outlined, paged by waves.

import { api, emptyState, go, h, planSelect, plans, svg } from './dom.js';

const NODE_W = 190;
const NODE_H = 46;
const GAP_X = 60;
const GAP_Y = 14;
const LAYERS_PER_PAGE = 8;
const NODES_PER_LAYER = 40;

export async function viewGraph(query) {
  const list = await plans();
  // A plan's graph by default; "all plans" is every task (hand-built graphs from create_tasks_batch have no plan).
  const plan = query.has('plan') ? query.get('plan') : (list[0]?.id ?? '');
  const change = (ev) => {
    const q = new URLSearchParams();
    q.set('plan', ev.target.value);
    go('/graph', q);
  };
  const g = await api(`/graph${plan ? `?plan=${encodeURIComponent(plan)}` : ''}`);
  if (!g.nodes.length)
    return [
      h('h1', {}, 'Graph'),
      h('div', { class: 'filters' }, planSelect(list, plan, change)),
      emptyState(
        'No tasks to draw',
        'The graph shows a plan\'s tasks in waves once the plan has put them in the store: plansmith plan "…".',
      ),
    ];
  const byId = new Map(g.nodes.map((n) => [n.id, n]));
  // Sub-tasks fold into their parent: edges and the critical path are drawn between top-level tasks.
  const top = (id) => {
    let n = byId.get(id);
    while (n?.parent_id && byId.has(n.parent_id)) n = byId.get(n.parent_id);
    return n?.id ?? id;
  };
  const tops = g.nodes.filter((n) => !n.parent_id || !byId.has(n.parent_id));
  const deps = new Map(tops.map((n) => [n.id, new Set()]));
  for (const n of g.nodes)
    for (const d of n.dependencies) {
      const a = top(d);
      const b = top(n.id);
      if (a !== b && deps.has(b)) deps.get(b).add(a);
    }
  // Layers: the longest chain of dependencies before a task (its wave, sub-tasks folded).
  // Kahn's order, iteratively: deep graphs (thousands of tasks in a chain) do not overflow the stack.
  const layer = new Map();
  const waiting = new Map(tops.map((n) => [n.id, deps.get(n.id).size]));
  const after = new Map(tops.map((n) => [n.id, []]));
  for (const [id, d] of deps) for (const from of d) after.get(from)?.push(id);
  const queue = tops.filter((n) => waiting.get(n.id) === 0).map((n) => n.id);
  for (const id of queue) layer.set(id, 0);
  for (let i = 0; i < queue.length; i++) {
    const id = queue[i];
    for (const next of after.get(id)) {
      layer.set(next, Math.max(layer.get(next) ?? 0, layer.get(id) + 1));
      waiting.set(next, waiting.get(next) - 1);
      if (waiting.get(next) === 0) queue.push(next);
    }
  }
  for (const n of tops) if (!layer.has(n.id)) layer.set(n.id, 0); // in a cycle: validate reports it
  const layers = [];
  for (const n of tops) {
    const l = layer.get(n.id);
    if (!layers[l]) layers[l] = [];
    layers[l].push(n);
  }
  const critical = new Set(g.critical_path.map(top));
  const page = Math.max(0, Number(query.get('page') ?? 0));
  const pages = Math.max(1, Math.ceil(layers.length / LAYERS_PER_PAGE));
  const visible = layers.slice(page * LAYERS_PER_PAGE, (page + 1) * LAYERS_PER_PAGE);
  const pos = new Map();
  let height = 0;
  visible.forEach((nodes, i) => {
    nodes.slice(0, NODES_PER_LAYER).forEach((n, j) => {
      pos.set(n.id, { x: 20 + i * (NODE_W + GAP_X), y: 36 + j * (NODE_H + GAP_Y) });
    });
    height = Math.max(height, 36 + Math.min(nodes.length, NODES_PER_LAYER + 1) * (NODE_H + GAP_Y));
  });
  const width = 40 + visible.length * (NODE_W + GAP_X);
  const s = svg('svg', {
    width,
    height: height + 20,
    role: 'img',
    'aria-label': `Task graph of the plan: ${tops.length} tasks in ${layers.length} waves`,
  });
  visible.forEach((nodes, i) => {
    const x = 10 + i * (NODE_W + GAP_X);
    s.append(
      svg('rect', { class: `wave ${i % 2 ? 'odd' : ''}`, x, y: 0, width: NODE_W + 20, height: height + 20 }),
    );
    s.append(
      svg(
        'text',
        { class: 'wavelabel', x: x + 10, y: 20 },
        `wave ${page * LAYERS_PER_PAGE + i + 1} · ${nodes.length}`,
      ),
    );
    if (nodes.length > NODES_PER_LAYER)
      s.append(
        svg(
          'text',
          { class: 'wavelabel', x: x + 10, y: 36 + NODES_PER_LAYER * (NODE_H + GAP_Y) + 14 },
          `+${nodes.length - NODES_PER_LAYER} more (see the board)`,
        ),
      );
  });
  for (const [id, d] of deps)
    for (const from of d) {
      const a = pos.get(from);
      const b = pos.get(id);
      if (!a || !b) continue;
      const crit = critical.has(from) && critical.has(id);
      s.append(
        svg('path', {
          class: `edge ${crit ? 'critical' : ''}`,
          d: `M${a.x + NODE_W},${a.y + NODE_H / 2} C${a.x + NODE_W + GAP_X / 2},${a.y + NODE_H / 2} ${b.x - GAP_X / 2},${b.y + NODE_H / 2} ${b.x},${b.y + NODE_H / 2}`,
        }),
      );
    }
  for (const n of tops) {
    const p = pos.get(n.id);
    if (!p) continue;
    const name = n.task_name.length > 28 ? `${n.task_name.slice(0, 27)}…` : n.task_name;
    const a = svg(
      'a',
      {
        href: `#/tasks/${n.id}`,
        class: `node st-${n.status} ${critical.has(n.id) ? 'critical' : ''}`,
        'data-task': n.id,
        'aria-label': `${n.task_name}, ${n.status}${critical.has(n.id) ? ', on the critical path' : ''}`,
      },
      svg('title', {}, `${n.task_name} (${n.kind})`),
      svg('rect', { x: p.x, y: p.y, width: NODE_W, height: NODE_H, rx: 6 }),
      svg('text', { x: p.x + 8, y: p.y + 18 }, name),
      svg(
        'text',
        { class: 'sub', x: p.x + 8, y: p.y + 35 },
        // SVG text does not wrap: a parent's line gives its sub-tasks instead of its kind (in the title).
        n.subtask_count ? `${n.status} · ${n.subtask_count} sub-tasks` : `${n.kind} · ${n.status}`,
      ),
    );
    s.append(a);
  }
  const pager =
    pages > 1
      ? h(
          'div',
          { class: 'pager' },
          h(
            'button',
            {
              type: 'button',
              disabled: page === 0,
              onclick: () => {
                const q = new URLSearchParams(query);
                q.set('plan', plan);
                q.set('page', String(page - 1));
                go('/graph', q);
              },
            },
            '← earlier waves',
          ),
          h(
            'span',
            {},
            `waves ${page * LAYERS_PER_PAGE + 1}–${Math.min(layers.length, (page + 1) * LAYERS_PER_PAGE)} of ${layers.length}`,
          ),
          h(
            'button',
            {
              type: 'button',
              disabled: page >= pages - 1,
              onclick: () => {
                const q = new URLSearchParams(query);
                q.set('plan', plan);
                q.set('page', String(page + 1));
                go('/graph', q);
              },
            },
            'later waves →',
          ),
        )
      : null;
  return [
    h('h1', {}, 'Graph'),
    h('div', { class: 'filters' }, planSelect(list, plan, change)),
    h(
      'p',
      { class: 'legend' },
      `${tops.length} tasks (sub-tasks folded into their parent) in ${layers.length} waves; the critical path (${g.critical_path.length} tasks, ${g.critical_minutes} min) is outlined.`,
    ),
    pager,
    h('div', { class: 'graph' }, s),
  ];
}

// ---------------------------------------------------------------- task
