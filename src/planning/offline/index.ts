import type { Approach, Phase, Plan, PlanStyle, Step, WorkType } from '../../domain/plan.js';
import { planSchema } from '../../domain/plan.js';
import type { CodeRole } from '../../explore/conventions.js';
import { codeRoleOf, OUTSIDE_SOURCE, proposePath } from '../../explore/conventions.js';
import type { CommandFinding, CommandPurpose } from '../../explore/profile.js';
import { projectFiles } from '../../files/project-files.js';
import { mainArtefact } from '../../workspace/paths.js';
import { buildHandoffs, declaredPlannerHandoffs } from '../handoffs.js';
import type { Planner, PlannerContext, PlanRequest, RefineRequest } from '../planner.js';
import { planTasks } from '../tasks.js';
import { analyse, implications } from './analyze.js';
import { readCiLog } from './ci-log.js';
import { applyFeedback } from './refine.js';
import { sketchFor } from './sketch.js';

const LEADING_VERBS =
  /^(please\s+)?(add|create|build|implement|support|introduce|make|enable|allow|let|write|design|plan|fix|refactor|improve|update|change|migrate)\s+/i;
const CUT =
  /\s+(by|with|for|to|when|via|in|on|from|so|that|using|into|after|before|and|as|of|at|per|without)\s+.*$/i;

/** Words to name new files after: "add password reset by email" → password, reset. */
const INTERFACE_NOUNS = new Set([
  'endpoint',
  'endpoints',
  'api',
  'route',
  'routes',
  'page',
  'screen',
  'button',
  'form',
  'modal',
  'command',
  'job',
  'worker',
  'feature',
  'support',
  'option',
  'ability',
  'way',
  'new',
  'simple',
  'basic',
  'users',
  'user',
  'nightly',
  'daily',
  'weekly',
]);
const FILLER = new Set([
  'a',
  'an',
  'the',
  'that',
  'are',
  'is',
  'not',
  'yet',
  'all',
  'any',
  'their',
  'our',
  'my',
  'its',
  'his',
  'her',
  'every',
  'each',
  'some',
]);
const singular = (w: string) =>
  w.endsWith('ies')
    ? `${w.slice(0, -3)}y`
    : w.endsWith('ses')
      ? w.slice(0, -2)
      : w.endsWith('s') && !w.endsWith('ss')
        ? w.slice(0, -1)
        : w;

/** Words to name new files after: "add password reset by email" → password, reset; "add a cancel endpoint for orders" → cancel, order. */
export function namingWords(title: string): string[] {
  const stripped = title
    .replace(/^(let|allow)\s+\w+\s+/i, '')
    .replace(LEADING_VERBS, '')
    .replace(/^(a|an|the)\s+/i, '');
  const core = stripped.replace(CUT, '');
  const tail = stripped.slice(core.length).replace(/^\s*\w+\s+/, '');
  const clean = (s: string) =>
    (s.toLowerCase().match(/[a-z][a-z0-9]*/g) ?? []).filter((w) => !INTERFACE_NOUNS.has(w) && !FILLER.has(w));
  const words = clean(core).slice(0, 3);
  if (words.length < 2) {
    const entity = clean(tail)[0];
    if (entity) words.push(singular(entity));
  }
  return words.length ? words : ['change'];
}

