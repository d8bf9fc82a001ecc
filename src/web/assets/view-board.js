// The board: columns by status (ready derived), filters, lease countdowns, virtualised columns.

import { api, emptyState, go, h, lease, planSelect, plans } from './dom.js';

const COLUMNS = [
  ['ready', 'Ready', (t) => t.status === 'pending' && t.ready],
  ['waiting', 'Waiting', (t) => t.status === 'pending' && !t.ready],
  ['in_progress', 'In progress', (t) => t.status === 'in_progress'],
  ['blocked', 'Blocked', (t) => t.status === 'blocked'],
  ['failed', 'Failed', (t) => t.status === 'failed'],
  ['done', 'Done', (t) => t.status === 'done'],
  ['cancelled', 'Cancelled', (t) => t.status === 'cancelled'],
];
const CARD = 88; // px per card, fixed: the columns render only the cards in view

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

export async function viewBoard(query) {
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
  // With every plan on the board, each card says which plan it belongs to.
  const titles = new Map(list.map((p) => [p.id, p.title]));
  const card = (t) =>
    h(
      'a',
      {
        class: `card ${t.kind}`,
        href: `#/tasks/${t.id}`,
        'data-task': t.id,
        'aria-label': `${t.name} (${t.status})`,
      },
      // Two lines of the name before it is cut: names that differ only at the end stay apart.
      h('span', { class: 'name', title: t.name }, t.name),
      h(
        'span',
        { class: 'meta' },
        // What tells cards apart first; the skill last, where a narrow column cuts it.
        `${t.kind}${t.subtasks ? ` · ${t.subtasks} sub-tasks` : ''}${t.attempts ? ` · attempt ${t.attempts}` : ''}${t.skill ? ` · ${t.skill.split('/').pop()}` : ''}`,
      ),
      t.owner
        ? h('span', { class: 'meta' }, `${t.owner} · `, lease(t.lease_expires_at))
        : !plan && t.plan
          ? h(
              'span',
              { class: 'meta plan', title: titles.get(t.plan) ?? t.plan },
              titles.get(t.plan) ?? 'a removed plan',
            )
          : !plan
            ? h('span', { class: 'meta plan' }, 'no plan')
            : null,
    );
  const board = h(
    'div',
    { class: 'board' },
    COLUMNS.map(([key, title, test]) => {
      const items = shown.filter(test);
      // An empty column folds to a narrow strip: seven columns fit the page, Done never clipped.
      return h(
        'section',
        {
          class: `col${items.length ? '' : ' folded'}`,
          'data-column': key,
          'aria-label': `${title}: ${items.length}`,
        },
        h('h2', {}, h('span', {}, title), h('span', { class: 'count muted' }, String(items.length))),
        virtualColumn(items, card),
      );
    }),
  );
  if (!all.length)
    return [
      h('h1', {}, 'Board'),
      h('div', { class: 'filters' }, planSelect(list, plan, set('plan'))),
      emptyState(
        'No tasks yet',
        plan
          ? 'This plan has no tasks in the store.'
          : 'Tasks appear here when a plan puts its task graph in the store: plansmith plan "…", or create_tasks_batch over MCP.',
      ),
    ];
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
