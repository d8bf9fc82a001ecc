import type { Command } from 'commander';
import { InputError } from '../../../domain/errors.js';
import { action, collect, intOption } from '../../run.js';

export function registerRegistry(program: Command): void {
  const skills = program
    .command('skills')
    .description("the project's skills (SKILL.md folders) and plansmith's built-in ones");
  skills
    .command('list')
    .option('--category <name>', 'only this category')
    .description('every skill with its full_id')
    .action(
      action(async ({ ctx, emit }, opts: { category?: string }) => {
        const list = ctx.skills().search({ category: opts.category, limit: 1000 });
        noticeSkipped(ctx.skills().problems);
        emit(list, () =>
          list.map((s) => `${s.full_id.padEnd(44)} ${s.category.padEnd(12)} ${s.tags.join(',')}`).join('\n'),
        );
      }),
    );
  skills
    .command('search [text...]')
    .description(
      'skills by category, tags (all must match) and text, best first; use full_id as a task skill_id',
    )
    .option('--category <name>', 'development, critique, testing, planner, …')
    .option('--tag <tag>', 'a tag the skill must have (repeatable)', collect, [])
    .option('--limit <n>', 'at most this many', intOption('--limit'), 10)
    .action(
      action(
        async ({ ctx, emit }, text: string[], opts: { category?: string; tag: string[]; limit: number }) => {
          const list = ctx
            .skills()
            .search({ category: opts.category, tags: opts.tag, query: text.join(' '), limit: opts.limit });
          emit(list, () =>
            list.length
              ? list
                  .map((s) => `${s.full_id}  (${s.category}; ${s.tags.join(', ')})  ${s.description}`)
                  .join('\n')
              : 'no skill matches',
          );
        },
      ),
    );
  skills
    .command('show <skill>')
    .description('one skill by full_id or name')
    .action(
      action(async ({ ctx, emit }, ref: string) => {
        const s = ctx.skills().get(ref);
        if (!s) throw new InputError(`no skill "${ref}"; see plansmith skills list`);
        emit(
          s,
          () =>
            `${s.full_id}\n  category ${s.category}; tags ${s.tags.join(', ') || '—'}\n  source ${s.source}\n\n  ${s.description}`,
        );
      }),
    );
  skills
    .command('validate')
    .description('check every agent, command, skill and prompt file; exit 1 if any is broken')
    .action(
      action(async ({ ctx, emit }) => {
        const r = ctx.skills();
        const counts: Record<string, number> = {};
        for (const d of [...r.agents, ...r.commands]) counts[d.format] = (counts[d.format] ?? 0) + 1;
        counts.skill = r.all().filter((s) => s.source !== 'builtin').length;
        emit({ loaded: counts, problems: r.problems }, () =>
          [
            `loaded: ${
              Object.entries(counts)
                .map(([k, v]) => `${v} ${k}`)
                .join(', ') || 'nothing'
            }`,
            ...r.problems.map((p) => `${p.file}:${p.line}: ${p.format}: ${p.message}`),
            r.problems.length ? `${r.problems.length} broken file(s)` : 'no problems',
          ].join('\n'),
        );
        if (r.problems.length) process.exitCode = 1;
      }),
    );
  const agents = program
    .command('agents')
    .description("the project's agents and commands (Claude Code, VS Code / Copilot)");
  agents
    .command('list')
    .description('agents, commands and prompt files, with their format')
    .action(
      action(async ({ ctx, emit }) => {
        const r = ctx.skills();
        noticeSkipped(r.problems);
        const list = [...r.agents, ...r.commands].map((d) => ({
          name: d.name,
          format: d.format,
          description: d.description,
          tools: d.tools,
          handoffs: d.handoffs.length,
          source: d.source,
        }));
        emit(
          list,
          () =>
            list
              .map(
                (d) =>
                  `${d.name.padEnd(24)} ${d.format.padEnd(16)} ${d.source.file}  ${clipWords(d.description, 70)}`,
              )
              .join('\n') || 'no agents or commands found',
        );
      }),
    );
  agents
    .command('show <name>')
    .description('one agent or command: every field, its tools and handoffs')
    .action(
      action(async ({ ctx, emit }, name: string) => {
        const d = ctx.skills().definition(name);
        if (!d) throw new InputError(`no agent or command "${name}"; see plansmith agents list`);
        emit(d, () =>
          [
            `${d.name} (${d.format}) — ${d.source.file}`,
            d.description,
            `tools: ${d.tools.join(', ') || '—'}`,
            ...d.handoffs.map((h) => `handoff: ${h.label} → ${h.agent}`),
            `fields: ${Object.keys(d.fields).join(', ')}`,
          ].join('\n'),
        );
      }),
    );
}

/** One line on stderr when broken or refused files were left out, so a missing agent is never a mystery. */
function noticeSkipped(problems: ReadonlyArray<{ file: string }>): void {
  if (!problems.length) return;
  const files = [...new Set(problems.map((p) => p.file))];
  process.stderr.write(
    `plansmith: skipped ${files.length} broken or refused file(s) (${files.slice(0, 3).join(', ')}${files.length > 3 ? ', …' : ''}); see plansmith skills validate\n`,
  );
}

/** The first line of a text, cut at a word boundary with an ellipsis when over `max` characters. */
function clipWords(text: string, max: number): string {
  const line = text.split('\n')[0]!.trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.–—-]+$/, '')}…`;
}
