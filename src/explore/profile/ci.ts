import { parse as parseYaml } from 'yaml';
import type { Detector } from './detect.js';
import type { CommandPurpose, Finding } from './types.js';
import { lineOf } from './types.js';

type Workflow = {
  defaults?: { run?: Record<string, unknown> };
  jobs?: Record<
    string,
    { name?: string; defaults?: { run?: Record<string, unknown> }; steps?: Array<Record<string, unknown>> }
  >;
};

/**
 * The folder a workflow step's `run:` runs in (its `working-directory`, else its job's or the workflow's
 * `defaults.run`), relative to the root: '.' for the root, null when the workflow fills it in (`${{ … }}`).
 */
export function stepDirectory(
  doc: Workflow | null | undefined,
  job: NonNullable<Workflow['jobs']>[string] | undefined,
  step: Record<string, unknown> | undefined,
): string | null {
  const dir = [
    step?.['working-directory'],
    job?.defaults?.run?.['working-directory'],
    doc?.defaults?.run?.['working-directory'],
  ].find((d) => typeof d === 'string' && d.trim()) as string | undefined;
  if (!dir) return '.';
  // Only a plain relative path: a folder written with shell syntax (`x && …`, `$(…)`, `${{ … }}`) or one
  // that leaves the project is not run as `cd <folder> && …`.
  if (!/^[\w.][\w./-]*$/.test(dir.trim()) || dir.split('/').includes('..')) return null;
  return (
    dir
      .trim()
      .replace(/^\.\/+/, '')
      .replace(/\/+$/, '') || '.'
  );
}

/** CI systems, their jobs, and the checks their steps run. */
export const ci: Detector = {
  name: 'ci',
  detect(ctx) {
    const { inventory, has, read, p, command } = ctx;
    for (const f of inventory.files) {
      if (!/^\.github\/workflows\/[^/]+\.ya?ml$/.test(f.path)) continue;
      const text = read(f.path);
      if (!text) continue;
      const jobs: Finding[] = [];
      try {
        const doc = parseYaml(text) as Workflow;
        for (const [id, job] of Object.entries(doc?.jobs ?? {})) {
          jobs.push({
            name: id,
            detail: job?.name,
            evidence: {
              file: f.path,
              line: lineOf(text, new RegExp(`^\\s{2}${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm')),
            },
          });
          for (const step of job?.steps ?? []) {
            const run = typeof step?.run === 'string' ? step.run.trim() : '';
            if (!run || run.includes('\n') || run.length > 120) continue;
            // A step that runs in a folder of its own is run from the root as `cd <folder> && …`.
            const dir = stepDirectory(doc, job, step);
            if (dir === null) continue;
            // Setting up (installing packages) is not a check, and `${{ … }}` only means something in the workflow.
            if (
              /\$\{\{|\b(pip3?|uv pip|uv|npm|pnpm|yarn|poetry|pdm|pixi|bundle|apt(-get)?|brew|gem|cargo)\s+(install|ci|add|sync)\b/.test(
                run,
              )
            )
              continue;
            // A variable the workflow sets (`$BUILD_CMD`, `${FEATURES}`) has no value outside it: the line
            // cannot be run as written.
            if (/\$\{?[A-Za-z_]/.test(run)) continue;
            // What the step is for, by its words (not by a title or label it quotes: a quoted phrase).
            const words = run.replace(/'[^']*\s[^']*'|"[^"]*\s[^"]*"/g, '');
            const purpose: CommandPurpose | null = /\b(test|pytest|jest|vitest|mocha|rspec|phpunit)\b/.test(
              words,
            )
              ? 'test'
              : /\b(lint|eslint|ruff|flake8|clippy|rubocop|biome)\b/.test(words)
                ? 'lint'
                : /\b(tsc|mypy|typecheck)\b/.test(words)
                  ? 'typecheck'
                  : null;
            if (purpose)
              command(purpose, dir === '.' ? run : `cd ${dir} && ${run}`, {
                file: f.path,
                line: lineOf(text, run),
              });
          }
        }
      } catch {
        // A workflow YAML we cannot parse still shows the system in use.
      }
      p.ci.push({ system: 'GitHub Actions', file: f.path, jobs });
    }
    const otherCi: Array<[string, string]> = [
      ['.gitlab-ci.yml', 'GitLab CI'],
      ['.circleci/config.yml', 'CircleCI'],
      ['Jenkinsfile', 'Jenkins'],
      ['azure-pipelines.yml', 'Azure Pipelines'],
      ['.travis.yml', 'Travis CI'],
      ['bitbucket-pipelines.yml', 'Bitbucket Pipelines'],
      ['.ci/run', 'CI script'],
    ];
    for (const [file, system] of otherCi) {
      if (!has(file)) continue;
      const jobs: Finding[] = [];
      if (file.endsWith('.yml')) {
        const text = read(file) ?? '';
        try {
          const doc = parseYaml(text) as Record<string, unknown>;
          const table = (file.startsWith('.circleci') ? (doc?.jobs as Record<string, unknown>) : doc) ?? {};
          for (const key of Object.keys(table)) {
            if (
              /^(stages|variables|default|include|image|services|before_script|after_script|workflows|version|orbs|cache)$/.test(
                key,
              ) ||
              key.startsWith('.')
            )
              continue;
            jobs.push({
              name: key,
              evidence: {
                file,
                line: lineOf(text, new RegExp(`^\\s*${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:`, 'm')),
              },
            });
          }
        } catch {}
      }
      p.ci.push({ system, file, jobs });
    }
  },
};
