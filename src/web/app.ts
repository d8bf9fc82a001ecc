import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { RESPONSE_ALREADY_SENT } from '@hono/node-server/utils/response';
import { createTwoFilesPatch } from 'diff';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { streamSSE } from 'hono/streaming';
import type { AppContext } from '../context.js';
import { InputError, PlansmithError, ValidationError } from '../domain/errors.js';
import { checkBounds } from '../domain/limits.js';
import { planSchema } from '../domain/plan.js';
import {
  TASK_KINDS,
  TASK_STATUSES,
  type TaskFilter,
  type TaskStatus,
  taskRevisionSchema,
} from '../domain/task.js';
import { explore } from '../explore/explore.js';
import { FileAccessError, projectFiles } from '../files/project-files.js';
import { buildWorkGraph, computeCriticalPath, computeWaves } from '../graph/model.js';
import { allowedOrigin, authorized, LOOPBACK, sameSecret } from '../http/guards.js';
import { lint } from '../planning/lint/lint.js';
import { parsePlanAhead } from '../planning/markdown/read.js';
import { mainArtefact } from '../workspace/paths.js';
import { renderPlan } from '../workspace/render.js';
import { dashboardAsset } from './assets.js';
import { planHtml } from './markdown.js';

export interface WebOptions {
  /** The address the server is bound to (loopback unless a token is given). */
  host: string;
  /** The port it listens on, once known (0 until then). */
  port: () => number;
  token?: string;
  /** Serves MCP at /mcp (the node request and response; the server's own handler). */
  mcp?: (req: IncomingMessage, res: ServerResponse) => Promise<void>;
  /** How often SQLite is polled for new events (PostgreSQL is told by LISTEN/NOTIFY). */
  pollMs?: number;
}

const COOKIE = 'plansmith_token';
/** The dashboard's content security policy, sent on every response. */
const CSP =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
/**
 * On every response, whatever route, refusal or error made it (the shared HTTP layer's 413 included): no
 * page of this server may be framed (a click on a framed page claims a task), and a page runs only this
 * server's scripts and styles.
 */
export const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;

/** The 413 an over-limit body to the API gets from the shared HTTP layer, in the API's error shape. */
export const apiOversize = (_req: unknown, maxBytes: number): string =>
  JSON.stringify({
    error: {
      code: 'VALIDATION',
      message: `request body over the ${maxBytes}-byte limit`,
      issues: [{ field: '(body)', message: `over the ${maxBytes}-byte limit` }],
    },
  });

/** Whether a request carries the token (a bearer header, or the cookie the printed link set). */
export function carriesToken(headers: IncomingHttpHeaders, token: string): boolean {
  if (authorized(headers.authorization, token)) return true;
  const cookie = new RegExp(`(?:^|;\\s*)${COOKIE}=([^;]*)`).exec(headers.cookie ?? '')?.[1];
  if (cookie === undefined) return false;
  let value = cookie;
  try {
    value = decodeURIComponent(cookie);
  } catch {
    return false;
  }
  return sameSecret(value, token);
}

/** An error as the API answers it: the status and the same message and issues the CLI prints. */
function problem(c: Context, e: unknown) {
  if (e instanceof PlansmithError) {
    const status =
      e.code === 'NOT_FOUND'
        ? 404
        : e.code === 'CONFLICT' || e.code === 'INVALID_TRANSITION'
          ? 409
          : e.code === 'AMBIGUOUS_ID'
            ? 409
            : 400;
    return c.json({ error: e.toJSON() }, status);
  }
  return c.json({ error: { code: 'INTERNAL', message: String((e as Error)?.message ?? e) } }, 500);
}

/** A query parameter that must be one of `values`, or a clear refusal naming it. */
function oneOf<T extends string>(
  name: string,
  value: string | undefined,
  values: readonly T[],
): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (!values.includes(value as T))
    throw new ValidationError([
      { field: name, message: `expected one of ${values.join(', ')}, got "${value}"` },
    ]);
  return value as T;
}

function int(name: string, value: string | undefined, min: number, max: number): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max)
    throw new ValidationError([{ field: name, message: `expected a whole number from ${min} to ${max}` }]);
  return n;
}

