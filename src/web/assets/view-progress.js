// Progress: done and remaining over time, throughput per owner.

import { api, go, h, planSelect, plans, svg } from './dom.js';

export async function viewProgress(query) {
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
