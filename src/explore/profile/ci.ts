import { parse as parseYaml } from 'yaml';
import type { Detector } from './detect.js';
import type { CommandPurpose, Finding } from './types.js';
import { lineOf } from './types.js';

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
        const doc = parseYaml(text) as {
          jobs?: Record<string, { name?: string; steps?: Array<{ run?: string }> }>;
        };
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
            // Setting up (installing packages) is not a check, and `${{ … }}` only means something in the workflow.
            if (
              /\$\{\{|\b(pip3?|uv pip|uv|npm|pnpm|yarn|poetry|pdm|pixi|bundle|apt(-get)?|brew|gem|cargo)\s+(install|ci|add|sync)\b/.test(
                run,
              )
            )
              continue;
            const purpose: CommandPurpose | null = /\b(test|pytest|jest|vitest|mocha|rspec|phpunit)\b/.test(
              run,
            )
              ? 'test'
              : /\b(lint|eslint|ruff|flake8|clippy|rubocop|biome)\b/.test(run)
                ? 'lint'
                : /\b(tsc|mypy|typecheck)\b/.test(run)
                  ? 'typecheck'
                  : null;
            if (purpose) command(purpose, run, { file: f.path, line: lineOf(text, run) });
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
