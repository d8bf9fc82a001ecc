// A task: what it is, its criteria, verdicts and feedback, work, events, and every action.

import { api, clearError, fmtTime, h, inline, lease, refresh, showError } from './dom.js';

/**
 * The status as a person reads it: a pending task is ready to claim, or waits for what it names: its
 * dependencies while one is not done, else its sub-tasks (a parent with no dependency waits only for them).
 */
export function statusLabel(t, deps = []) {
  if (t.status !== 'pending') return t.status.replace(/_/g, ' ');
  if (t.ready) return 'ready';
  if (t.subtask_count > 0 && deps.every((d) => d.status === 'done')) return 'waiting for its sub-tasks';
  return 'waiting for dependencies';
}

const TIER = { critical: 'Critical', expected: 'Expected', nice_to_have: 'Nice to have' };

function field(label, value) {
  return [h('dt', { class: 'muted' }, label), h('dd', { style: 'margin:0' }, value ?? '—')];
}

export async function viewTask(id) {
  const {
    task: t,
    subtasks,
    history,
    dependencies: deps,
    plan,
  } = await api(`/tasks/${encodeURIComponent(id)}`);
  const owner = () => localStorage.getItem('plansmith-owner') || 'dashboard';
  const run = async (name, body = {}) => {
    try {
      await api(`/tasks/${t.id}/${name}`, { method: 'POST', body: JSON.stringify(body) });
      clearError();
      refresh();
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
  // A claimed task is its lease holder's (`leaseRefusal`): every holder action names this page's owner, the
  // name it claimed with; the service refuses it when someone else holds the lease.
  // A verdict is given by whoever holds the review: the form shows once it is claimed.
  const doneForm =
    t.kind === 'critique' && t.status === 'in_progress'
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
                owner: owner(),
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
  const open = t.status !== 'done' && t.status !== 'cancelled';
  const actions = !open
    ? null
    : h(
        'div',
        { class: 'actions' },
        t.status === 'pending' && t.ready ? h('label', {}, 'Owner ', ownerInput) : null,
        t.status === 'pending' && t.ready
          ? h(
              'button',
              {
                type: 'button',
                onclick: () => {
                  // The name claimed with is the one the holder's actions (done, release, fail) give later.
                  localStorage.setItem('plansmith-owner', ownerInput.value);
                  run('claim', { owner: ownerInput.value });
                },
              },
              'Claim',
            )
          : null,
        t.status === 'in_progress'
          ? [
              h(
                'button',
                { type: 'button', onclick: () => run('heartbeat', { owner: owner() }) },
                'Extend lease',
              ),
              h('button', { type: 'button', onclick: () => run('release', { owner: owner() }) }, 'Release'),
              t.kind !== 'critique'
                ? h('button', { type: 'button', onclick: () => run('done', { owner: owner() }) }, 'Done')
                : null,
              h(
                'button',
                {
                  type: 'button',
                  onclick: () => {
                    const e = ask('What failed?');
                    if (e) run('fail', { owner: owner(), error: e });
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
          refresh();
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
    h('h1', {}, inline(t.task_name)),
    h(
      'p',
      { class: 'muted' },
      h(
        'span',
        { class: `s-${t.status}${t.status === 'pending' && t.ready ? ' s-ready' : ''}` },
        statusLabel(t, deps),
      ),
      ` · ${t.kind}`,
      t.skill_id ? ` · ${t.skill_id}` : '',
      plan ? [' · plan ', h('a', { href: `#/plans/${plan.id}` }, plan.title)] : '',
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
        h('p', { style: 'white-space:pre-wrap' }, t.description ? inline(t.description) : '—'),
        h('h2', {}, 'Validation criteria'),
        tiers.length
          ? tiers.map((k) => [
              h('h3', {}, TIER[k]),
              h(
                'ul',
                {},
                crit[k].map((c) => h('li', {}, inline(c))),
              ),
            ])
          : h('p', { class: 'muted' }, 'None.'),
        h('h2', {}, 'Inputs'),
        Object.keys(t.inputs ?? {}).length
          ? h('pre', { class: 'json' }, JSON.stringify(t.inputs, null, 2))
          : h('p', { class: 'muted' }, 'None.'),
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
                      ? h('pre', { class: 'json' }, JSON.stringify(v.feedback_for_rebuild, null, 2))
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
                    h('pre', { class: 'json' }, JSON.stringify(r.feedback_for_rebuild, null, 2)),
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
                    h('a', { href: `#/tasks/${s.id}` }, inline(s.task_name)),
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
              deps.length
                ? h(
                    'ul',
                    { class: 'plain' },
                    deps.map((d) =>
                      h(
                        'li',
                        {},
                        h('a', { href: `#/tasks/${d.id}` }, d.name),
                        ' ',
                        h('span', { class: `s-${d.status}` }, d.status.replace(/_/g, ' ')),
                      ),
                    ),
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
                    ? h(
                        'div',
                        { class: 'muted' },
                        Object.entries(e.data)
                          .filter(([, v]) => v !== null && v !== undefined && v !== '')
                          .map(
                            ([k, v]) =>
                              `${k.replace(/_/g, ' ')}: ${typeof v === 'string' ? v : Array.isArray(v) && v.every((x) => typeof x !== 'object') ? v.join(', ') : JSON.stringify(v)}`,
                          )
                          .join(' · '),
                      )
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
