/**
 * The plan's phases, shaped by the kind of change: a fix is reproduce → fix at the edit points → guard; an
 * option extends the option the code already has (or declares one beside its siblings) and reads it where
 * the behaviour happens; a feature extends the code that matches and adds a module only when nothing does;
 * performance measures first; a refactor pins behaviour first. No phase invents an interface the codebase
 * does not have.
 */
import type { Check, EditPoint, Phase, Step } from '../../domain/plan.js';
import { codeRoleOf } from '../../explore/conventions.js';
import { projectFiles } from '../../files/project-files.js';
import { clearPoint } from './edit-points.js';
import { DECLARES } from './existing.js';
import { defaultSourceDir, extFor, lowerFirst, moduleName } from './placement.js';
import type { FileChange, Target, Work } from './work.js';

type Draft = Omit<Phase, 'id'>;

export const step = (
  title: string,
  detail: string,
  create: Array<FileChange | null | undefined>,
  modify: Array<FileChange | null | undefined>,
  sketch?: Step['sketch'],
): Step => ({
  title,
  detail,
  files_to_create: create.filter((x): x is FileChange => Boolean(x)),
  files_to_modify: modify.filter((x): x is FileChange => Boolean(x)),
  ...(sketch ? { sketch } : {}),
});

const est = (steps: Step[]) =>
  Math.max(
    15,
    steps.reduce((n, s) => n + 10 + 15 * (s.files_to_create.length + s.files_to_modify.length), 0),
  );

const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
const code = (s: string) => `\`${s.replace(/`/g, "'")}\``;
const short = (e: EditPoint) => e.symbol;
const at = (path: string, e: EditPoint) => `${path}:${e.start_line}–${e.end_line}`;

/** "`a`, `b` and `c`". */
export function names(items: string[], n = 3): string {
  const shown = items.slice(0, n).map(code);
  const more = items.length > n ? ` and ${items.length - n} more` : '';
  if (shown.length <= 1) return `${shown[0] ?? ''}${more}`;
  return more ? `${shown.join(', ')}${more}` : `${shown.slice(0, -1).join(', ')} and ${shown.at(-1)}`;
}

/** The exception a report names (`UnicodeDecodeError`, `ValueError`), if any. */
export function reportedError(text: string): string | null {
  return /\b([A-Z][A-Za-z]*(?:Error|Exception))\b/.exec(text)?.[1] ?? null;
}

