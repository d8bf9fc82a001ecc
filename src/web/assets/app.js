// plansmith's dashboard: plain ES modules, no framework, no build step, nothing loaded from the network but
// this server. Views are routes in the page (#/plans, #/plans/<id>, #/board, #/graph, #/tasks/<id>,
// #/progress); every change any process makes arrives over Server-Sent Events and refreshes the open view.

const main = document.getElementById('main');
const alertBox = document.getElementById('alert');
const live = document.getElementById('live');

/** Builds an element; strings become text nodes (never HTML). */
function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style')
      el.style.cssText = v; // through the CSSOM: the page's CSP forbids style attributes
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat())
    if (c !== null && c !== undefined && c !== false) el.append(c instanceof Node ? c : String(c));
  return el;
}
const svg = (tag, attrs = {}, ...children) => {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat())
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
};

async function api(path, options = {}) {
  const res = await fetch(`/api${path}`, {
    ...options,
    headers: options.body ? { 'content-type': 'application/json' } : {},
    credentials: 'same-origin',
  });
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = data.error ?? {};
    const issues = (e.issues ?? []).map(
      (i) => `${i.task ? `task ${i.task}, ` : ''}field ${i.field}: ${i.message}`,
    );
    throw new Error([e.message ?? `HTTP ${res.status}`, ...issues].join('\n'));
  }
  return data;
}

function showError(e) {
  alertBox.hidden = false;
  alertBox.textContent = e instanceof Error ? e.message : String(e);
}
function clearError() {
  alertBox.hidden = true;
  alertBox.textContent = '';
}

