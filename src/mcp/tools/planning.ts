import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { ValidationError } from '../../domain/errors.js';
import { PLAN_STYLES, planSchema } from '../../domain/plan.js';
import { submittedPlanJsonSchema } from '../../domain/plan-input.js';
import { explore } from '../../explore/explore.js';
import { precedentOf } from '../../planning/offline/precedent-of.js';
import { precedentFacts } from '../../precedent/facts.js';
import { mainArtefact } from '../../workspace/paths.js';
import { pick, run } from '../result.js';

const write = { destructiveHint: false } as const;
const read = { readOnlyHint: true } as const;

/** Plan fields a compact answer carries; `fields` picks others. */
const PLAN_SUMMARY = [
  'id',
  'revision',
  'title',
  'style',
  'status',
  'analysis',
  'questions',
  'phases',
  'handoffs',
  'next_command',
] as const;

/** Explore, draft, save, lint, refine and read plans: the planning workflow over MCP. */
export function registerPlanningTools(server: McpServer, ctx: AppContext): void {
  server.registerTool(
    'explore_codebase',
    {
      description:
        'Stack, commands, CI, conventions, docs; with `for`: first the precedent (already there? verdict, file:line evidence, nearest sibling, its footprint and tests), then the files likely touched.',
      inputSchema: { for: z.string().optional(), top: z.number().optional().describe('max 50') },
      annotations: read,
    },
    (args) =>
      run(async () => {
        const r = explore(ctx.root, {
          for: args.for,
          top: Math.min(Math.max(1, Math.floor(args.top ?? 10)), 50),
        });
        const p = r.profile;
        const precedent = args.for ? precedentFacts(await precedentOf(ctx.root, args.for, r)) : undefined;
        return {
          ...(precedent ? { precedent } : {}),
          files: r.inventory.files,
          secrets_present: r.inventory.secrets.length,
          languages: p.languages.slice(0, 5).map((l) => `${l.name} (${l.files})`),
          frameworks: p.frameworks.map((f) => `${f.name} [${f.kind}] ${f.evidence.file}:${f.evidence.line}`),
          commands: p.commands.map((c) => `${c.purpose}: ${c.command}`),
          ci: p.ci.map((c) => `${c.system} ${c.file}: ${c.jobs.map((j) => j.name).join(', ')}`),
          migrations: p.database.migrations.map((m) => m.name),
          read_first: p.docs.slice(0, 6).map((d) => d.name),
          conventions: r.conventions.slice(0, 10).map((c) => `${c.role}: ${c.pattern}`),
          xano: p.xano
            ? Object.fromEntries(Object.entries(p.xano.components).map(([k, v]) => [k, v.length]))
            : undefined,
          relevant: r.relevance?.relevantFiles.map((f) => ({
            path: f.path,
            score: f.score,
            why: f.reasons.slice(0, 2),
          })),
          tests: r.relevance?.tests.slice(0, 5).map((f) => f.path),
        };
      }),
  );
  server.registerTool(
    'draft_plan',
    {
      description:
        'Draft a grounded plan offline: the precedent first (verdict met|partly-met|name-taken|new|unsure with evidence, sibling, footprint), then the plan model to edit and save_plan (schema: plansmith://schema/plan); write=true writes it.',
      inputSchema: {
        requirement: z.string(),
        style: z.enum(PLAN_STYLES).optional(),
        title: z.string().optional(),
        write: z.boolean().optional(),
      },
      annotations: write,
    },
    ({ requirement, style, title, write: persist }) =>
      run(async () => {
        const service = await ctx.plans();
        if (persist) {
          const o = await service.plan({ text: requirement, style, title });
          return {
            ...(o.plan.precedent ? { precedent: precedentFacts(o.plan.precedent) } : {}),
            plan_id: o.plan.id,
            files: o.files,
            tasks: o.tasks.map((t) => t.id),
            lint_ok: o.lint.ok,
            findings: o.lint.findings,
          };
        }
        // The whole model: what save_plan takes back after an edit (a compact one would not round-trip).
        // The precedent first (the same field save_plan takes back), then the rest of the model.
        const draft = await service.draft({ text: requirement, style, title });
        return draft.precedent ? { precedent: draft.precedent, ...draft } : draft;
      }),
  );
  server.registerTool(
    'save_plan',
    {
      description:
        'Save a plan: `plan` (a model, e.g. an edited draft_plan) or `markdown`; checked before anything is written, rendered, linted, its tasks created (do not create them again).',
      // The typed schema in a compact form (required fields, files, checks); the whole one is the resource
      // plansmith://schema/plan. Validation is plansmith's intake, so a plan at the top level or as a JSON
      // string is normalised with a note instead of being refused by the SDK unseen.
      inputSchema: z.looseObject({
        plan: z
          .unknown()
          .meta({
            ...submittedPlanJsonSchema('compact'),
            description: 'the plan model (all fields: plansmith://schema/plan)',
          })
          .optional(),
        markdown: z.string().optional().describe('instead of plan'),
        requirement: z.string().optional().describe('with markdown: the request as asked'),
      }),
      annotations: write,
    },
    (args) =>
      run(async () => {
        const service = await ctx.plans();
        const o =
          typeof args.markdown === 'string' && args.plan === undefined
            ? await service.importMarkdown({
                markdown: args.markdown,
                ...(typeof args.requirement === 'string' ? { requirement: args.requirement } : {}),
              })
            : await service.saveSubmitted(args);
        return {
          plan_id: o.plan.id,
          revision: o.plan.revision,
          files: o.files,
          tasks: o.tasks.map((t) => t.id),
          lint_ok: o.lint.ok,
          findings: o.lint.findings,
          ...(o.notes.length ? { notes: o.notes } : {}),
        };
      }),
  );
  server.registerTool(
    'lint_plan',
    {
      description:
        'Check a plan file: sections, files, commands, task graph, open questions. Findings have file:line.',
      inputSchema: { path: z.string() },
      annotations: read,
    },
    ({ path }) => run(async () => (await ctx.plans()).lint(path)),
  );
  server.registerTool(
    'refine_plan',
    {
      description:
        'New revision from feedback ("use X instead of Y", "drop X", "do not modify Y", "no new module", "split phase 2", "add a step for X", "Q1: answer"). Earlier revisions are kept; open tasks follow, done ones are untouched.',
      inputSchema: { plan: z.string().describe('plan id or file'), feedback: z.string() },
      annotations: write,
    },
    ({ plan, feedback }) =>
      run(async () => {
        const r = await (await ctx.plans()).refine(plan, feedback);
        return {
          plan_id: r.plan.id,
          revision: r.plan.revision,
          notes: r.plan.revision_notes,
          files: r.files,
          lint_ok: r.lint.ok,
          kept_edits: r.kept_edits,
          task_changes: r.task_changes,
        };
      }),
  );
  server.registerTool(
    'get_plan',
    {
      description: 'A plan model (latest revision unless given), compact unless fields are named.',
      inputSchema: {
        plan: z.string().describe('plan id or file'),
        revision: z.number().optional(),
        fields: z.array(z.string()).optional(),
      },
      annotations: read,
    },
    ({ plan, revision, fields }) =>
      run(async () => {
        const r = await (await ctx.plans()).resolve(plan);
        let model = r.plan;
        if (revision !== undefined) {
          const got = await (await ctx.store()).getPlanModel(r.plan.id, revision);
          if (!got)
            throw new ValidationError([
              { field: 'revision', message: `plan ${r.plan.id} has revisions ${r.revisions.join(', ')}` },
            ]);
          model = planSchema.parse(got.model);
        }
        return {
          ...pick([model], fields ?? PLAN_SUMMARY)[0],
          path: mainArtefact(model),
          revisions: r.revisions,
        };
      }),
  );
  server.registerTool(
    'close_plan',
    {
      description: 'Supersede or cancel a plan; its open tasks are cancelled.',
      inputSchema: {
        plan: z.string(),
        status: z.enum(['superseded', 'cancelled']),
        superseded_by: z.string().optional(),
        reason: z.string().optional(),
      },
      annotations: write,
    },
    ({ plan, ...options }) =>
      run(async () => {
        const r = await (await ctx.plans()).close(plan, options);
        return { plan_id: r.plan.id, status: r.plan.status, cancelled: r.cancelled };
      }),
  );
  server.registerTool(
    'list_plans',
    { description: 'Plans in the store, newest first.', annotations: read },
    () => run(async () => (await ctx.plans()).list()),
  );
}
