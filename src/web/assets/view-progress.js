// Progress: done and remaining over time, throughput per owner.

import { api, emptyState, go, h, planSelect, plans, svg } from './dom.js';

export async function viewProgress(query) {
  const list = await plans();
  const plan = query.get('plan') ?? '';
  const change = (ev) => {
    const q = new URLSearchParams();
    if (ev.target.value) q.set('plan', ev.target.value);
    go('/progress', q);
  };
  const p = await api(`/progress${plan ? `?plan=${encodeURIComponent(plan)}` : ''}`);
  if (!p.total)
    return [
      h('h1', {}, 'Progress'),
      h('div', { class: 'filters' }, planSelect(list, plan, change)),
      emptyState(
        'No tasks to track yet',
        plan
          ? 'This plan has no tasks in the store.'
          : 'Progress appears once a plan has put its tasks in the store: plansmith plan "…".',
      ),
    ];
  // Drawn in its own units and scaled to the width of the page (viewBox): the chart fills its box.
  const W = 1000;
  const H = 260;
  const left = 44;
  const right = 16;
  const top = 16;
  const bottom = 34;
  const times = p.completions.map((t) => new Date(t).getTime());
  const start = p.created_at ? new Date(p.created_at).getTime() : Date.now();
  const end = Math.max(Date.now(), ...times, start + 60_000);
  const x = (t) => left + ((t - start) / (end - start)) * (W - left - right);
  const y = (n) => H - bottom - (n / p.total) * (H - top - bottom);
  const donePts = [[start, 0], ...times.map((t, i) => [t, i + 1]), [end, times.length]];
  // The y axis: 0, the middle and the total, each with a faint grid line.
  const ticks = [...new Set([0, Math.round(p.total / 2), p.total])];
  const chart = svg(
    'svg',
    {
      viewBox: `0 0 ${W} ${H}`,
      role: 'img',
      'aria-label': `Done over time: ${p.done_now} of ${p.total} done`,
    },
    ticks.map((n) => [
      svg('line', { class: 'grid', x1: left, y1: y(n), x2: W - right, y2: y(n) }),
      svg('text', { x: left - 6, y: y(n) + 4, 'text-anchor': 'end' }, String(n)),
    ]),
    svg('line', { class: 'axis', x1: left, y1: H - bottom, x2: W - right, y2: H - bottom }),
    svg('line', { class: 'axis', x1: left, y1: top, x2: left, y2: H - bottom }),
    svg('polyline', { class: 'done', points: donePts.map(([t, n]) => `${x(t)},${y(n)}`).join(' ') }),
    svg('polyline', {
      class: 'left',
      points: donePts.map(([t, n]) => `${x(t)},${y(p.total - n)}`).join(' '),
    }),
    svg('text', { x: left, y: H - 10 }, new Date(start).toLocaleString()),
    svg('text', { x: W - right, y: H - 10, 'text-anchor': 'end' }, new Date(end).toLocaleString()),
  );
  const legend = h(
    'p',
    { class: 'legend' },
    h('span', { class: 'key done' }),
    ' done  ',
    h('span', { class: 'key left' }),
    ' remaining (tasks without sub-tasks)',
  );
  const max = Math.max(1, ...p.owners.map((o) => o.count));
  return [
    h('h1', {}, 'Progress'),
    h('div', { class: 'filters' }, planSelect(list, plan, change)),
    h(
      'p',
      {},
      `${p.done_now} of ${p.total} tasks done, ${p.total - p.done_now} remaining.`,
      p.reopened
        ? ` ${p.reopened} earlier ${p.reopened === 1 ? 'completion was' : 'completions were'} re-opened (a failing review or a retry) and ${p.reopened === 1 ? 'is' : 'are'} not counted.`
        : '',
    ),
    h('div', { class: 'chart' }, chart, legend),
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
                h('td', {}, o.owner ?? h('span', { class: 'muted' }, '(no owner recorded)')),
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
