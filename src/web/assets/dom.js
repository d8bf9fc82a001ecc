// The page's shared pieces: building elements (never from HTML strings), the API, errors, routes, leases.

export const main = document.getElementById('main');
export const alertBox = document.getElementById('alert');
export const live = document.getElementById('live');

/** Builds an element; strings become text nodes (never HTML). */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'style')
      el.style.cssText = v; // through the CSSOM: the page's CSP forbids style attributes
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  // Nested lists of children (a map returning pairs) are flattened all the way: an array is never text.
  for (const c of children.flat(Number.POSITIVE_INFINITY))
    if (c !== null && c !== undefined && c !== false && c !== '')
      el.append(c instanceof Node ? c : String(c));
  return el;
}
/**
 * Text from a plan (a question, a note) as a person reads it: `code` spans become code elements, the rest
 * stays text (never HTML); a lone backtick is kept as it is.
 */
export function inline(text) {
  const parts = String(text ?? '').split(/`([^`\n]+)`/);
  return parts.map((p, i) => (i % 2 ? h('code', {}, p) : p));
}

export const svg = (tag, attrs = {}, ...children) => {
  const el = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [k, v] of Object.entries(attrs))
    if (v !== undefined && v !== null) el.setAttribute(k, String(v));
  for (const c of children.flat(Number.POSITIVE_INFINITY))
    if (c !== null && c !== undefined) el.append(c instanceof Node ? c : String(c));
  return el;
};

export async function api(path, options = {}) {
  let res;
  try {
    res = await fetch(`/api${path}`, {
      ...options,
      headers: options.body ? { 'content-type': 'application/json' } : {},
      credentials: 'same-origin',
    });
  } catch {
    throw new Error('The plansmith server did not answer: is plansmith serve still running?');
  }
  const data = await res.json().catch(() => ({}));
  if (!res.ok) {
    const e = data.error ?? {};
    const issues = (e.issues ?? []).map(
      (i) => `${i.task ? `task ${i.task}, ` : ''}field ${i.field}: ${i.message}`,
    );
    throw Object.assign(new Error([e.message ?? `HTTP ${res.status}`, ...issues].join('\n')), {
      status: res.status,
    });
  }
  return data;
}

/** A view with nothing to show: says why, and what would fill it. */
export function emptyState(title, hint, ...more) {
  return h('section', { class: 'state empty', role: 'status' }, h('h2', {}, title), h('p', {}, hint), more);
}

/** A view that could not be shown (a bad id, the server refused): the view is replaced, never left stale. */
export function errorState(e) {
  const message = e instanceof Error ? e.message : String(e);
  const missing = e?.status === 404 || /^no view at/.test(message);
  return [
    h('h1', {}, missing ? 'Not found' : 'This view could not be shown'),
    h(
      'section',
      { class: 'state error', role: 'alert' },
      h('p', { class: 'message' }, message),
      h(
        'p',
        {},
        'Go to ',
        h('a', { href: '#/plans' }, 'the plans'),
        ' or ',
        h('a', { href: '#/board' }, 'the board'),
        '.',
      ),
    ),
  ];
}

export function showError(e) {
  alertBox.hidden = false;
  alertBox.textContent = e instanceof Error ? e.message : String(e);
}
export function clearError() {
  alertBox.hidden = true;
  alertBox.textContent = '';
}

/** The route and its query: #/board?plan=X → { parts: ['board'], query }. */
export function route() {
  const [path, q] = (location.hash.replace(/^#/, '') || '/plans').split('?');
  return {
    parts: path.split('/').filter(Boolean).map(decodeURIComponent),
    query: new URLSearchParams(q ?? ''),
  };
}
export function go(path, query) {
  const q = query && [...query].length ? `?${query}` : '';
  location.hash = `#${path}${q}`;
}

export const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
export function countdown(iso) {
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
export const lease = (iso) =>
  iso ? h('span', { class: 'lease', 'data-expires': iso }, countdown(iso).text) : null;

let plansCache = null;
/** Plans are fetched once per change burst: the live stream resets them. */
export function resetPlans() {
  plansCache = null;
}
/** Asks the page to render the open view again (after an action). */
export function refresh() {
  window.dispatchEvent(new Event('plansmith:refresh'));
}
export async function plans() {
  plansCache ??= (await api('/plans')).plans;
  return plansCache;
}

export function planSelect(list, current, onchange) {
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