/** The route and its query: #/board?plan=X → { parts: ['board'], query }. */
function route() {
  const [path, q] = (location.hash.replace(/^#/, '') || '/plans').split('?');
  return {
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(q ?? ''),
  };
}
function go(path, query) {
  const q = query && [...query].length ? `?${query}` : '';
  location.hash = `#${path}${q}`;
}

const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
function countdown(iso) {
  const ms = new Date(iso).getTime() - Date.now();
  const late = ms < 0;
  const s = Math.abs(Math.round(ms / 1000));
  const t =
    s >= 3600
      ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`
      : `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
  return { text: late ? `expired ${t} ago` : `${t} left`, late };
}
/** Lease countdowns tick every second wherever they are on the page. */
setInterval(() => {
  for (const el of document.querySelectorAll('[data-expires]')) {
    const c = countdown(el.dataset.expires);
    el.textContent = c.text;
    el.classList.toggle('late', c.late);
  }
}, 1000);
const lease = (iso) => (iso ? h('span', { class: 'lease', 'data-expires': iso }, countdown(iso).text) : null);

let plansCache = null;
async function plans() {
  plansCache ??= (await api('/plans')).plans;
  return plansCache;
}

// ---------------------------------------------------------------- plans

async function viewPlans() {
  const list = await plans();
  const rows = list.map((p) =>
    h(
      'tr',
      {},
      h('td', {}, h('a', { href: `#/plans/${p.id}` }, p.title)),
      h('td', {}, h('span', { class: 'pill' }, p.state)),
      h('td', {}, p.style),
      h('td', {}, String(p.revision)),
      h('td', {}, String(p.open_tasks)),
      h(
        'td',
        {},
        h('a', { href: `#/board?plan=${p.id}` }, 'board'),
        ' · ',
        h('a', { href: `#/graph?plan=${p.id}` }, 'graph'),
        ' · ',
        h('a', { href: `#/progress?plan=${p.id}` }, 'progress'),
      ),
    ),
  );
  return [
    h('h1', {}, 'Plans'),
    list.length
      ? h(
          'table',
          {},
          h(
            'thead',
            {},
            h(
              'tr',
              {},
              ['Plan', 'State', 'Style', 'Revision', 'Open tasks', ''].map((x) =>
                h('th', { scope: 'col' }, x),
              ),
            ),
          ),
          h('tbody', {}, rows),
        )
      : h('p', { class: 'muted' }, 'No plans yet: plansmith plan "…" writes one.'),
  ];
}

function copyButton(text, label) {
  return h(
    'button',
    {
      type: 'button',
      onclick: async (ev) => {
        try {
          await navigator.clipboard.writeText(text);
          ev.target.textContent = 'Copied';
        } catch {
          ev.target.textContent = 'Select the text to copy';
        }
        setTimeout(() => (ev.target.textContent = label), 1500);
      },
    },
    label,
  );
}

function diffView(diff) {
  return h(
    'pre',
    { class: 'diff' },
    diff.split('\n').map((l) =>
      h(
        'span',
        {
          class:
            l.startsWith('+') && !l.startsWith('+++')
              ? 'add'
              : l.startsWith('-') && !l.startsWith('---')
                ? 'del'
                : '',
        },
        `${l}\n`,
      ),
    ),
  );
}

async function viewPlan(id, query) {
  const rev = query.get('revision');
  const p = await api(`/plans/${encodeURIComponent(id)}${rev ? `?revision=${rev}` : ''}`);
  const body = h('div', { class: 'plan-md' });
  body.innerHTML = p.html; // rendered on the server from markdown with raw HTML dropped
  const revs = h(
    'section',
    {},
    h('h2', {}, 'Revisions'),
    h(
      'ul',
      {},
      p.revisions.map((r) =>
        h(
          'li',
          {},
          h(
            'a',
            {
              href: `#/plans/${p.plan.id}?revision=${r}`,
              'aria-current': String(r) === String(p.plan.revision) ? 'true' : null,
            },
            `revision ${r}`,
          ),
          r > 1
            ? [
                ' · ',
                h(
                  'button',
                  {
                    type: 'button',
                    onclick: async () => {
                      try {
                        const d = await api(`/plans/${p.plan.id}/diff?from=${r - 1}&to=${r}`);
                        diffBox.replaceChildren(h('h2', {}, `Revision ${r - 1} → ${r}`), diffView(d.diff));
                      } catch (e) {
                        showError(e);
                      }
                    },
                  },
                  `diff with ${r - 1}`,
                ),
              ]
            : null,
        ),
      ),
    ),
  );
  const diffBox = h('div');
  const lint = h(
    'section',
    {},
    h('h2', {}, `Lint (${p.lint.ok ? 'ok' : 'errors'})`),
    p.lint.findings.length
      ? h(
          'ul',
          {},
          p.lint.findings.map((f) =>
            h(
              'li',
              {},
              h('span', { class: f.severity === 'error' ? 's-failed' : 's-blocked' }, f.severity),
              ` line ${f.line}: ${f.message}`,
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No findings.'),
  );
  const open = p.questions.filter((q) => !q.answer);
  const questions = h(
    'section',
    {},
    h('h2', {}, `Open questions (${open.length})`),
    open.length
      ? h(
          'ol',
          {},
          open.map((q) => h('li', {}, q.question, q.why ? h('div', { class: 'muted' }, q.why) : null)),
        )
      : h('p', { class: 'muted' }, 'None.'),
  );
  const handoffs = h(
    'section',
    {},
    h('h2', {}, 'Handoffs'),
    p.handoffs.map((x) =>
      h(
        'div',
        { class: 'handoff' },
        h('div', {}, h('strong', {}, x.label), ' → ', h('code', {}, x.agent)),
        h('pre', {}, x.prompt),
        copyButton(x.prompt, 'Copy prompt'),
      ),
    ),
  );
  return [
    h('h1', {}, p.plan.title),
    h(
      'p',
      { class: 'muted' },
      `${p.plan.style} plan · revision ${p.plan.revision} · ${p.summary.state ?? p.plan.status} · ${p.path}`,
      ' · ',
      h('a', { href: `#/board?plan=${p.plan.id}` }, 'board'),
      ' · ',
      h('a', { href: `#/graph?plan=${p.plan.id}` }, 'graph'),
    ),
    h(
      'div',
      { class: 'cols2' },
      h('div', {}, body, diffBox),
      h('aside', { class: 'side' }, revs, questions, lint, handoffs),
    ),
  ];
}

// ---------------------------------------------------------------- board

const COLUMNS = [
  ['ready', 'Ready', (t) => t.status === 'pending' && t.ready],
  ['waiting', 'Waiting', (t) => t.status === 'pending' && !t.ready],
  ['in_progress', 'In progress', (t) => t.status === 'in_progress'],
  ['blocked', 'Blocked', (t) => t.status === 'blocked'],
  ['failed', 'Failed', (t) => t.status === 'failed'],
  ['done', 'Done', (t) => t.status === 'done'],
  ['cancelled', 'Cancelled', (t) => t.status === 'cancelled'],
];
const CARD = 72; // px per card, fixed: the columns render only the cards in view

function planSelect(list, current, onchange) {
  return h(
    'label',
    {},
    'Plan',
    h(
      'select',
      { name: 'plan', onchange },
      h('option', { value: '' }, 'all plans'),
      list.map((p) => h('option', { value: p.id, selected: p.id === current }, p.title)),
    ),
  );
}

/** A scrolling column that keeps only the visible cards in the DOM (10k tasks stay smooth). */
function virtualColumn(items, render) {
  const body = h('div', { class: 'colbody', tabindex: '0' });
  const spacer = h('div', { style: `height:${items.length * CARD}px` });
  body.append(spacer);
  let shown = [-1, -1];
  const paint = () => {
    const from = Math.max(0, Math.floor(body.scrollTop / CARD) - 5);
    const to = Math.min(items.length, from + Math.ceil((body.clientHeight || 600) / CARD) + 10);
    if (from === shown[0] && to === shown[1]) return;
    shown = [from, to];
    spacer.replaceChildren(
      ...items.slice(from, to).map((t, i) => {
        const el = render(t);
        el.style.top = `${(from + i) * CARD + 4}px`;
        return el;
      }),
    );
  };
  body.addEventListener('scroll', () => requestAnimationFrame(paint));
  requestAnimationFrame(paint);
  paint();
  return body;
}

async function viewBoard(query) {
  const list = await plans();
  const plan = query.get('plan') ?? '';
  const data = await api(`/board${plan ? `?plan=${encodeURIComponent(plan)}` : ''}`);
  const all = data.tasks;
  const f = {
    skill: query.get('skill') ?? '',
    kind: query.get('kind') ?? '',
    owner: query.get('owner') ?? '',
    q: (query.get('q') ?? '').toLowerCase(),
  };
  const opts = (key) => [...new Set(all.map((t) => t[key]).filter(Boolean))].sort();
  const set = (key) => (ev) => {
    const q = new URLSearchParams(query);
    if (ev.target.value) q.set(key, ev.target.value);
    else q.delete(key);
    go('/board', q);
  };
  const select = (label, key, values) =>
    h(
      'label',
      {},
      label,
      h(
        'select',
        { name: key, onchange: set(key) },
        h('option', { value: '' }, 'any'),
        values.map((v) => h('option', { value: v, selected: v === f[key] }, v)),
      ),
    );
  const shown = all.filter(
    (t) =>
      (!f.skill || t.skill === f.skill) &&
      (!f.kind || t.kind === f.kind) &&
      (!f.owner || t.owner === f.owner) &&
      (!f.q || t.name.toLowerCase().includes(f.q)),
  );
  const text = h('input', {
    type: 'search',
    name: 'q',
    value: f.q,
    placeholder: 'task name',
    'aria-label': 'Filter by text',
  });
  text.addEventListener('change', set('q'));
  const card = (t) =>
    h(
      'a',
      {
        class: `card ${t.kind}`,
        href: `#/tasks/${t.id}`,
        'data-task': t.id,
        'aria-label': `${t.name} (${t.status})`,
      },
      h('span', { class: 'name', title: t.name }, t.name),
      h(
        'span',
        { class: 'meta' },
        `${t.kind}${t.skill ? ` · ${t.skill}` : ''}${t.subtasks ? ` · ${t.subtasks} sub-tasks` : ''}${t.attempts ? ` · attempt ${t.attempts}` : ''}`,
      ),
      h('span', { class: 'meta' }, t.owner ? [`${t.owner} · `, lease(t.lease_expires_at)] : ''),
    );
  const board = h(
    'div',
    { class: 'board' },
    COLUMNS.map(([key, title, test]) => {
      const items = shown.filter(test);
      return h(
        'section',
        { class: 'col', 'data-column': key, 'aria-label': `${title}: ${items.length}` },
        h('h2', {}, h('span', {}, title), h('span', { class: 'count muted' }, String(items.length))),
        virtualColumn(items, card),
      );
    }),
  );
  return [
    h('h1', {}, 'Board'),
    h(
      'div',
      { class: 'filters' },
      planSelect(list, plan, set('plan')),
      select('Skill', 'skill', opts('skill')),
      select('Kind', 'kind', opts('kind')),
      select('Owner', 'owner', opts('owner')),
      h('label', {}, 'Text', text),
      h('span', { class: 'muted' }, `${shown.length} of ${all.length} tasks`),
    ),
    board,
  ];
}

// ---------------------------------------------------------------- graph

const NODE_W = 190;
const NODE_H = 46;
const GAP_X = 60;
const GAP_Y = 14;
const LAYERS_PER_PAGE = 8;
const NODES_PER_LAYER = 40;

async function viewGraph(query) {
  const list = await plans();
  // A plan's graph by default; "all plans" is every task (hand-built graphs from create_tasks_batch have no plan).
  const plan = query.has('plan') ? query.get('plan') : (list[0]?.id ?? '');
  const change = (ev) => {
    const q = new URLSearchParams();
    q.set('plan', ev.target.value);
    go('/graph', q);
  };
  const g = await api(`/graph${plan ? `?plan=${encodeURIComponent(plan)}` : ''}`);
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
      svg('title', {}, n.task_name),
      svg('rect', { x: p.x, y: p.y, width: NODE_W, height: NODE_H, rx: 6 }),
      svg('text', { x: p.x + 8, y: p.y + 18 }, name),
      svg(
        'text',
        { class: 'sub', x: p.x + 8, y: p.y + 35 },
        `${n.kind} · ${n.status}${n.subtask_count ? ` · ${n.subtask_count} sub-tasks` : ''}`,
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

function field(label, value) {
  return [h('dt', { class: 'muted' }, label), h('dd', { style: 'margin:0' }, value ?? '—')];
}

async function viewTask(id) {
  const { task: t, subtasks, history } = await api(`/tasks/${encodeURIComponent(id)}`);
  const owner = () => localStorage.getItem('plansmith-owner') || 'dashboard';
  const run = async (name, body = {}) => {
    try {
      await api(`/tasks/${t.id}/${name}`, { method: 'POST', body: JSON.stringify(body) });
      clearError();
      await render();
    } catch (e) {
      showError(e);
    }
  };
  const ask = (label) => {
    const v = prompt(label);
    return v === null ? null : v;
  };
  const crit = t.validation_criteria ?? {};
  const tiers = ['critical', 'expected', 'nice_to_have'].filter((k) => crit[k]?.length);
  const verdicts = t.outputs?.verdicts ?? [];
  const rounds = t.inputs?.critique_history ?? [];
  const ownerInput = h('input', {
    name: 'owner',
    value: owner(),
    'aria-label': 'Owner for claims',
    size: 12,
  });
  ownerInput.addEventListener('change', () => localStorage.setItem('plansmith-owner', ownerInput.value));
  const doneForm =
    t.kind === 'critique'
      ? h(
          'form',
          {
            class: 'actions',
            onsubmit: (ev) => {
              ev.preventDefault();
              const fd = new FormData(ev.target);
              const verdict = fd.get('verdict');
              const summary = fd.get('summary');
              run('done', {
                verdict,
                summary,
                ...(verdict === 'fail'
                  ? { feedback_for_rebuild: { summary, issues: [{ what: summary }] } }
                  : {}),
              });
            },
          },
          h(
            'label',
            {},
            'Verdict ',
            h(
              'select',
              { name: 'verdict' },
              h('option', { value: 'pass' }, 'pass'),
              h('option', { value: 'fail' }, 'fail'),
            ),
          ),
          h('input', { name: 'summary', placeholder: 'feedback', 'aria-label': 'Feedback', size: 40 }),
          h('button', { type: 'submit' }, 'Done with verdict'),
        )
      : null;
  const actions = h(
    'div',
    { class: 'actions' },
    h('label', {}, 'Owner ', ownerInput),
    t.status === 'pending' && t.ready
      ? h('button', { type: 'button', onclick: () => run('claim', { owner: ownerInput.value }) }, 'Claim')
      : null,
    t.status === 'in_progress'
      ? [
          h('button', { type: 'button', onclick: () => run('heartbeat', {}) }, 'Extend lease'),
          h('button', { type: 'button', onclick: () => run('release', {}) }, 'Release'),
          t.kind !== 'critique'
            ? h('button', { type: 'button', onclick: () => run('done', {}) }, 'Done')
            : null,
          h(
            'button',
            {
              type: 'button',
              onclick: () => {
                const e = ask('What failed?');
                if (e) run('fail', { error: e });
              },
            },
            'Fail',
          ),
        ]
      : null,
    t.status === 'failed' ? h('button', { type: 'button', onclick: () => run('retry') }, 'Retry') : null,
    t.status === 'blocked'
      ? h('button', { type: 'button', onclick: () => run('unblock') }, 'Unblock')
      : h(
          'button',
          {
            type: 'button',
            onclick: () => {
              const r = ask('Why is it blocked?');
              if (r) run('block', { reason: r });
            },
          },
          'Block',
        ),
    t.status !== 'done' && t.status !== 'cancelled'
      ? h(
          'button',
          {
            type: 'button',
            onclick: () => {
              if (confirm('Cancel this task?')) run('cancel', {});
            },
          },
          'Cancel',
        )
      : null,
  );
  const edit = h(
    'form',
    {
      onsubmit: async (ev) => {
        ev.preventDefault();
        const fd = new FormData(ev.target);
        const est = fd.get('estimate_minutes');
        try {
          await api(`/tasks/${t.id}`, {
            method: 'PATCH',
            body: JSON.stringify({
              description: fd.get('description'),
              estimate_minutes: est === '' ? null : Number(est),
            }),
          });
          clearError();
          await render();
        } catch (e) {
          showError(e);
        }
      },
    },
    h('h2', {}, 'Edit'),
    h(
      'label',
      {},
      'Description',
      h('br'),
      h('textarea', { name: 'description', rows: 4, cols: 80 }, t.description),
    ),
    h('br'),
    h(
      'label',
      {},
      'Estimate (minutes) ',
      h('input', { name: 'estimate_minutes', type: 'number', min: 0, value: t.estimate_minutes ?? '' }),
    ),
    ' ',
    h('button', { type: 'submit' }, 'Save'),
  );
  return [
    h('h1', {}, t.task_name),
    h(
      'p',
      { class: 'muted' },
      h('span', { class: `s-${t.status}` }, t.status),
      t.ready && t.status === 'pending' ? ' · ready' : '',
      ` · ${t.kind}`,
      t.skill_id ? ` · ${t.skill_id}` : '',
      t.plan_id ? [' · ', h('a', { href: `#/plans/${t.plan_id}` }, 'plan')] : '',
      ' · ',
      h('code', {}, t.id),
    ),
    actions,
    doneForm,
    h(
      'div',
      { class: 'cols2' },
      h(
        'div',
        {},
        h('h2', {}, 'Description'),
        h('p', { style: 'white-space:pre-wrap' }, t.description || '—'),
        h('h2', {}, 'Validation criteria'),
        tiers.length
          ? tiers.map((k) => [
              h('h3', {}, k.replace(/_/g, ' ')),
              h(
                'ul',
                {},
                crit[k].map((c) => h('li', {}, c)),
              ),
            ])
          : h('p', { class: 'muted' }, 'None.'),
        h('h2', {}, 'Inputs'),
        h('pre', {}, JSON.stringify(t.inputs, null, 2)),
        verdicts.length
          ? [
              h('h2', {}, 'Verdicts'),
              h(
                'ol',
                {},
                verdicts.map((v) =>
                  h(
                    'li',
                    {},
                    h('strong', { class: v.verdict === 'pass' ? 's-done' : 's-failed' }, v.verdict),
                    v.score !== null && v.score !== undefined ? ` (${v.score})` : '',
                    ` by ${v.by ?? '?'} ${fmtTime(v.at)}`,
                    v.summary ? h('div', {}, v.summary) : null,
                    v.feedback_for_rebuild
                      ? h('pre', {}, JSON.stringify(v.feedback_for_rebuild, null, 2))
                      : null,
                  ),
                ),
              ),
            ]
          : null,
        rounds.length
          ? [
              h('h2', {}, 'Critique feedback received'),
              h(
                'ol',
                {},
                rounds.map((r) =>
                  h(
                    'li',
                    {},
                    `round ${r.round}: `,
                    h('a', { href: `#/tasks/${r.critique_task}` }, 'critique'),
                    h('pre', {}, JSON.stringify(r.feedback_for_rebuild, null, 2)),
                  ),
                ),
              ),
            ]
          : null,
        subtasks.length
          ? [
              h('h2', {}, 'Sub-tasks'),
              h(
                'ol',
                {},
                subtasks.map((s) =>
                  h(
                    'li',
                    {},
                    h('a', { href: `#/tasks/${s.id}` }, s.task_name),
                    ' ',
                    h('span', { class: `s-${s.status}` }, s.status),
                  ),
                ),
              ),
            ]
          : null,
        edit,
      ),
      h(
        'aside',
        { class: 'side' },
        h(
          'section',
          {},
          h('h2', {}, 'Work'),
          h(
            'dl',
            { class: 'kv' },
            field('Attempts', `${t.attempts} of ${t.max_attempts}`),
            field('Lease', t.lease ? [t.lease.owner, ' · ', lease(t.lease.expires_at)] : null),
            field('Estimate', t.estimate_minutes ? `${t.estimate_minutes} min` : null),
            field(
              'Depends on',
              t.dependencies.length
                ? h(
                    'span',
                    {},
                    t.dependencies.map((d, i) => [
                      i ? ', ' : '',
                      h('a', { href: `#/tasks/${d}` }, d.slice(-6)),
                    ]),
                  )
                : null,
            ),
            field('Last error', t.last_error),
            field('Started', fmtTime(t.started_at)),
            field('Completed', fmtTime(t.completed_at)),
          ),
        ),
        h(
          'section',
          {},
          h('h2', {}, `Events (${history.length})`),
          h(
            'ol',
            { reversed: true },
            [...history]
              .reverse()
              .slice(0, 100)
              .map((e) =>
                h(
                  'li',
                  {},
                  h('strong', {}, e.type),
                  ` ${fmtTime(e.at)}`,
                  e.actor ? ` · ${e.actor}` : '',
                  Object.keys(e.data ?? {}).length
                    ? h('div', { class: 'muted' }, JSON.stringify(e.data))
                    : null,
                ),
              ),
          ),
        ),
      ),
    ),
  ];
}

// ---------------------------------------------------------------- progress

async function viewProgress(query) {
  const list = await plans();
  const plan = query.get('plan') ?? '';
  const change = (ev) => {
    const q = new URLSearchParams();
    if (ev.target.value) q.set('plan', ev.target.value);
    go('/progress', q);
  };
  const p = await api(`/progress${plan ? `?plan=${encodeURIComponent(plan)}` : ''}`);
  const W = 720;
  const H = 220;
  const pad = 34;
  const times = p.completions.map((t) => new Date(t).getTime());
  const start = p.created_at ? new Date(p.created_at).getTime() : Date.now();
  const end = Math.max(Date.now(), ...times, start + 60_000);
  const x = (t) => pad + ((t - start) / (end - start)) * (W - pad * 2);
  const y = (n) => H - pad - (p.total ? (n / p.total) * (H - pad * 2) : 0);
  const donePts = [[start, 0], ...times.map((t, i) => [t, i + 1]), [end, times.length]];
  const chart = svg(
    'svg',
    { width: W, height: H, role: 'img', 'aria-label': `Done over time: ${p.done_now} of ${p.total} done` },
    svg('line', { class: 'axis', x1: pad, y1: H - pad, x2: W - pad, y2: H - pad }),
    svg('line', { class: 'axis', x1: pad, y1: pad, x2: pad, y2: H - pad }),
    svg('polyline', { class: 'done', points: donePts.map(([t, n]) => `${x(t)},${y(n)}`).join(' ') }),
    svg('polyline', {
      class: 'left',
      points: donePts.map(([t, n]) => `${x(t)},${y(p.total - n)}`).join(' '),
    }),
    svg('text', { x: pad, y: H - 10 }, new Date(start).toLocaleString()),
    svg('text', { x: W - pad - 140, y: H - 10 }, new Date(end).toLocaleString()),
    svg('text', { x: 4, y: pad }, String(p.total)),
    svg('text', { x: W - pad - 170, y: pad - 10 }, '— done   - - remaining'),
  );
  const max = Math.max(1, ...p.owners.map((o) => o.count));
  return [
    h('h1', {}, 'Progress'),
    h('div', { class: 'filters' }, planSelect(list, plan, change)),
    h('p', {}, `${p.done_now} of ${p.total} tasks done, ${p.total - p.done_now} remaining.`),
    h('div', { class: 'chart' }, chart),
    h('h2', {}, 'Throughput per owner'),
    p.owners.length
      ? h(
          'table',
          {},
          h(
            'tbody',
            {},
            p.owners.map((o) =>
              h(
                'tr',
                {},
                h('td', {}, o.owner),
                h(
                  'td',
                  { style: 'width:60%' },
                  h('div', { class: 'bar', style: `width:${(o.count / max) * 100}%` }),
                ),
                h('td', {}, `${o.count} done`),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'Nothing done yet.'),
  ];
}

// ---------------------------------------------------------------- router and live updates

/** Renders are numbered: an older one that finishes late never replaces a newer view. */
let renderSeq = 0;
async function render() {
  const mine = ++renderSeq;
  const { parts, query } = route();
  const view = parts[0] ?? 'plans';
  for (const a of document.querySelectorAll('nav a'))
    a.setAttribute('aria-current', a.dataset.view === view ? 'page' : 'false');
  const scroll = [...document.querySelectorAll('.colbody')].map((c) => c.scrollTop);
  const job = (async () => {
    try {
      const nodes =
        view === 'plans' && parts[1]
          ? await viewPlan(parts[1], query)
          : view === 'plans'
            ? await viewPlans()
            : view === 'board'
              ? await viewBoard(query)
              : view === 'graph'
                ? await viewGraph(query)
                : view === 'tasks' && parts[1]
                  ? await viewTask(parts[1])
                  : view === 'progress'
                    ? await viewProgress(query)
                    : [h('h1', {}, 'Not found'), h('p', {}, h('a', { href: '#/plans' }, 'Plans'))];
      if (mine !== renderSeq) return;
      main.replaceChildren(...[nodes].flat(3).filter(Boolean));
      document.querySelectorAll('.colbody').forEach((c, i) => {
        if (scroll[i]) c.scrollTop = scroll[i];
      });
      document.body.dataset.view = view;
    } catch (e) {
      showError(e);
    }
  })();
  await job;
}

window.addEventListener('hashchange', () => {
  clearError();
  main.focus({ preventScroll: true });
  render();
});

let pending = null;
function connect() {
  const es = new EventSource('/api/events');
  es.addEventListener('hello', () => {
    live.textContent = 'live';
    live.classList.add('on');
  });
  es.addEventListener('tasks', () => {
    // Many changes at once become one refresh.
    plansCache = null;
    clearTimeout(pending);
    // Not while someone is typing in a form: the refresh waits for the next change after they leave it.
    const typing = document.activeElement?.matches?.('main input:not([type=search]), main textarea');
    if (!typing) pending = setTimeout(() => render(), 150);
  });
  es.onerror = () => {
    live.textContent = 'reconnecting…';
    live.classList.remove('on');
  };
}

render();
connect();
