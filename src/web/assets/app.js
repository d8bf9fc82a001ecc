// plansmith's dashboard: plain ES modules, no framework, no build step, nothing loaded from the network but
// this server. Views are routes in the page (#/plans, #/plans/<id>, #/board, #/graph, #/tasks/<id>,
// #/progress); every change any process makes arrives over Server-Sent Events and refreshes the open view.

import { clearError, errorState, live, main, resetPlans, route } from './dom.js';
import { viewBoard } from './view-board.js';
import { viewGraph } from './view-graph.js';
import { viewPlan, viewPlans } from './view-plans.js';
import { viewProgress } from './view-progress.js';
import { viewTask } from './view-task.js';

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
                    : errorState(new Error(`no view at ${location.hash}`));
      if (mine !== renderSeq) return;
      main.replaceChildren(...[nodes].flat(3).filter(Boolean));
      document.querySelectorAll('.colbody').forEach((c, i) => {
        if (scroll[i]) c.scrollTop = scroll[i];
      });
      document.body.dataset.view = view;
      document.body.dataset.rendered = location.hash;
    } catch (e) {
      // The view is replaced by its error state: what was shown before (another task) never stays under it.
      if (mine !== renderSeq) return;
      main.replaceChildren(...errorState(e));
      document.body.dataset.view = view;
      document.body.dataset.rendered = location.hash;
    }
  })();
  await job;
}

window.addEventListener('plansmith:refresh', () => render());
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
    resetPlans();
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