async function body(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {
    // fall through
  }
  throw new ValidationError([{ field: '(body)', message: 'expected a JSON object' }]);
}

const text = (v: unknown, field: string, required = false): string | undefined => {
  if (v === undefined || v === null || v === '') {
    if (required) throw new ValidationError([{ field, message: 'required' }]);
    return undefined;
  }
  if (typeof v !== 'string') throw new ValidationError([{ field, message: 'expected a string' }]);
  return v;
};

/**
 * The dashboard's HTTP app: a JSON API over the same services as the CLI and MCP, Server-Sent Events for
 * every change made by any process, the prebuilt dashboard, and MCP at /mcp. Every request passes the host
 * check (DNS rebinding), writes pass the origin check (CSRF), and with a token every request needs it.
 */
export function createWebApp(ctx: AppContext, o: WebOptions): Hono {
  const app = new Hono();
  const loopback = LOOPBACK.has(o.host);
  const hosts = () => {
    const p = o.port();
    return loopback ? [`127.0.0.1:${p}`, `localhost:${p}`, `[::1]:${p}`] : [`${o.host}:${p}`, o.host];
  };

  app.use('*', async (c, next) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) c.header(name, value);
    const host = c.req.header('host');
    if (loopback && host !== undefined && !hosts().includes(host))
      return c.json({ error: { code: 'FORBIDDEN', message: `host ${host} is not this server` } }, 403);
    const origin = c.req.header('origin');
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && origin !== undefined) {
      if (!allowedOrigin(origin, o.host, o.port()))
        return c.json(
          { error: { code: 'FORBIDDEN', message: `origin ${origin} may not call this server` } },
          403,
        );
    }
    if (o.token) {
      const given = c.req.query('token');
      if (given !== undefined && c.req.method === 'GET' && sameSecret(given, o.token)) {
        // Once from the link the server printed; then a cookie the page's own requests carry.
        setCookie(c, COOKIE, o.token, { httpOnly: true, sameSite: 'Strict', path: '/' });
        const url = new URL(c.req.url);
        url.searchParams.delete('token');
        return c.redirect(`${url.pathname}${url.search}`, 303);
      }
      const cookie = getCookie(c, COOKIE);
      if (!authorized(c.req.header('authorization'), o.token) && !(cookie && sameSecret(cookie, o.token)))
        return c.json(
          {
            error: {
              code: 'UNAUTHORIZED',
              message:
                'missing or wrong token: open the link plansmith serve printed, or send Authorization: Bearer <token>',
            },
          },
          401,
          { 'www-authenticate': 'Bearer' },
        );
    }
    await next();
  });

  // The project's profile for linting plan pages: explored once a minute at most, not per request.
  let explored: { at: number; profile: ReturnType<typeof explore>['profile'] } | null = null;
  const profile = () => {
    if (!explored || Date.now() - explored.at > 60_000)
      explored = { at: Date.now(), profile: explore(ctx.root).profile };
    return explored.profile;
  };

  const api = new Hono();
  api.onError((e, c) => problem(c, e));
  // Bodies are bounded before the app sees them: `plansmith serve` puts the shared HTTP layer
  // (http/bodies.ts) in front, with the same 4 MB as every other surface and a drained 413.
  api.get('/plans', async (c) => c.json({ plans: await (await ctx.plans()).list() }));

  api.get('/plans/:id', async (c) => {
    const service = await ctx.plans();
    const r = await service.resolve(c.req.param('id'));
    const revision = int('revision', c.req.query('revision'), 1, 100_000);
    let plan = r.plan;
    if (revision !== undefined && revision !== plan.revision) {
      const got = await (await ctx.store()).getPlanModel(plan.id, revision);
      if (!got)
        throw new ValidationError([
          { field: 'revision', message: `plan ${plan.id} has revisions ${r.revisions.join(', ')}` },
        ]);
      plan = planSchema.parse(got.model);
    }
    const path = mainArtefact(plan);
    // The latest revision as it is on disk (hand edits included); an earlier revision, or a file that is
    // missing or may not be read (a link out of the root, a secret), is rendered from the stored model.
    let disk: string | undefined;
    if (revision === undefined)
      try {
        disk = projectFiles(ctx.root).readTextIfExists(path, { what: 'plan' })?.text;
      } catch (e) {
        if (!(e instanceof FileAccessError)) throw e;
      }
    const onDisk = disk !== undefined;
    const markdown = disk ?? renderPlan(plan, { tasks: [] }).find((x) => x.path === path)!.content;
    // Parsed on a worker first (a hostile plan costs a worker its time limit, not every client a wait).
    await parsePlanAhead(markdown, path);
    const linted = await lint(markdown, path, { root: ctx.root, profile: profile() });
    const html = await planHtml(markdown, path);
    return c.json({
      plan,
      summary: r.summary,
      revisions: r.revisions,
      path,
      on_disk: onDisk,
      html,
      lint: linted,
      questions: plan.questions,
      handoffs: plan.handoffs,
    });
  });

  api.get('/plans/:id/diff', async (c) => {
    const r = await (await ctx.plans()).resolve(c.req.param('id'));
    const to = int('to', c.req.query('to'), 1, 100_000) ?? r.plan.revision;
    const from = int('from', c.req.query('from'), 1, 100_000) ?? Math.max(1, to - 1);
    const store = await ctx.store();
    const [a, b] = await Promise.all([
      store.getPlanModel(r.plan.id, from),
      store.getPlanModel(r.plan.id, to),
    ]);
    if (!a || !b)
      throw new ValidationError([
        { field: a ? 'to' : 'from', message: `plan ${r.plan.id} has revisions ${r.revisions.join(', ')}` },
      ]);
    const md = (m: unknown) => {
      const p = planSchema.parse(m);
      return renderPlan(p, { tasks: [] }).find((x) => x.path === mainArtefact(p))!.content;
    };
    const diff = createTwoFilesPatch(`revision ${from}`, `revision ${to}`, md(a.model), md(b.model), '', '', {
      context: 2,
    });
    return c.json({ from, to, diff });
  });

  const filterOf = (c: Context): TaskFilter => {
    const status = c.req.query('status');
    const statuses = status
      ? status.split(',').map((s) => oneOf('status', s.trim(), TASK_STATUSES) as TaskStatus)
      : undefined;
    return {
      ...(statuses ? { status: statuses } : {}),
      ...(c.req.query('plan') ? { plan_id: c.req.query('plan') } : {}),
      ...(c.req.query('skill') ? { skill_id: c.req.query('skill') } : {}),
      ...(c.req.query('kind') ? { kind: oneOf('kind', c.req.query('kind'), TASK_KINDS) } : {}),
    };
  };

  api.get('/tasks', async (c) => {
    const filter = filterOf(c);
    const limit = int('limit', c.req.query('limit'), 1, 1000) ?? 200;
    const offset = int('offset', c.req.query('offset'), 0, 10_000_000) ?? 0;
    const owner = c.req.query('owner');
    const q = c.req.query('q')?.toLowerCase();
    const tasks = await ctx.tasks();
    if (!owner && !q) {
      const r = await tasks.list({ ...filter, limit, offset });
      return c.json({ tasks: r.tasks, total: r.total, limit, offset });
    }
    // Owner and text are matched here: the store has no index for them.
    const all = (await tasks.list(filter)).tasks.filter(
      (t) =>
        (!owner || t.lease?.owner === owner) &&
        (!q || `${t.task_name} ${t.description}`.toLowerCase().includes(q)),
    );
    return c.json({ tasks: all.slice(offset, offset + limit), total: all.length, limit, offset });
  });

  /** The board: every task of a plan (or all), slim, for columns and filters in the browser. */
  api.get('/board', async (c) => {
    const filter = filterOf(c);
    // Streamed from the store: only the slim rows are held, never every full task at once.
    const rows = [];
    for await (const t of (await ctx.store()).streamTasks(filter))
      rows.push({
        id: t.id,
        name: t.task_name,
        status: t.status,
        ready: t.ready,
        kind: t.kind,
        skill: t.skill_id,
        plan: t.plan_id,
        parent: t.parent_id,
        subtasks: t.subtask_count,
        owner: t.lease?.owner ?? null,
        lease_expires_at: t.lease?.expires_at ?? null,
        attempts: t.attempts,
        updated_at: t.updated_at,
      });
    return c.json({ tasks: rows, now: new Date().toISOString() });
  });

  api.get('/tasks/:id', async (c) => {
    const r = await (await ctx.tasks()).show(c.req.param('id'));
    // What it depends on and which plan it is in, by name: the page shows names, never bare ids.
    const store = await ctx.store();
    const deps = await store.getTasks(r.task.dependencies);
    const plan = r.task.plan_id
      ? (await (await ctx.plans()).list()).find((p) => p.id === r.task.plan_id)
      : null;
    return c.json({
      ...r,
      dependencies: deps.map((d) => ({ id: d.id, name: d.task_name, status: d.status })),
      plan: plan ? { id: plan.id, title: plan.title } : null,
    });
  });

  api.get('/graph', async (c) => {
    const plan = c.req.query('plan');
    const nodes = await (await ctx.store()).graphNodes(plan ? { plan_id: plan } : {});
    const graph = buildWorkGraph(nodes);
    const { waves, stuck } = computeWaves(graph);
    const cp = computeCriticalPath(graph);
    return c.json({
      nodes,
      waves: waves.map((w) => w.map((n) => n.id)),
      stuck: stuck.map((n) => n.id),
      critical_path: cp.path.map((n) => n.id),
      critical_minutes: cp.total_minutes,
    });
  });

  api.get('/progress', async (c) => {
    const plan = c.req.query('plan');
    const store = await ctx.store();
    const { tasks } = await (await ctx.tasks()).list(plan ? { plan_id: plan } : {});
    const leaves = tasks.filter((t) => t.subtask_count === 0);
    const ids = new Set(leaves.map((t) => t.id));
    // Each task's last completion: a task completed, re-opened (a failing critique, a retry) and not done now
    // is not counted, so the burn-up ends where the board is.
    const last = new Map<string, { at: string; owner: string | null }>();
    let completions = 0;
    for (let after = 0; ; ) {
      // Only the completions: the log of a long-running graph is mostly claims and heartbeats.
      const page = await store.events({ after, limit: 5000, types: ['completed'] });
      if (!page.length) break;
      for (const e of page)
        if (ids.has(e.task_id)) {
          completions++;
          last.set(e.task_id, { at: e.at, owner: e.actor });
        }
      after = page[page.length - 1]!.seq;
    }
    const done = leaves
      .filter((t) => t.status === 'done')
      .map((t) => last.get(t.id) ?? { at: t.completed_at ?? t.updated_at, owner: null })
      .sort((a, b) => a.at.localeCompare(b.at));
    const byOwner = new Map<string | null, number>();
    for (const d of done) byOwner.set(d.owner, (byOwner.get(d.owner) ?? 0) + 1);
    return c.json({
      total: leaves.length,
      done_now: done.length,
      // Completions that no longer count: the task was re-opened after them.
      reopened: completions - leaves.filter((t) => t.status === 'done' && last.has(t.id)).length,
      created_at: leaves.map((t) => t.created_at).sort()[0] ?? null,
      completions: done.map((d) => d.at),
      // owner null: the completion named nobody (a task marked done by hand, without --owner).
      owners: [...byOwner].map(([owner, count]) => ({ owner, count })).sort((a, b) => b.count - a.count),
    });
  });

  // Actions: the same service calls and validation as `plansmith tasks …`.
  const act = (name: string, run: (id: string, b: Record<string, unknown>) => Promise<unknown>) =>
    api.post(`/tasks/:id/${name}`, async (c) =>
      c.json({ result: await run(c.req.param('id'), await body(c)) }),
    );
  act('claim', async (id, b) => {
    const owner = text(b.owner, 'owner', true)!;
    const tasks = await ctx.tasks();
    const t = await tasks.claim({
      owner,
      task_id: await (await ctx.store()).resolveId(id),
      lease_seconds: int(
        'lease_seconds',
        b.lease_seconds === undefined ? undefined : String(b.lease_seconds),
        1,
        7 * 86400,
      ),
    });
    if (!t) throw new InputError(`task ${id} is not ready to claim`);
    return t;
  });
  act('heartbeat', async (id, b) => (await ctx.tasks()).heartbeat(id, { owner: text(b.owner, 'owner') }));
  act('release', async (id, b) => (await ctx.tasks()).release(id, { owner: text(b.owner, 'owner') }));
  act('done', async (id, b) => (await ctx.tasks()).complete(id, b));
  act('fail', async (id, b) =>
    (await ctx.tasks()).fail(id, { owner: text(b.owner, 'owner'), error: text(b.error, 'error', true)! }),
  );
  act('retry', async (id) => (await ctx.tasks()).retry(id));
  act('cancel', async (id, b) => (await ctx.tasks()).cancel(id, text(b.reason, 'reason')));
  act('block', async (id, b) => (await ctx.tasks()).block(id, text(b.reason, 'reason', true)!));
  act('unblock', async (id) => (await ctx.tasks()).unblock(id));
  api.patch('/tasks/:id', async (c) => {
    const b = await body(c);
    const allowed = Object.keys(taskRevisionSchema.shape);
    const extra = Object.keys(b).filter((k) => !allowed.includes(k));
    if (extra.length)
      throw new ValidationError(
        extra.map((k) => ({ field: k, message: `not editable here (editable: ${allowed.join(', ')})` })),
      );
    // The creation schema's rules for each field: nothing is stored that `create_task` would refuse.
    const parsed = taskRevisionSchema.safeParse(b);
    if (!parsed.success)
      throw new ValidationError(
        parsed.error.issues.map((i) => ({ field: i.path.join('.') || '(body)', message: i.message })),
      );
    const tooBig = checkBounds(parsed.data, '(body)');
    if (tooBig) throw new ValidationError([tooBig]);
    const store = await ctx.store();
    return c.json({ result: await store.revise(await store.resolveId(c.req.param('id')), parsed.data) });
  });

  /** Every change from any process, as it is recorded: `event: tasks` with the new events. */
  api.get('/events', async (c) => {
    const store = await ctx.store();
    // After a reconnect the browser says where it was (Last-Event-ID); a new stream starts from now.
    const last = Number(c.req.header('last-event-id') ?? c.req.query('after') ?? Number.NaN);
    const after = Number.isFinite(last) ? last : undefined;
    return streamSSE(c, async (stream) => {
      let open = true;
      const queue: Array<() => Promise<void>> = [];
      const stop = await store.watch(
        (events) => {
          const seq = events[events.length - 1]!.seq;
          queue.push(() =>
            stream.writeSSE({ event: 'tasks', id: String(seq), data: JSON.stringify(events) }),
          );
        },
        { after, intervalMs: o.pollMs ?? 500 },
      );
      stream.onAbort(() => {
        open = false;
      });
      await stream.writeSSE({ event: 'hello', data: JSON.stringify({ after, store: store.info.kind }) });
      let beat = 0;
      while (open) {
        while (queue.length) await queue.shift()!();
        if (++beat % 30 === 0) await stream.writeSSE({ event: 'ping', data: '' });
        await stream.sleep(200);
      }
      await stop();
    });
  });

  api.notFound((c) =>
    c.json({ error: { code: 'NOT_FOUND', message: `no API route ${c.req.method} ${c.req.path}` } }, 404),
  );
  app.route('/api', api);

  if (o.mcp) {
    const mcp = o.mcp;
    app.all('/mcp', async (c) => {
      const env = c.env as { incoming: IncomingMessage; outgoing: ServerResponse };
      await mcp(env.incoming, env.outgoing);
      return RESPONSE_ALREADY_SENT;
    });
  }

  app.get('/healthz', (c) => c.text('ok'));
  app.get('/assets/:name', (c) => {
    const name = c.req.param('name');
    // The page itself is served at / only: one address, one set of headers to keep right.
    const a = name.endsWith('.html') ? null : dashboardAsset(name);
    if (!a) return c.text('not found', 404);
    return c.body(a.body, 200, { 'content-type': a.type, 'cache-control': 'no-cache' });
  });
  // The dashboard: one page; its views are routes in the page (#/board, #/plans/…).
  app.get('/', (c) => {
    const a = dashboardAsset('index.html')!;
    return c.body(a.body, 200, { 'content-type': a.type });
  });
  return app;
}
