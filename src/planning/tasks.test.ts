import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../test/temp-project.js';
import { explore } from '../explore/explore.js';
import { SkillRegistry } from '../registry/index.js';
import { OfflinePlanner } from './offline/index.js';
import { domainOf } from './tasks.js';

const project = tempProjects('cli-domain');

// A command-line tool whose documentation site is a Vue app: the site's framework is in the stack, but a
// new flag is command-line work, not front-end work.
const TOOL = {
  'pyproject.toml': '[project]\nname = "ferry"\nversion = "1.0"\n',
  'ferry/cli.py': [
    'import argparse',
    '',
    '',
    'def build_parser():',
    '    parser = argparse.ArgumentParser(prog="ferry")',
    '    parser.add_argument("--timeout", type=int, default=30, help="Seconds to wait for the dock.")',
    '    parser.add_argument("--retries", type=int, default=3, help="How many times to retry a crossing.")',
    '    return parser',
    '',
  ].join('\n'),
  'tests/test_cli.py': [
    'from ferry.cli import build_parser',
    '',
    '',
    'def test_timeout():',
    '    assert build_parser().parse_args(["--timeout", "5"]).timeout == 5',
    '',
  ].join('\n'),
  'site/package.json': JSON.stringify({ name: 'ferry-site', dependencies: { vue: '^3.4.0' } }),
  'site/src/App.vue': '<template><p>ferry</p></template>\n',
};

describe('the domain of a command-line change', () => {
  it('a plan whose interface is the CLI is the CLI domain even when the stack has a UI framework', () => {
    const plan = {
      style: 'feature' as const,
      analysis: { work_type: 'option', interfaces: ['CLI'], entities: [] },
    };
    expect(domainOf(plan as never, ['Vue', 'TypeScript'])).toBe('cli');
    expect(domainOf({ ...plan, analysis: { ...plan.analysis, interfaces: [] } } as never, ['Vue'])).toBe(
      'frontend',
    );
  });

  it('a new flag beside a registered one is handed to the command-line skills, not the front-end ones', async () => {
    const root = project(TOOL);
    const requirement = 'Add a --max-wait option: the most seconds to wait between two retries.';
    const report = explore(root, { for: requirement });
    expect(report.profile.frameworks.map((f) => f.name)).toContain('Vue');
    const plan = await new OfflinePlanner().plan(
      { requirement, sources: [] },
      {
        root,
        report,
        skills: SkillRegistry.load(root),
        id: '01JFERRY0000000000000000P1',
        slug: 'max-wait',
        now: new Date(0),
      },
    );
    expect(plan.precedent?.sibling?.kind).toBe('option');
    expect(plan.analysis.interfaces).toEqual(['CLI']);
    expect(plan.handoffs[0]!.agent).toBe('cli-development');
    expect(plan.handoffs.map((h) => h.agent)).not.toContain('frontend-development');
  });
});