/** Where a symbol is called, among the files the explorer ranked (tests included): `path:line`. */
export function callSites(
  w: Work,
  symbol: string,
  exclude?: { path: string; from: number; to: number },
): string[] {
  const name = symbol.split('.').pop()!;
  if (name.length < 3 || /^(__init__|constructor|init|new|call|get|set)$/.test(name)) return [];
  const re = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}\\s*\\(`);
  const def = new RegExp(
    `(def|function|class)\\s+${name.replace(/\$/g, '\\$')}\\b|\\b${name.replace(/\$/g, '\\$')}\\s*[:=]\\s*(async\\s*)?(function|\\()`,
  );
  const key = `${symbol}\u0000${exclude ? `${exclude.path}:${exclude.from}-${exclude.to}` : ''}`;
  const cache = CALLS.get(w) ?? new Map<string, string[]>();
  CALLS.set(w, cache);
  const hit = cache.get(key);
  if (hit) return hit;
  const out: string[] = [];
  for (const [p, lines] of explored(w)) {
    lines.forEach((line, i) => {
      if (out.length >= 12) return;
      if (exclude && p === exclude.path && i + 1 >= exclude.from && i + 1 <= exclude.to) return;
      if (re.test(line) && !def.test(line)) out.push(`${p}:${i + 1}`);
    });
  }
  cache.set(key, out);
  return out;
}

const CALLS = new WeakMap<Work, Map<string, string[]>>();
const TEXTS = new WeakMap<Work, Array<[string, string[]]>>();

/** The lines of the files the explorer ranked (code and tests), read once per plan. */
function explored(w: Work): Array<[string, string[]]> {
  const had = TEXTS.get(w);
  if (had) return had;
  const files = projectFiles(w.ctx.root);
  const rel = w.ctx.report.relevance;
  const paths = [...new Set([...(rel?.relevantFiles ?? []), ...(rel?.tests ?? [])].map((f) => f.path))];
  const out: Array<[string, string[]]> = [];
  for (const p of paths) {
    const text = files.readTextIfExists(p)?.text;
    if (text) out.push([p, text.split('\n')]);
  }
  TEXTS.set(w, out);
  return out;
}

const pointsOf = (t: FileChange) => t.edit_points ?? [];

/** One step per file to change, naming its edit points and quoting the first signature. */
function changeSteps(w: Work, targets: Target[], verb: string): Step[] {
  return targets.map((t) => {
    const pts = pointsOf(t);
    const title = pts.length
      ? `${verb} ${names(pts.map(short), 2)} in ${code(t.path)}`
      : `${verb} ${code(t.path)}`;
    const detail = pts.length
      ? `${code(pts[0]!.signature || pts[0]!.symbol)} (lines ${pts[0]!.start_line}–${pts[0]!.end_line}) ${pts[0]!.why ? `was picked because ${pts[0]!.why}` : ''}.`
      : `Ranked relevant: ${t.why}. Find the function that handles ${w.words.join(' ')} before editing.`;
    return step(title, detail, [], [strip(t)]);
  });
}

/** A target as the plan keeps it: path, why and edit points (no score or outline). */
export const strip = (t: Target | FileChange): FileChange => ({
  path: t.path,
  why: t.why,
  ...(t.edit_points?.length ? { edit_points: t.edit_points } : {}),
});

/** The test step: extend the covering test, or a new file where the runner collects it. */
function testStep(w: Work, detail: string, keyword?: string): { step: Step; checks: Check[] } {
  const file = w.covering?.path ?? w.newTest;
  const title = w.covering
    ? `Add the cases to ${code(w.covering.path)}`
    : w.newTest
      ? `Write the tests in ${code(w.newTest)}`
      : 'Write the tests';
  const where = w.covering
    ? `${code(w.covering.path)} holds ${w.covering.why}. `
    : w.newTest
      ? ''
      : `No test file the project's runner collects could be placed${w.profile.testRunner ? ` (${w.profile.testRunner.name})` : ''}; put it beside the existing tests. `;
  const checks = file ? w.checks.narrow(file, keyword) : [];
  return {
    step: step(
      title,
      `${where}${detail}`,
      [w.covering || !w.newTest ? null : { path: w.newTest, why: `tests for ${w.title}` }],
      [w.covering ? { path: w.covering.path, why: w.covering.why } : null],
    ),
    checks,
  };
}

/** The Tests phase: the test step, then its narrow command, the suite and the static checks. */
function testsPhase(w: Work, t: { step: Step; checks: Check[] }, goal: string, minutes: number): Draft {
  return {
    title: 'Tests',
    goal,
    kind: 'test',
    steps: [t.step],
    automated_checks: [...t.checks, ...w.checks.test, ...w.checks.static],
    manual_checks: [],
    estimate_minutes: minutes,
  };
}

/** A pytest -k keyword that selects the new test: the symbol's name, snake_case. */
function keywordFor(w: Work, e?: EditPoint): string | undefined {
  if (w.profile.testRunner?.name !== 'pytest') return undefined;
  const name = (e?.symbol.split('.').pop() ?? w.words.join('_')).replace(/^_+|_+$/g, '');
  if (!name || /^(init|new|call)$/.test(name)) return w.words.join('_');
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

function docsPhase(w: Work): Draft | null {
  const steps: Step[] = [];
  if (w.docs.file)
    steps.push(
      step(
        `Document it in ${code(w.docs.file.path)}`,
        `${code(w.docs.file.path)} ${w.docs.file.why}.`,
        [],
        [w.docs.file],
      ),
    );
  const cl = w.docs.changelog;
  if (cl)
    steps.push(
      step(
        cl.create
          ? `Add the release note ${code(cl.create.path)}`
          : `Add the release note to ${code(cl.modify!.path)}`,
        `${cap((cl.create ?? cl.modify)!.why)}.`,
        [cl.create],
        [cl.modify],
      ),
    );
  if (!steps.length) return null;
  return {
    title: w.docs.file ? 'Docs and release note' : 'Release note',
    goal: w.docs.file
      ? `The docs describe the change where readers look for ${w.words.join(' ')}.`
      : `The change is in the next release's notes.`,
    kind: 'docs',
    steps,
    automated_checks: [],
    manual_checks: [],
    estimate_minutes: 15,
  };
}

function fixPhases(w: Work): Draft[] {
  const withPoints = w.targets.filter((t) => t.edit_points);
  // The best places, three files at most: a fix that spreads over more is not yet understood.
  const main = (withPoints.length ? withPoints : w.targets).slice(0, 3);
  const first = main[0];
  const sym = first?.edit_points?.[0];
  const err = reportedError(w.req.requirement);
  const kw = keywordFor(w, sym);
  const reproduce = testStep(
    w,
    sym
      ? `Call ${code(sym.symbol)} (${at(first!.path, sym)}) with the input from the report and assert what the report expects${err ? `, not the ${code(err)}` : ''}.${kw ? ` Name the test after it (\`test_${kw}…\`) so \`-k ${kw}\` selects it.` : ''}`
      : `Reproduce the report from the caller's side${err ? `: today it raises ${code(err)}` : ''}.`,
    kw,
  );
  const phases: Draft[] = [
    {
      title: 'Reproduce with a failing test',
      goal: `A test that fails for the reason reported: ${w.title}.`,
      kind: 'test',
      steps: [reproduce.step],
      automated_checks: (reproduce.checks.length ? reproduce.checks : w.checks.test).map((c) => ({
        ...c,
        expect: 'fails before the fix, for the reported reason',
      })),
      manual_checks: err ? [`The test fails with the reported ${code(err)}, not another error`] : [],
      estimate_minutes: 30,
    },
  ];
  const fixSteps = main.length
    ? changeSteps(w, main, 'Fix')
    : [
        step(
          'Find where the behaviour comes from',
          'The explorer found no code that matches the report closely: start from the entry point the report uses.',
          [],
          [],
        ),
      ];
  const callers = sym
    ? callSites(w, sym.symbol, { path: first!.path, from: sym.start_line, to: sym.end_line })
    : [];
  phases.push({
    title: 'Fix the cause',
    goal: sym
      ? `Change ${code(sym.symbol)} so that the failing test passes and its other callers keep working.`
      : 'Change the code the failing test points at.',
    kind: 'implement',
    steps: fixSteps,
    automated_checks: [...reproduce.checks, ...w.checks.static],
    manual_checks: callers.length
      ? [`The other callers of ${code(sym!.symbol)} still get what they expect: ${names(callers, 4)}`]
      : [],
    estimate_minutes: est(fixSteps),
  });
  const tests = sym ? callSites(w, sym.symbol).filter((c) => codeRoleOf(c.split(':')[0]!) === 'test') : [];
  phases.push({
    title: 'Guard against regressions',
    goal: w.checks.test.length
      ? 'The whole suite and the static checks pass.'
      : `The project has no test command: ${w.checks.missing.join(' and ')} are missing.`,
    kind: 'test',
    steps: [
      step(
        'Run the whole suite and the static checks',
        tests.length
          ? `Tests that already reach ${code(sym!.symbol)}: ${names([...new Set(tests.map((t) => t.split(':')[0]!))], 3)}.`
          : w.checks.test.length
            ? `Run ${code(w.checks.test[0]!.command)} after the narrow test passes.`
            : 'Add a test command before relying on automated checks.',
        [],
        [],
      ),
    ],
    automated_checks: [...w.checks.test, ...w.checks.static],
    manual_checks: [],
    estimate_minutes: 15,
  });
  const docs = docsPhase(w);
  if (docs) phases.push(docs);
  return phases;
}

/** Where the code declares options like the one to add: the file with most declarations, and one sibling. */
function declarationSite(w: Work): { target: Target; line: number; sibling: string } | null {
  let best: { target: Target; line: number; sibling: string; count: number } | null = null;
  for (const t of w.targets) {
    if (!t.outline) continue;
    let count = 0;
    let first = -1;
    let sibling = '';
    t.outline.lines.forEach((l, i) => {
      const m = /(['"])(--?)?([a-z][a-z0-9]*(?:[-_][a-z0-9]+)+)\1/.exec(l);
      if (m && DECLARES.test(l)) {
        count++;
        if (first < 0) {
          first = i + 1;
          sibling = m[3]!;
        }
      }
    });
    if (count >= 2 && (!best || count > best.count)) best = { target: t, line: first, sibling, count };
  }
  return best;
}

/** The functions that read an option, by its attribute spellings, outside its declaration. */
function readersOf(w: Work, option: string, decl: { file: string; line: number }): Target[] {
  const parts = option.replace(/^-+/, '').split(/[-_]/);
  const spellings = [
    parts.join('_'),
    parts.map((p, i) => (i ? p.charAt(0).toUpperCase() + p.slice(1) : p)).join(''),
    parts.join('_').toUpperCase(),
  ];
  const re = new RegExp(`\\b(${spellings.join('|')})\\b`);
  const out: Target[] = [];
  for (const t of w.targets) {
    if (!t.outline) continue;
    const pts: EditPoint[] = [];
    t.outline.lines.forEach((l, i) => {
      if (!re.test(l) || (t.path === decl.file && Math.abs(i + 1 - decl.line) <= 2)) return;
      const p = pointAt(t, i + 1, `reads \`${re.exec(l)![1]}\` (line ${i + 1})`);
      if (p && p.end_line - p.start_line < 400 && !pts.some((x) => x.symbol === p.symbol)) pts.push(p);
    });
    if (pts.length) out.push({ ...t, why: `reads \`${option}\``, edit_points: pts.slice(0, 3) });
  }
  return out.slice(0, 2);
}

/** The outline item that contains a line, narrowest first, as an edit point. */
function pointAt(t: Target, line: number, why: string): EditPoint | null {
  const item = t.outline?.items
    .filter((i) => i.start_line <= line && i.end_line >= line)
    .sort((a, b) => a.end_line - a.start_line - (b.end_line - b.start_line))[0];
  return item
    ? {
        symbol: item.qualified,
        start_line: item.start_line,
        end_line: item.end_line,
        signature: item.signature,
        why,
      }
    : null;
}

function optionPhases(w: Work): Draft[] {
  const opt = w.existing.find((e) => e.option);
  const phases: Draft[] = [];
  const steps: Step[] = [];
  let declared: string | null = null;
  if (opt) {
    const t = w.targets.find((x) => x.path === opt.file);
    const p = t ? pointAt(t, opt.line, `declares \`${opt.option}\``) : null;
    declared = opt.file;
    steps.push(
      step(
        `Extend the existing ${code(opt.option!)}`,
        `It is declared in ${code(opt.file)} at line ${opt.line}. Change what it does — ${w.title} — and keep the behaviour of every value users set today.`,
        [],
        [{ path: opt.file, why: `declares \`${opt.option}\``, ...(p ? { edit_points: [p] } : {}) }],
      ),
    );
  } else {
    const site = declarationSite(w);
    if (site) {
      declared = site.target.path;
      const p = pointAt(site.target, site.line, `declares \`${site.sibling}\`, a sibling option`);
      steps.push(
        step(
          `Declare the option beside ${code(site.sibling)} in ${code(site.target.path)}`,
          `Declare it the way ${code(site.sibling)} is (line ${site.line}), with a default that keeps today's behaviour.`,
          [],
          [
            {
              path: site.target.path,
              why: `declares the options like \`${site.sibling}\``,
              ...(p ? { edit_points: [p] } : {}),
            },
          ],
        ),
      );
    }
  }
  // Where the option is read: the code that uses its attribute name (`min_similarity_lines`, `minSimilarityLines`).
  const readAt = opt ? readersOf(w, opt.option!, opt) : [];
  const readers = readAt.length
    ? readAt
    : w.targets.filter((t) => t.edit_points && t.path !== declared).slice(0, 2);
  const sketchOf = (): Step['sketch'] => {
    const e = readers[0]?.edit_points?.[0];
    if (!e || opt || !/\(/.test(e.signature)) return undefined;
    const lang = w.language === 'Python' ? 'python' : /Script$/.test(w.language ?? '') ? 'javascript' : null;
    if (!lang) return undefined;
    const param =
      lang === 'python'
        ? `${w.words.join('_')}=None`
        : w.words.map((x, i) => (i ? x[0]!.toUpperCase() + x.slice(1) : x)).join('');
    const changed = e.signature.replace(
      /\)([^)]*)$/,
      (_m, tail) => `${/\(\s*\)$/.test(e.signature) ? '' : ', '}${param})${tail}`,
    );
    return {
      language: lang,
      code: `${lang === 'python' ? '#' : '//'} ${readers[0]!.path}:${e.start_line}, now\n${e.signature}\n${lang === 'python' ? '#' : '//'} with the option (its default keeps today's behaviour)\n${changed}`,
    };
  };
  steps.push(
    ...changeSteps(w, readers, 'Read the option in').map((s, i) =>
      i === 0 ? { ...s, ...(sketchOf() ? { sketch: sketchOf() } : {}) } : s,
    ),
  );
  if (!steps.length)
    steps.push(
      step(
        'Add the setting where the behaviour is configured',
        'The explorer found no option declarations near the change; look for where similar settings are read before adding one.',
        [],
        w.targets.slice(0, 1).map(strip),
      ),
    );
  phases.push({
    title: opt ? `The ${code(opt.option!)} option` : 'The option',
    goal: opt
      ? `Build on ${code(opt.option!)} instead of adding a second way to do the same.`
      : 'One new option, declared like its siblings, read where the behaviour happens.',
    kind: 'implement',
    steps,
    automated_checks: [...w.checks.static],
    manual_checks: [],
    estimate_minutes: est(steps),
  });
  const name = opt?.option ?? 'the option';
  const t = testStep(
    w,
    `Cases: ${name === 'the option' ? 'without the option' : `with ${code(name)} unset`}, the behaviour is as today; with it set, ${lowerFirst(w.title)}.`,
    keywordFor(w, readers[0]?.edit_points?.[0]),
  );
  phases.push(testsPhase(w, t, 'Both the default and the new setting are pinned by tests.', 30));
  const docs = docsPhase(w);
  if (docs) phases.push(docs);
  return phases;
}

function featurePhases(w: Work): Draft[] {
  const phases: Draft[] = [];
  const report = w.ctx.report;
  const profile = w.profile;
  const hasMigrations = profile.database.migrations.length > 0;
  const hasOrm = profile.frameworks.some((f) => f.kind === 'orm');
  // Data the feature must keep: said outright, or implied (a reset, verification or invitation needs a token).
  const needsData =
    (hasMigrations || hasOrm) &&
    (/\b(store|save|persist|record|table|token|history|schema|column|database|audit)\b/i.test(
      w.req.requirement,
    ) ||
      w.a.workType === 'migration' ||
      w.a.operations.some((o) =>
        ['reset', 'verify', 'invite', 'subscribe', 'approve', 'archive', 'schedule'].includes(o),
      ));
  const used = new Set<string>();
  const take = (re: RegExp) => {
    const hit = w.targets.filter((t) => re.test(t.path) && !used.has(t.path));
    for (const h of hit) used.add(h.path);
    return hit;
  };
  if (needsData) {
    const create = [
      w.newFile('model', `the ${w.words.join(' ')} data model`),
      hasMigrations ? w.newFile('migration', `schema change for ${w.words.join(' ')}`) : null,
    ];
    const mod = take(/(model|schema|entit|prisma)/i);
    if (create.some(Boolean) || mod.length)
      phases.push({
        title: 'Data model',
        goal: 'The storage the feature needs, added without breaking existing data.',
        kind: 'implement',
        steps: [
          step(
            `Add the ${w.words.join(' ')} data`,
            'Additive changes only: new tables or nullable columns first.',
            create,
            mod.map(strip),
          ),
        ],
        automated_checks: [...w.checks.test],
        manual_checks: [],
        estimate_minutes: 30,
      });
  }
  // Extend what matches; a new module only when nothing in the code does this yet.
  // Code to extend: a function the requirement names (or the traceback passes through), or whose name
  // carries two of its terms; one shared word ("compile", "method") is not enough when such code exists.
  // Failing that, the files whose function names match at all.
  const free = w.targets.filter((t) => !used.has(t.path));
  const strong = free.filter((t) => t.edit_points?.some(clearPoint));
  const extendable = strong.length
    ? strong
    : free.filter((t) => t.edit_points?.some((e) => /name matches/.test(e.why)));
  const isInterface = (p: string) =>
    /(route|controller|handler|\/api\/|views?\.|urls\.|component|page|command|cli)/i.test(p);
  const logic = extendable.filter((t) => !isInterface(t.path)).slice(0, 3);
  for (const l of logic) used.add(l.path);
  const creates =
    logic.length === 0 && w.a.workType === 'feature'
      ? [
          w.newFile(
            'service',
            `the ${w.words.join(' ')} logic`,
            `${defaultSourceDir(report, w.language)}/${moduleName(w.words, w.language)}${extFor(w.language)}`,
          ),
        ]
      : [];
  const coreSteps = logic.length
    ? changeSteps(w, logic, 'Extend')
    : [
        step(
          `Add the ${w.words.join(' ')} logic`,
          w.targets.length
            ? `Nothing in the code does this yet; call it from ${names(w.targets.slice(0, 2).map((t) => t.path))}.`
            : 'No existing code matched the requirement: confirm where it belongs before writing it (see the open questions).',
          creates,
          w.targets
            .filter((t) => !used.has(t.path) && !isInterface(t.path))
            .slice(0, 2)
            .map((t) => {
              used.add(t.path);
              return strip(t);
            }),
        ),
      ];
  phases.push({
    title: logic.length ? 'Extend the existing code' : 'Core logic',
    goal: logic.length
      ? `${names(
          logic.flatMap((t) => pointsOf(t).map(short)),
          3,
        )} already handle the closest behaviour; extend them.`
      : `The ${w.words.join(' ')} behaviour, independent of how it is called.`,
    kind: 'implement',
    steps: coreSteps,
    automated_checks: [...w.checks.static],
    manual_checks: [],
    estimate_minutes: est(coreSteps),
  });
  const iface: Step[] = [];
  // A web application reaches a new capability over HTTP even when the text does not say "endpoint";
  // a library or CLI never gets a route.
  if (w.a.interfaces.includes('HTTP API') || (w.hasWeb && w.a.workType === 'feature')) {
    const routeRe = /(route|controller|handler|\/api\/|views?\.|urls\.)/i;
    let routes: FileChange[] = take(routeRe).map(strip);
    // The router that serves the same resource, even when it ranks low: extend it, not a new file beside it.
    if (!routes.length) {
      const best = (report.relevance?.relevantFiles ?? []).find(
        (f) => routeRe.test(f.path) && codeRoleOf(f.path) !== 'test' && codeRoleOf(f.path) !== 'migration',
      );
      if (best)
        routes = [{ path: best.path, why: best.reasons.slice(0, 2).join('; ') || 'the closest router' }];
    }
    const create = routes.length ? [] : [w.newFile('route', `HTTP entry points for ${w.words.join(' ')}`)];
    if (routes.length || create.some(Boolean))
      iface.push(
        step(
          routes.length ? `Expose it over HTTP in ${code(routes[0]!.path)}` : 'Expose it over HTTP',
          'Validate input at the boundary; map domain errors to status codes.',
          create,
          routes,
        ),
      );
  }
  if (w.a.interfaces.includes('background jobs'))
    iface.push(
      step(
        'Run it in the background',
        'A job that claims work with a lock, processes idempotently and resumes from a cursor.',
        [w.newFile('job', `background job for ${w.words.join(' ')}`)],
        take(/(job|worker|task|queue)/i).map(strip),
      ),
    );
  if (w.a.interfaces.includes('UI'))
    iface.push(
      step(
        'Add the UI',
        'Loading, empty and error states; accessible labels.',
        [w.newFile('component', `UI for ${w.words.join(' ')}`)],
        take(/(component|page|view)/i).map(strip),
      ),
    );
  if (w.a.interfaces.includes('CLI') && profile.entryPoints.length)
    iface.push(
      step(
        'Add the command-line flag',
        'Flags, --help text and a clear error per bad input.',
        [],
        take(/(command|cli|cmd|__main__|main)/i).map(strip),
      ),
    );
  if (iface.length)
    phases.push({
      title: 'Interfaces',
      // The interfaces the requirement names, else the ones the steps add (never an empty "Wire it to .").
      goal: w.a.interfaces.length
        ? `Wire it to ${w.a.interfaces.join(', ')}.`
        : `Make it reachable: ${iface.map((s) => lowerFirst(s.title)).join('; ')}.`,
      kind: 'implement',
      steps: iface,
      automated_checks: [...w.checks.static],
      manual_checks: [],
      estimate_minutes: est(iface),
    });
  const rest = w.targets.filter((t) => !used.has(t.path) && t.edit_points?.some(clearPoint)).slice(0, 2);
  if (rest.length) phases[phases.length - 1]!.steps.push(...changeSteps(w, rest, 'Update'));
  const t = testStep(
    w,
    `Cover ${lowerFirst(w.title)} from the caller's side, and the inputs it must refuse.`,
    keywordFor(w, logic[0]?.edit_points?.[0]),
  );
  phases.push(testsPhase(w, t, 'The requirement is pinned by tests that fail without the change.', 45));
  const docs = docsPhase(w);
  if (docs) phases.push(docs);
  return phases;
}

function performancePhases(w: Work): Draft[] {
  const main = w.targets.filter((t) => t.edit_points).slice(0, 3);
  const files = projectFiles(w.ctx.root);
  const bench = ['bench', 'benchmarks', 'benchmark', 'asv_bench'].find((d) => files.isDirectory(d));
  const hot = main[0]?.edit_points?.[0];
  const phases: Draft[] = [
    {
      title: 'Measure first',
      goal: hot
        ? `A number for ${code(hot.symbol)} on the workload the report describes.`
        : 'A number for the slow path, before any change.',
      kind: 'research',
      steps: [
        step(
          bench ? `Add the case to the benchmarks in ${code(`${bench}/`)}` : 'Time the slow path',
          bench
            ? `The project keeps its benchmarks in ${code(`${bench}/`)}: add the workload there and record the figure before the change.`
            : 'The project has no benchmark folder: time it with a script outside the test suite (timings in tests are flaky) and keep the figure.',
          [],
          [],
        ),
      ],
      automated_checks: [],
      manual_checks: [],
      estimate_minutes: 30,
    },
  ];
  const steps = main.length
    ? changeSteps(w, main, 'Optimise')
    : [
        step(
          'Find the hot path',
          'Profile the workload; change only what the profile shows.',
          [],
          w.targets.slice(0, 2).map(strip),
        ),
      ];
  phases.push({
    title: 'Optimise the hot path',
    goal: 'Faster on the measured workload, with the same results.',
    kind: 'implement',
    steps,
    automated_checks: [...w.checks.test, ...w.checks.static],
    manual_checks: ['The figure after the change beats the one before, on the same machine and workload'],
    estimate_minutes: est(steps),
  });
  const docs = docsPhase(w);
  if (docs) phases.push(docs);
  return phases;
}

function refactorPhases(w: Work): Draft[] {
  const main = w.targets.filter((t) => t.edit_points).slice(0, 3);
  const t = testStep(
    w,
    `Pin what ${
      names(
        main.flatMap((m) => pointsOf(m).map(short)),
        3,
      ) || 'the code'
    } do today before moving anything.`,
  );
  const steps = main.length
    ? changeSteps(w, main, 'Restructure')
    : [
        step(
          'Restructure',
          'Move code in small commits, each passing the suite.',
          [],
          w.targets.slice(0, 2).map(strip),
        ),
      ];
  return [
    {
      title: 'Pin the behaviour',
      goal: 'Tests that pass before and after the refactor.',
      kind: 'test',
      steps: [t.step],
      automated_checks: [...t.checks, ...w.checks.test],
      manual_checks: [],
      estimate_minutes: 30,
    },
    {
      title: 'Restructure',
      goal: 'The same behaviour behind a clearer structure.',
      kind: 'implement',
      steps,
      automated_checks: [...w.checks.test, ...w.checks.static],
      manual_checks: [],
      estimate_minutes: est(steps),
    },
  ];
}

function docsOnlyPhases(w: Work): Draft[] {
  const ranked = (w.ctx.report.relevance?.docs ?? [])
    .slice(0, 2)
    .map((d) => ({ path: d.path, why: d.reasons[0] ?? 'ranked for the requirement' }));
  const files = w.docs.file ? [w.docs.file, ...ranked.filter((r) => r.path !== w.docs.file!.path)] : ranked;
  return [
    {
      title: 'Update the docs',
      goal: `The docs say what ${lowerFirst(w.title)} asks.`,
      kind: 'docs',
      steps: [
        step(
          'Edit the pages',
          files.length
            ? `Start with ${code(files[0]!.path)}.`
            : 'No docs page matched; find where the project documents this.',
          [],
          files.slice(0, 3),
        ),
      ],
      automated_checks: [],
      manual_checks: [],
      estimate_minutes: 30,
    },
  ];
}

export function phasesFor(w: Work): Draft[] {
  switch (w.a.workType) {
    case 'fix':
      return fixPhases(w);
    case 'option':
      return optionPhases(w);
    case 'performance':
      return performancePhases(w);
    case 'refactor':
      return refactorPhases(w);
    case 'docs':
      return docsOnlyPhases(w);
    default:
      return featurePhases(w);
  }
}
