// Plans: the list, and a plan with its revisions, diffs, lint, questions and handoffs.

import { api, emptyState, h, inline, plans, showError } from './dom.js';

export async function viewPlans() {
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
              ['Plan', 'State', 'Style', 'Revision', 'Open tasks', 'Views'].map((x) =>
                h('th', { scope: 'col' }, x),
              ),
            ),
          ),
          h('tbody', {}, rows),
        )
      : emptyState(
          'No plans yet',
          'A plan appears here as soon as one is written: run plansmith plan "what to build" in this project, or save_plan from an agent over MCP.',
        ),
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

export async function viewPlan(id, query) {
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
              ` line ${f.line}: `,
              inline(f.message),
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
          open.map((q) =>
            h('li', {}, inline(q.question), q.why ? h('div', { class: 'muted' }, inline(q.why)) : null),
          ),
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
        h('div', {}, h('strong', {}, inline(x.label)), ' → ', h('code', {}, x.agent)),
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