export function titleOf(text: string): string {
  const first = text
    .trim()
    .split('\n')
    .find((l) => l.trim())!
    .replace(/^#+\s*/, '')
    .trim();
  const t = first.length > 80 ? `${first.slice(0, 77).replace(/\s+\S*$/, '')}…` : first;
  return t.charAt(0).toUpperCase() + t.slice(1);
}

function styleFor(req: PlanRequest, ctx: PlannerContext): PlanStyle {
  if (req.style) return req.style;
  return ctx.report.profile.xano ? 'xano' : 'feature';
}

/** The deterministic planner: no model, no network; grounded in what `explore` found. */
export class OfflinePlanner implements Planner {
  readonly name = 'offline' as const;

  async plan(req: PlanRequest, ctx: PlannerContext): Promise<Plan> {
    const { report } = ctx;
    const profile = report.profile;
    const style = styleFor(req, ctx);
    const ciReading = req.ciLog ? readCiLog(req.ciLog.text, req.ciLog.name) : null;
    const analysed = analyse(req.requirement, { ci: Boolean(ciReading) });
    // Never an interface the codebase does not have: a word like "endpoint" in a library's issue is not an HTTP API.
    const hasWeb = report.profile.frameworks.some((f) => f.kind === 'web');
    const hasUi = report.profile.frameworks.some((f) => f.kind === 'ui');
    const a = {
      ...analysed,
      interfaces: analysed.interfaces.filter((i) => (i === 'HTTP API' ? hasWeb : i === 'UI' ? hasUi : true)),
    };
    const title =
      req.title ?? (ciReading ? `Fix CI: ${ciReading.diagnosis.failing_step}` : titleOf(req.requirement));
    const words = ciReading ? ['ci', 'fix'] : namingWords(title);
    const language =
      profile.languages.find(
        (l) =>
          ![
            'Markdown',
            'JSON',
            'YAML',
            'TOML',
            'HTML',
            'CSS',
            'reStructuredText',
            'XML',
            'Makefile',
            'Dockerfile',
            'Shell',
          ].includes(l.name),
      )?.name ?? null;
    const stack = profile.frameworks.map((f) => f.name);
    const exists = (p: string) => projectFiles(ctx.root).has(p);
    const cmd = (purpose: CommandPurpose): CommandFinding | undefined =>
      profile.commands.find((c) => c.purpose === purpose);
    const check = (purpose: CommandPurpose, expect: string) => {
      const c = cmd(purpose);
      return c ? [{ command: c.command, expect, evidence: c.evidence }] : [];
    };
    const facts = {
      hasMigrations: profile.database.migrations.length > 0,
      hasQueue: profile.frameworks.some((f) => f.kind === 'queue'),
      hasMail: profile.frameworks.some((f) => f.kind === 'email'),
    };
    const imp = implications(a, facts);

    // Files the change touches: the explorer's ranking, kept to the clearly relevant.
    const ranked = report.relevance?.relevantFiles ?? [];
    const topScore = ranked[0]?.score ?? 0;
    // Applied migrations are history: never edit one, add a new one.
    const modify = ranked
      .filter((f) => codeRoleOf(f.path) !== 'migration')
      .filter(
        (f) =>
          f.score >= topScore * 0.45 &&
          /\.(ts|tsx|js|jsx|mjs|cjs|py|go|rs|java|kt|rb|php|cs|xs|vue|svelte|prisma|sql)$/.test(f.path),
      )
      .slice(0, ciReading ? 4 : 6);
    if (ciReading) {
      for (const ref of ciReading.fileRefs) {
        const local = findInTree(ref.path, ctx);
        if (local && !modify.some((m) => m.path === local))
          modify.unshift({
            path: local,
            score: topScore + 1,
            reasons: [`named in the CI log${ref.line ? ` (line ${ref.line})` : ''}`],
          });
      }
    }
    const modifyChange = (f: { path: string; reasons: string[] }) => ({
      path: f.path,
      why: f.reasons.slice(0, 2).join('; ') || 'ranked relevant by the explorer',
    });

    // New files, placed by the project's conventions.
    const placed = new Set<string>();
    const newFile = (
      role: CodeRole,
      why: string,
      fallback?: string,
    ): { path: string; why: string } | null => {
      const path = proposePath(report.conventions, role, words, ctx.now) ?? fallback ?? null;
      if (!path || placed.has(path)) return null;
      placed.add(path);
      if (exists(path)) return null;
      return { path, why };
    };
    const srcRoot = defaultSourceDir(report, language);
    const ext = extFor(language);
    const newStep = (
      title: string,
      detail: string,
      create: Array<{ path: string; why: string } | null>,
      mod: Array<{ path: string; why: string }>,
      role?: string,
    ): Step => ({
      title,
      detail,
      files_to_create: create.filter((x): x is { path: string; why: string } => x !== null),
      files_to_modify: mod,
      sketch: role ? sketchFor(language, role, words, a.operations) : undefined,
    });
    const est = (s: Step[]) =>
      Math.max(
        15,
        s.reduce((n, st) => n + 10 + 15 * (st.files_to_create.length + st.files_to_modify.length), 0),
      );
    const testCheck = check('test', 'passes');
    const staticChecks = [
      ...check('typecheck', 'reports no errors'),
      ...check('lint', 'reports no problems'),
    ];

    const phases: Phase[] = [];
    // Files of a role among the clearly relevant; failing that, the best-ranked file of that role at all
    // (a plan that needs an HTTP change names the route file even when every file mentions the entity).
    const byRole = (role: string, fallback = false) => {
      const re = new RegExp(role);
      const hits = modify.filter((m) => re.test(m.path)).map(modifyChange);
      if (hits.length || !fallback) return hits;
      const best = ranked.find(
        (f) =>
          re.test(f.path) && codeRoleOf(f.path) !== 'migration' && !/(^|\/)(tests?|__tests__)\//.test(f.path),
      );
      return best ? [modifyChange(best)] : [];
    };
    const otherModify = () =>
      modify
        .filter(
          (m) => !phases.some((p) => p.steps.some((s) => s.files_to_modify.some((f) => f.path === m.path))),
        )
        .map(modifyChange);

    if (style === 'xano')
      phases.push(...xanoPhases({ a, words, exists, newFile, modify: modify.map(modifyChange), title }));
    else if (ciReading) {
      phases.push(
        {
          id: 'p1',
          title: 'Reproduce the failure locally',
          goal: `See "${ciReading.diagnosis.error.slice(0, 80)}" on your machine before changing anything.`,
          kind: 'research',
          steps: [
            newStep(
              `Run the failing step: ${ciReading.command ?? ciReading.diagnosis.failing_step}`,
              `The log fails at line ${ciReading.diagnosis.log_line} in step "${ciReading.diagnosis.failing_step}".`,
              [],
              [],
            ),
          ],
          automated_checks:
            ciReading.command && profile.commands.some((c) => c.command === ciReading.command)
              ? [
                  {
                    command: ciReading.command,
                    expect: 'fails the same way as in CI',
                    evidence: profile.commands.find((c) => c.command === ciReading.command)!.evidence,
                  },
                ]
              : [],
          manual_checks: ['The local failure matches the CI error'],
          estimate_minutes: 15,
        },
        {
          id: 'p2',
          title: 'Fix the cause',
          goal: 'Change the code (or the environment) the error points at.',
          kind: 'implement',
          steps: [
            newStep(
              'Fix the root cause',
              ciReading.diagnosis.error,
              [],
              modify.slice(0, 4).map(modifyChange),
            ),
          ],
          automated_checks:
            ciReading.diagnosis.category === 'lint'
              ? check('lint', 'reports no problems')
              : ciReading.diagnosis.category === 'build'
                ? [...check('typecheck', 'reports no errors'), ...check('build', 'succeeds')]
                : testCheck,
          manual_checks: ['The fix addresses the cause, not only the symptom in this run'],
          estimate_minutes: 30,
        },
        {
          id: 'p3',
          title: 'Keep it from coming back',
          goal: 'Make the failure impossible to merge again unnoticed.',
          kind: 'test',
          steps: [
            newStep(
              'Add a regression guard',
              'A test (or a lint rule, or a pinned version) that fails on the old behaviour.',
              [
                ciReading.diagnosis.category === 'test' || ciReading.diagnosis.category === 'build'
                  ? newFile(
                      'test',
                      'regression test for the CI failure',
                      `${testDir(report)}/${testFileName(['ci', 'regression'], language)}`,
                    )
                  : null,
              ],
              [],
              'test',
            ),
          ],
          automated_checks: [...testCheck, ...staticChecks],
          manual_checks: ['The CI run on the fix branch is green'],
          estimate_minutes: 20,
        },
      );
    } else if (a.workType === 'fix') {
      const covering = coveringTest(report, modify);
      phases.push(
        {
          id: 'p1',
          title: 'Reproduce with a failing test',
          goal: 'A test that fails for the reported reason.',
          kind: 'test',
          steps: [
            newStep(
              'Write the failing test',
              `Capture the report: ${titleOf(req.requirement)}`,
              covering
                ? []
                : [
                    newFile(
                      'test',
                      'reproduces the bug',
                      `${testDir(report)}/${testFileName(words, language)}`,
                    ),
                  ],
              covering ? [{ path: covering.path, why: `add the failing case to ${covering.why}` }] : [],
              'test',
            ),
          ],
          automated_checks: testCheck.map((c) => ({
            ...c,
            expect: 'fails before the fix, for the reported reason',
          })),
          manual_checks: ['The test fails for the reported reason, not another'],
          estimate_minutes: 30,
        },
        {
          id: 'p2',
          title: 'Fix the cause',
          goal: 'Change the code the failing test points at.',
          kind: 'implement',
          steps: [
            newStep(
              'Fix the cause',
              'Start from the highest-ranked file; read its callers before changing a shared function.',
              [],
              modify.slice(0, 4).map(modifyChange),
            ),
          ],
          automated_checks: [...testCheck, ...staticChecks],
          manual_checks: ['The fix is at the right depth: the shared mechanism, not a special case on top'],
          estimate_minutes: est([newStep('', '', [], modify.slice(0, 4).map(modifyChange))]),
        },
        {
          id: 'p3',
          title: 'Guard against regressions',
          goal: 'The whole suite and the checks pass.',
          kind: 'test',
          steps: [
            newStep(
              'Run the full suite and the static checks',
              'Look for other callers affected by the change.',
              [],
              [],
            ),
          ],
          automated_checks: [...testCheck, ...staticChecks],
          manual_checks: ['The original report no longer reproduces'],
          estimate_minutes: 15,
        },
      );
    } else {
      // Data the feature must keep: said outright, or implied (a reset, verification or invitation needs a token).
      const needsData =
        /\b(store|save|persist|record|table|token|history|schema|column|model|database|audit|log of)\b/i.test(
          req.requirement,
        ) ||
        a.workType === 'migration' ||
        a.operations.some((o) =>
          ['reset', 'verify', 'invite', 'subscribe', 'approve', 'archive', 'track', 'schedule'].includes(o),
        );
      if (needsData) {
        const create = [
          newFile('model', `the ${words.join(' ')} data model`),
          facts.hasMigrations ? newFile('migration', `schema change for ${words.join(' ')}`) : null,
        ];
        const mod = byRole('(model|schema|entit|prisma)', true);
        if (create.some(Boolean) || mod.length) {
          phases.push({
            id: `p${phases.length + 1}`,
            title: 'Data model',
            goal: 'The storage the feature needs, added without breaking existing data.',
            kind: 'implement',
            steps: [
              newStep(
                `Add the ${words.join(' ')} data`,
                'Additive changes only: new tables or nullable columns first.',
                create,
                mod,
                'model',
              ),
            ],
            automated_checks: [...check('migrate', 'applies cleanly'), ...testCheck],
            manual_checks: ['The new schema matches the requirement; existing rows are untouched'],
            estimate_minutes: 30,
          });
        }
      }
      const logicCreate = [
        newFile('service', `the ${words.join(' ')} logic`, `${srcRoot}/${moduleName(words, language)}${ext}`),
      ];
      const isInterfaceFile = (path: string) =>
        /(route|controller|handler|\/api\/|views?\.|urls\.|component|page|command|cli)/i.test(path);
      const logicModify = byRole('(service|lib|core|util|model|helper|domain|src/|app/)').filter(
        (m) =>
          !isInterfaceFile(m.path) &&
          !phases.some((p) => p.steps.some((s) => s.files_to_modify.some((f) => f.path === m.path))),
      );
      phases.push({
        id: `p${phases.length + 1}`,
        title:
          a.workType === 'refactor'
            ? 'Restructure the core'
            : a.workType === 'performance'
              ? 'Optimise the hot path'
              : 'Core logic',
        goal:
          a.workType === 'performance'
            ? 'Make the measured path faster without changing behaviour.'
            : `The ${words.join(' ')} behaviour, independent of how it is called.`,
        kind: 'implement',
        steps: [
          newStep(
            a.workType === 'refactor'
              ? 'Move the logic behind a clear interface'
              : `Implement ${words.join(' ')}`,
            a.operations.length
              ? `Operations: ${a.operations.join(', ')}.`
              : 'Keep the change inside the existing module boundaries.',
            a.workType === 'refactor' || a.workType === 'performance' ? [] : logicCreate,
            logicModify.slice(0, 4),
            'service',
          ),
        ],
        automated_checks: [...staticChecks, ...testCheck],
        manual_checks: ['The logic has no knowledge of transport (HTTP, CLI, UI)'],
        estimate_minutes: 45,
      });
      const iface: Step[] = [];
      if (
        a.interfaces.includes('HTTP API') ||
        stack.some((s) =>
          /Express|Fastify|NestJS|FastAPI|Flask|Django|Hono|Litestar|Rails|Laravel|Spring/.test(s),
        )
      ) {
        const routeMods = byRole('(route|controller|handler|/api/|views?\\.|urls\\.)', true);
        const create = routeMods.length ? [] : [newFile('route', `HTTP entry points for ${words.join(' ')}`)];
        if (routeMods.length || create.some(Boolean))
          iface.push(
            newStep(
              'Expose it over HTTP',
              'Validate input at the boundary; map domain errors to status codes.',
              create,
              routeMods,
              'route',
            ),
          );
      }
      if (a.interfaces.includes('background jobs'))
        iface.push(
          newStep(
            'Run it in the background',
            'A job that claims work with a lock, processes idempotently and resumes from a cursor.',
            [newFile('job', `background job for ${words.join(' ')}`)],
            byRole('(job|worker|task|queue)'),
            'job',
          ),
        );
      if (a.interfaces.includes('UI'))
        iface.push(
          newStep(
            'Add the UI',
            'Loading, empty and error states; accessible labels.',
            [newFile('component', `UI for ${words.join(' ')}`)],
            byRole('(component|page|view)'),
          ),
        );
      if (a.interfaces.includes('CLI'))
        iface.push(
          newStep(
            'Add the command',
            'Flags, --help text and a clear error per bad input.',
            [newFile('command', `CLI command for ${words.join(' ')}`)],
            byRole('(command|cli|cmd)'),
          ),
        );
      if (iface.length)
        phases.push({
          id: `p${phases.length + 1}`,
          title: 'Interfaces',
          goal: 'Wire the logic to the ways users reach it.',
          kind: 'implement',
          steps: iface,
          automated_checks: [...staticChecks, ...testCheck],
          manual_checks: a.interfaces.includes('HTTP API')
            ? ['Call the new endpoint by hand: a good request, a bad one, an unauthorised one']
            : ['Try it by hand the way a user would'],
          estimate_minutes: est(iface),
        });
      const rest = otherModify();
      if (rest.length)
        phases[phases.length - 1]!.steps.push(
          newStep(
            'Update the other affected code',
            'These files rank high for the requirement; check each before changing it.',
            [],
            rest,
          ),
        );
      const changed = phases.flatMap((p) => p.steps.flatMap((st) => st.files_to_modify));
      const covering = coveringTest(report, changed.length ? changed : modify);
      const testMods = (report.relevance?.tests ?? [])
        .slice(0, 2)
        .map((t) => ({ path: t.path, why: t.reasons[0] ?? 'existing tests of the changed code' }));
      phases.push({
        id: `p${phases.length + 1}`,
        title: 'Tests',
        goal: 'Prove the requirement from the user’s side, including failure paths.',
        kind: 'test',
        steps: [
          newStep(
            'Write the tests',
            covering
              ? `Add the cases to ${covering.path} (${covering.why}): ${title}.`
              : `Cover the requirement from the caller's side: ${title}.`,
            covering
              ? []
              : [
                  newFile(
                    'test',
                    `tests for ${words.join(' ')}`,
                    `${testDir(report)}/${testFileName(words, language)}`,
                  ),
                ],
            covering ? [covering, ...testMods.filter((t) => t.path !== covering.path)] : testMods,
            'test',
          ),
        ],
        automated_checks: [...testCheck, ...staticChecks],
        manual_checks: ['Each user expectation below has a test that would fail without the change'],
        estimate_minutes: 45,
      });
      const docs = profile.docs.filter((d) => /README|docs\//.test(d.name)).slice(0, 1);
      if (docs.length)
        phases.push({
          id: `p${phases.length + 1}`,
          title: 'Docs and rollout',
          goal: 'Users and maintainers know it exists and how to turn it off.',
          kind: 'docs',
          steps: [
            newStep(
              'Document the change',
              `Say what changed for ${title.toLowerCase().replace(/[.!?]+$/, '')} in ${docs.map((d) => d.name).join(', ') || 'the docs'}.`,
              [],
              docs.map((d) => ({ path: d.name, why: 'the project’s main documentation' })),
            ),
          ],
          automated_checks: check('lint', 'reports no problems'),
          manual_checks: ['The docs describe the behaviour as built'],
          estimate_minutes: 15,
        });
    }
    // A phase must have at least one step with something in it, or it is dropped.
    const kept = phases.filter((p) => p.steps.length > 0).map((p, i) => ({ ...p, id: `p${i + 1}` }));
    const changed = changedFiles(kept);

    const approaches = this.approaches(
      a.workType,
      words,
      modify.map((m) => m.path),
      report,
      req.approaches === 2,
    );
    const questions = imp.questions.map((q) => ({ ...q, answer: req.answers?.[q.question] }));
    const findings: Plan['research']['findings'] = [];
    for (const f of profile.frameworks.slice(0, 8))
      findings.push({ text: `Uses ${f.name} (${f.kind ?? 'library'})`, evidence: f.evidence });
    for (const c of profile.commands
      .filter((c) => ['test', 'lint', 'typecheck', 'migrate'].includes(c.purpose))
      .slice(0, 5))
      findings.push({ text: `${c.purpose} command: \`${c.command}\``, evidence: c.evidence });
    for (const c of report.conventions.slice(0, 5))
      findings.push({ text: `Convention: ${c.role} files live in \`${c.pattern}\` (${c.count})` });
    for (const m of modify.slice(0, 5))
      findings.push({ text: `\`${m.path}\` is likely to change: ${m.reasons.slice(0, 2).join('; ')}` });
    if (profile.ci.length)
      findings.push({ text: `CI: ${profile.ci.map((c) => `${c.system} (${c.file})`).join(', ')}` });
    if (report.inventory.secrets.length)
      findings.push({
        text: `Secret files exist (${report.inventory.secrets.length}); they were not read and must stay out of commits and logs`,
      });

    const ci = ciReading
      ? {
          ...ciReading.diagnosis,
          root_causes: rootCauses(
            ciReading,
            modify.map((m) => m.path),
          ),
          quick_fix: quickFix(ciReading.diagnosis.category),
          proper_fix: properFix(ciReading.diagnosis.category),
          verify: [
            ...new Set([
              ...(ciReading.command ? [ciReading.command] : []),
              ...profile.commands
                .filter((c) => ['test', 'lint', 'typecheck', 'build'].includes(c.purpose))
                .map((c) => c.command),
            ]),
          ],
          prevention: prevention(ciReading.diagnosis.category),
        }
      : undefined;
    const created = ctx.now.toISOString();
    const draft = {
      id: ctx.id,
      revision: 1,
      title,
      slug: ctx.slug,
      style,
      status: 'draft' as const,
      engine: 'offline',
      created_at: created,
      requirement: { text: req.requirement, sources: req.sources },
      analysis: {
        work_type: a.workType,
        summary: summaryOf(a.workType, title, a, stack),
        entities: a.entities,
        operations: a.operations,
        interfaces: a.interfaces,
        integrations: a.integrations,
        // Answers to clarifying questions are decisions the plan states up front.
        assumptions: [
          ...questions.filter((q) => q.answer).map((q) => `Decided: ${q.question} — ${q.answer}`),
          ...assumptionsOf(report, a),
        ],
      },
      research: { stack, findings, read_first: profile.docs.slice(0, 5).map((d) => d.name) },
      questions,
      approaches,
      phases: kept,
      tests: {
        strategy: testStrategy(stack, testCheck[0]?.command),
        cases: testCases(a, title, imp.security),
      },
      risks: [...imp.risks, ...changeRisks(changed, testCheck[0]?.command)],
      security: imp.security,
      performance: imp.performance,
      rollback: rollbackOf(a.workType, facts.hasMigrations && kept.some((p) => p.title === 'Data model'), {
        changed,
        deployable: hasWeb || profile.containers.length > 0,
      }),
      not_doing: notDoing(a, changed, kept),
      definition_of_done: [
        ...kept
          .flatMap((p) => p.automated_checks.map((c) => `\`${c.command}\` ${c.expect}`))
          .filter((x, i, all) => all.indexOf(x) === i),
        'The review task passed with no open critical feedback',
        'Every open question is answered or explicitly deferred',
      ],
      ci,
      handoffs: [],
      next_command: '',
      tasks: [],
      revision_notes: [],
    };
    const plan = planSchema.parse(draft);
    const artefact = mainArtefact(plan);
    plan.tasks = planTasks(plan, ctx.skills, stack, artefact);
    plan.handoffs = buildHandoffs(
      plan,
      artefact,
      ctx.skills.agents,
      declaredPlannerHandoffs(ctx.skills.agents),
    );
    plan.next_command = `plansmith tasks next --plan ${plan.id}`;
    return plan;
  }

  async refine(req: RefineRequest, ctx: PlannerContext): Promise<Plan> {
    const next = applyFeedback(req.plan, req.feedback, { root: ctx.root, report: ctx.report });
    const artefact = mainArtefact(next);
    next.tasks = planTasks(next, ctx.skills, next.research.stack, artefact);
    next.handoffs = buildHandoffs(
      next,
      artefact,
      ctx.skills.agents,
      declaredPlannerHandoffs(ctx.skills.agents),
    );
    return next;
  }

  private approaches(
    work: WorkType,
    words: string[],
    modify: string[],
    report: PlannerContext['report'],
    two: boolean,
  ): Approach[] {
    const name = words.join(' ');
    const top = modify[0];
    const conv = report.conventions.find((c) => c.role === 'service') ?? report.conventions[0];
    const list: Approach[] =
      work === 'fix' || work === 'ci'
        ? [
            {
              name: 'Targeted fix at the cause',
              summary: `Fix the defect where it originates${top ? ` (starting from \`${top}\`)` : ''}, with a regression test.`,
              pros: ['Smallest change', 'Easy to review and revert'],
              cons: ['May leave similar defects elsewhere'],
              effort: 'small',
              best_for: 'A contained defect',
              recommended: true,
            },
            {
              name: 'Fix the shared mechanism',
              summary:
                'Fix the shared code path the defect comes from, and every caller that relied on the old behaviour.',
              pros: ['Fixes the whole class of defect'],
              cons: ['Touches more code; needs a wider test run'],
              effort: 'medium',
              best_for: 'A defect that can appear in several places',
              recommended: false,
            },
          ]
        : work === 'refactor'
          ? [
              {
                name: 'Incremental refactor behind tests',
                summary: 'Pin behaviour with tests, then move code in small commits, each passing the suite.',
                pros: ['Always shippable', 'Easy to stop half-way'],
                cons: ['Takes longer in calendar time'],
                effort: 'medium',
                best_for: 'Code in active use',
                recommended: true,
              },
              {
                name: 'Rewrite the module',
                summary: 'Write the new structure beside the old one and switch callers over in one change.',
                pros: ['Clean result in one step'],
                cons: ['Big-bang risk', 'Hard to review'],
                effort: 'large',
                best_for: 'Small, well-tested modules',
                recommended: false,
              },
            ]
          : [
              {
                name: top ? `Extend the existing code (\`${top}\`)` : `Extend the existing modules`,
                summary: `Add ${name} inside the modules that already handle the closest behaviour.`,
                pros: ['Reuses what exists', 'Fewest new files', 'Follows the current design'],
                cons: ['Grows modules that may already be large'],
                effort: 'small to medium',
                best_for: 'A feature close to existing behaviour',
                recommended: !conv,
              },
              {
                name: `A dedicated ${name} module`,
                summary: `Put ${name} in its own module${conv ? `, placed like the project's ${conv.role} files (\`${conv.pattern}\`)` : ''}, called from the existing entry points.`,
                pros: ['Clear boundaries', 'Easy to test in isolation', 'Easy to remove'],
                cons: ['More files and wiring'],
                effort: 'medium',
                best_for: 'A feature with its own rules and data',
                recommended: Boolean(conv),
              },
            ];
    return two
      ? list
      : list
          .filter((x) => x.recommended)
          .concat(list.filter((x) => !x.recommended))
          .slice(0, 2);
  }
}

function findInTree(logPath: string, ctx: PlannerContext): string | null {
  const clean = logPath.replace(/^(\.\/|\/)+/, '');
  const parts = clean.split('/');
  for (let i = 0; i < parts.length; i++) {
    const cand = parts.slice(i).join('/');
    if (projectFiles(ctx.root).has(cand)) return cand;
  }
  return null;
}

function rootCauses(
  r: ReturnType<typeof readCiLog>,
  files: string[],
): Array<{ cause: string; files: string[] }> {
  const c = r.diagnosis.category;
  const main: Record<string, string> = {
    test: 'A test expectation no longer matches the code (a behaviour change or a broken test)',
    build: 'The code does not compile: a type error, a missing import or module, or a syntax error',
    lint: 'Code that breaks a lint or format rule was merged',
    env: 'The CI environment differs from what the job expects (tool version, service, network, secret, resources)',
  };
  const out = [{ cause: main[c]!, files: files.slice(0, 3) }];
  if (c === 'test')
    out.push({
      cause: 'A flaky test (timing, order, shared state) that passes on a rerun',
      files: files.slice(0, 1),
    });
  if (c === 'build') out.push({ cause: 'A dependency upgraded under a loose version range', files: [] });
  if (c === 'env') out.push({ cause: 'A cache or image change in the CI configuration', files: [] });
  return out;
}

const quickFix = (c: string) =>
  ({
    test: 'Fix the code or the test at the failing assertion, whichever is wrong against the requirement.',
    build: 'Fix the compile error at the reported file and line.',
    lint: 'Run the linter with --fix locally and commit the result.',
    env: 'Pin or install the missing tool or service in the CI job; rerun.',
  })[c]!;
const properFix = (c: string) =>
  ({
    test: 'Find why the behaviour changed; fix the cause and keep the test honest.',
    build: 'Fix the types or imports at their source; lock dependency versions.',
    lint: 'Add the formatter and linter to a pre-commit hook so this cannot be merged again.',
    env: 'Make the CI environment declarative (versions pinned, services declared) and the same as local development.',
  })[c]!;
const prevention = (c: string) =>
  ({
    test: [
      'Run the test job on every pull request',
      'Quarantine and fix flaky tests instead of retrying them',
    ],
    build: ['Typecheck in CI before tests', 'Pin dependency versions with a lockfile'],
    lint: ['Pre-commit hook running the linter', 'Lint job required for merging'],
    env: ['Pin tool versions in CI', 'Cache dependencies keyed on the lockfile'],
  })[c]!;

function defaultSourceDir(report: PlannerContext['report'], language: string | null): string {
  const src = report.conventions.find(
    (c) => ['service', 'util', 'model', 'route'].includes(c.role) && !OUTSIDE_SOURCE.test(c.pattern),
  );
  if (src) return src.pattern.slice(0, src.pattern.lastIndexOf('/'));
  if (language === 'Python') {
    const pkg = report.relevance?.relevantFiles.find((f) => f.path.endsWith('.py'))?.path.split('/')[0];
    return pkg && !pkg.endsWith('.py') ? pkg : '.';
  }
  return 'src';
}

function testDir(report: PlannerContext['report']): string {
  const t = report.conventions.find((c) => c.role === 'test');
  return t ? t.pattern.slice(0, t.pattern.lastIndexOf('/')) : 'tests';
}

function extFor(language: string | null): string {
  return (
    (
      {
        TypeScript: '.ts',
        JavaScript: '.js',
        Python: '.py',
        Go: '.go',
        Rust: '.rs',
        Java: '.java',
        Kotlin: '.kt',
        Ruby: '.rb',
        PHP: '.php',
        XanoScript: '.xs',
      } as Record<string, string>
    )[language ?? ''] ?? '.ts'
  );
}

function testExt(language: string | null): string {
  return (
    (
      {
        TypeScript: '.test.ts',
        JavaScript: '.test.js',
        Python: '.py',
        Go: '_test.go',
        Rust: '.rs',
        Ruby: '_spec.rb',
        XanoScript: '.xs',
      } as Record<string, string>
    )[language ?? ''] ?? '.test.ts'
  );
}

function summaryOf(work: WorkType, title: string, a: ReturnType<typeof analyse>, stack: string[]): string {
  const on = stack.length ? ` in a ${stack.slice(0, 3).join(' / ')} codebase` : '';
  const what = {
    feature: 'A new capability',
    fix: 'A defect to fix',
    refactor: 'A restructuring with no change in behaviour',
    performance: 'A performance improvement',
    migration: 'A migration',
    ci: 'A CI failure to fix',
    docs: 'A documentation change',
  }[work];
  const via = a.interfaces.length ? `, reached through ${a.interfaces.join(', ')}` : '';
  const uses = a.integrations.length ? `, involving ${a.integrations.join(', ')}` : '';
  return `${what}${on}: ${title}${via}${uses}.`;
}

function assumptionsOf(report: PlannerContext['report'], _a: ReturnType<typeof analyse>): string[] {
  const out: string[] = [];
  if (!report.relevance?.relevantFiles.length)
    out.push('No existing code matched the requirement closely; new files carry most of the change.');
  if (!report.profile.commands.some((c) => c.purpose === 'test'))
    out.push(
      'The project has no test command the explorer could find; add one before relying on automated checks.',
    );
  return out;
}

function testStrategy(stack: string[], testCommand?: string): string {
  const fw = stack.find((s) => /Vitest|Jest|Mocha|pytest|RSpec|Playwright|testify/.test(s));
  return `${fw ? `${fw} tests` : 'Tests'} beside the existing ones${testCommand ? `, run with \`${testCommand}\`` : ''}: unit tests for the logic, an integration test through the real entry point, and one test per security rule.`;
}

function testCases(a: ReturnType<typeof analyse>, title: string, security: string[]): string[] {
  const out = [
    a.workType === 'fix' ? `The reported case, as a test: ${title}` : `The requirement, end to end: ${title}`,
  ];
  if (a.interfaces.includes('HTTP API') || a.interfaces.includes('CLI'))
    out.push('Invalid input is refused with a clear error and changes nothing');
  if (a.interfaces.includes('HTTP API')) out.push('An unauthenticated or unauthorised caller is refused');
  if (security.some((s) => /expire/.test(s))) out.push('An expired or reused token is refused');
  if (security.some((s) => /exists/.test(s))) out.push('Known and unknown accounts get the same response');
  if (a.interfaces.includes('background jobs')) out.push('Running the job twice has the same effect as once');
  return out;
}

/** The files a plan changes, in order, once each. */
function changedFiles(phases: Phase[]): string[] {
  const out: string[] = [];
  for (const p of phases)
    for (const st of p.steps)
      for (const f of [...st.files_to_modify, ...st.files_to_create])
        if (!out.includes(f.path) && codeRoleOf(f.path) !== 'test') out.push(f.path);
  return out;
}

const list = (paths: string[], n = 3) =>
  paths
    .slice(0, n)
    .map((p) => `\`${p}\``)
    .join(', ') + (paths.length > n ? ` and ${paths.length - n} more` : '');

/** The risk every change carries, said about this change: who else relies on the code it touches. */
function changeRisks(changed: string[], testCommand?: string) {
  if (!changed.length) return [];
  return [
    {
      risk: `Other callers of ${list(changed, 2)} rely on the current behaviour`,
      mitigation: testCommand
        ? `Run \`${testCommand}\` (the whole suite, not only the new test) before merging`
        : 'The project has no test command: read the callers of the changed functions before merging',
      contingency: `Revert the change to ${list(changed, 2)}`,
      likelihood: 'low' as const,
    },
  ];
}

function rollbackOf(
  work: WorkType,
  migration: boolean,
  o: { changed: string[]; deployable: boolean },
): string[] {
  const what = o.changed.length ? `the change to ${list(o.changed)}` : 'the change';
  const out = [o.deployable ? `Revert ${what} and redeploy the previous version` : `Revert ${what}`];
  if (migration)
    out.push(
      'Run the down migration (or leave the additive columns in place, unused) and restore from the pre-deploy backup if data changed',
    );
  if (work === 'feature')
    out.push('Ship behind a configuration flag so it can be switched off without a deploy');
  return out;
}

/** What the plan leaves out, said only where it is a real choice for this change. */
function notDoing(a: ReturnType<typeof analyse>, changed: string[], phases: Phase[]): string[] {
  const out: string[] = [];
  const creates = phases.some((p) =>
    p.steps.some((st) => st.files_to_create.some((f) => codeRoleOf(f.path) !== 'test')),
  );
  if (a.workType === 'fix' && !creates && changed.length)
    out.push(`No new module: the fix stays in ${list(changed, 2)}`);
  if (a.workType === 'refactor') out.push('No behaviour changes');
  return out;
}

interface XanoArgs {
  a: ReturnType<typeof analyse>;
  words: string[];
  exists: (p: string) => boolean;
  newFile: (role: CodeRole, why: string, fallback?: string) => { path: string; why: string } | null;
  modify: Array<{ path: string; why: string }>;
  title: string;
}

/** Xano: tables, functions, APIs, scheduled tasks, AI, workflow tests, frontend; in that order. */
function xanoPhases({ a, words, newFile, modify }: XanoArgs): Phase[] {
  const snake = words.join('_');
  const mods = (dir: string) => modify.filter((m) => m.path.includes(`${dir}/`));
  const step = (
    title: string,
    detail: string,
    create: Array<{ path: string; why: string } | null>,
    mod: Array<{ path: string; why: string }>,
  ): Step => ({
    title,
    detail,
    files_to_create: create.filter((x): x is { path: string; why: string } => x !== null),
    files_to_modify: mod,
  });
  const long =
    a.interfaces.includes('background jobs') ||
    /\b(batch|bulk|import|export|sync|large|long[- ]running|thousands|millions)\b/i.test(
      a.entities.join(' ') + a.operations.join(' '),
    );
  const phases: Phase[] = [];
  const tableSteps = [
    step(
      `Tables for ${words.join(' ')}`,
      'Fields with types and filters; mark sensitive fields; index what is queried.',
      [newFile('xano-table', `table for ${words.join(' ')}`, `tables/${snake}.xs`)],
      mods('tables'),
    ),
  ];
  if (long)
    tableSteps.push(
      step(
        'A job table for long-running work',
        'Fields: id, type, status (pending/processing/completed/failed), payload (json), cursor, batch_size, retry_count, max_retries, error, locked_at, created_at, updated_at.',
        [newFile('xano-table', 'queue of long-running jobs', 'tables/job_queue.xs')],
        [],
      ),
    );
  phases.push({
    id: 'p1',
    title: 'Database: tables',
    goal: 'Tables come first: everything else depends on them.',
    kind: 'implement',
    agent: 'xano-tables',
    steps: tableSteps,
    automated_checks: [],
    manual_checks: [
      'Push the workspace and check the tables in Xano',
      'Sensitive fields are marked sensitive',
    ],
    estimate_minutes: 30,
  });
  phases.push({
    id: 'p2',
    title: 'Functions: reusable logic',
    goal: 'Business rules in functions the APIs and tasks share.',
    kind: 'implement',
    agent: 'xano-functions',
    steps: [
      step(
        `Function for ${words.join(' ')}`,
        'Validate inputs with filters; keep it idempotent when a task may call it twice.',
        [newFile('xano-function', `logic for ${words.join(' ')}`, `functions/${snake}.xs`)],
        mods('functions'),
      ),
    ],
    automated_checks: [],
    manual_checks: ['Run the function with sample input in Xano and check the response'],
    estimate_minutes: 30,
  });
  phases.push({
    id: 'p3',
    title: 'APIs: endpoints',
    goal: 'Endpoints that validate input, check auth, and call the functions.',
    kind: 'implement',
    agent: 'xano-apis',
    steps: [
      step(
        `Endpoints for ${words.join(' ')}`,
        'Authenticated where data is private; precondition checks with clear errors.',
        [newFile('xano-api', `endpoint for ${words.join(' ')}`, `apis/${snake}/${snake}.xs`)],
        mods('apis'),
      ),
    ],
    automated_checks: [],
    manual_checks: ['Call each endpoint with a good, a bad and an unauthenticated request'],
    estimate_minutes: 30,
  });
  if (long || a.interfaces.includes('background jobs')) {
    phases.push({
      id: 'p4',
      title: 'Tasks: scheduled processing',
      goal: 'A scheduled task that works through the job table in batches.',
      kind: 'implement',
      agent: 'xano-tasks',
      steps: [
        step(
          'Job processor',
          'Claim jobs where locked_at is empty or older than the lock timeout; process a batch; save the cursor; on error count a retry and fail after max_retries; clear locked_at.',
          [newFile('xano-task', 'processes the job queue', `tasks/process_${snake}_jobs.xs`)],
          mods('tasks'),
        ),
      ],
      automated_checks: [],
      manual_checks: [
        'Kill a run half-way: the next run resumes from the cursor',
        'A job that keeps failing ends as failed with its error kept',
      ],
      estimate_minutes: 45,
    });
  }
  if (a.interfaces.includes('AI features'))
    phases.push({
      id: `p${phases.length + 1}`,
      title: 'AI features',
      goal: 'Agents or tools with validated, bounded output.',
      kind: 'implement',
      agent: 'xano-ai',
      steps: [step('AI capability', 'Structured output, timeouts, a non-AI fallback.', [], [])],
      automated_checks: [],
      manual_checks: ['Bad model output is rejected, not stored'],
      estimate_minutes: 45,
    });
  phases.push({
    id: `p${phases.length + 1}`,
    title: 'Workflow tests',
    goal: 'Critical paths covered end to end.',
    kind: 'test',
    agent: 'xano-tests',
    steps: [
      step(
        `Workflow test for ${words.join(' ')}`,
        'Happy path, invalid input, permission denied.',
        [newFile('xano-test', `workflow test for ${words.join(' ')}`, `workflow_tests/${snake}_flow.xs`)],
        mods('workflow_tests'),
      ),
    ],
    automated_checks: [],
    manual_checks: ['Run the workflow tests in Xano: all pass'],
    estimate_minutes: 30,
  });
  if (a.interfaces.includes('UI'))
    phases.push({
      id: `p${phases.length + 1}`,
      title: 'Frontend integration',
      goal: 'The client calls the new endpoints with the auth token.',
      kind: 'implement',
      agent: 'xano-frontend',
      steps: [step('Client integration', 'Auth flow, loading and error states.', [], [])],
      automated_checks: [],
      manual_checks: ['Use the feature from the frontend end to end'],
      estimate_minutes: 30,
    });
  return phases;
}

/** A new module's file name, valid in its language: snake_case where names are identifiers (Python, Ruby, Go, Rust). */
export function moduleName(words: string[], language: string | null): string {
  const w = words.length ? words : ['change'];
  return /^(Python|Ruby|Go|Rust|XanoScript)$/.test(language ?? '') ? w.join('_') : w.join('-');
}

/** A new test file's name that the language's runner collects by default. */
export function testFileName(words: string[], language: string | null): string {
  const base = moduleName(words, language);
  if (language === 'Python') return `test_${base}.py`;
  if (language === 'Go') return `${base}_test.go`;
  return `${base}${testExt(language)}`;
}

/** A test file its runner executes: `test_*.py`/`*_test.py`, `*_test.go`, `*.test.*`/`*.spec.*`, `*_spec.rb`, or code under test/. */
const RUNNABLE_TEST =
  /(^|\/)(test_[^/]*|[^/]*_test)\.py$|_test\.go$|\.(test|spec)\.[cm]?[jt]sx?$|_spec\.rb$|(^|\/)(test|tests|__tests__|spec)\/[^.]*(\.[^/.]+)*\.[cm]?[jt]sx?$/;

/**
 * The existing test file that covers the files to change, if the explorer found one: a ranked test whose
 * name carries the stem of a file to modify (`test_models.py`, `models.test.ts`), else the best-ranked test.
 * Extending it beats a new file beside it.
 */
export function coveringTest(
  report: PlannerContext['report'],
  modify: Array<{ path: string }>,
): { path: string; why: string } | null {
  // Only files a runner executes: a fixture or input file under tests/ is no place for a new case.
  const tests = (report.relevance?.tests ?? []).filter((t) => RUNNABLE_TEST.test(t.path));
  if (!tests.length) return null;
  const stems = modify.map((m) =>
    m.path
      .split('/')
      .pop()!
      .replace(/\.[^.]+$/, '')
      .toLowerCase(),
  );
  const named = tests.find((t) => {
    const name = t.path.split('/').pop()!.toLowerCase();
    return stems.some((s) => s.length > 2 && s !== 'index' && s !== '__init__' && name.includes(s));
  });
  // Without a name match, the best-ranked test counts only where tests live (a test folder, or a top-level
  // test file): a `*_test.py` helper inside the package is a utility, not the tests of the change.
  const pick = named ?? tests.find((t) => /^(test|tests|__tests__|spec)\/|^test_[^/]*\.py$/.test(t.path));
  if (!pick) return null;
  const stem = named ? stems.find((st) => pick.path.toLowerCase().includes(st)) : undefined;
  return {
    path: pick.path,
    why: stem
      ? `the existing tests of ${stem}`
      : `the best-ranked existing tests${pick.reasons[0] ? ` (${pick.reasons[0]})` : ''}`,
  };
}
