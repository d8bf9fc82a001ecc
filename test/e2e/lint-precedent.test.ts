import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { handWrittenPlan } from '../hand-plan.js';
import { call, newClient } from '../mcp/helpers.js';
import { tempProjects } from '../temp-project.js';
import { CLI, plansmith } from './cli.js';

// A hand-written plan records no precedent verdict: `plansmith lint` and MCP `lint_plan` ask the precedent
// analysis for what its steps call new, so "calls a change new while it already exists" is a finding there
// too, worded as the gate words it.
const project = tempProjects('lint-precedent');

/** A small command-line tool in our own words: `--depth` exists, `--max-rows` does not. */
const tool = {
  'pyproject.toml': '[project]\nname = "shelfy"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  'shelfy/cli.py': [
    'import argparse',
    '',
    '',
    'def parser():',
    '    p = argparse.ArgumentParser(prog="shelfy")',
    '    p.add_argument("--depth", type=int, default=2, help="how deep to list shelves")',
    '    return p',
    '',
  ].join('\n'),
  'tests/test_cli.py':
    'from shelfy.cli import parser\n\n\ndef test_depth():\n    assert parser().parse_args(["--depth", "3"]).depth == 3\n',
};

const handPlan = (step: string) => handWrittenPlan(step, 'shelfy/cli.py');

interface Finding {
  rule: string;
  message: string;
  line: number;
}

describe('lint on a plan that records no verdict (CLI and MCP)', () => {
  const root = project({
    ...tool,
    'plans/existing.md': handPlan(
      'Add a new `--depth` option so people can choose how deep the listing goes.',
    ),
    'plans/genuine.md': handPlan('Add a new `--max-rows` option that caps how many shelves are listed.'),
    // The shape import maps step by step (a heading per step, its files under it).
    'plans/steps.md': [
      '# Implementation plan: shelf listing',
      '',
      '## Implementation steps',
      '',
      '### 1. Add a new `--depth` option so people can choose how deep the listing goes',
      '',
      'Parse it in the parser.',
      '',
      '**Files to modify:**',
      '- `shelfy/cli.py` — the parser',
      '',
    ].join('\n'),
  });

  it('plansmith lint: an existing option called new is a finding; a new one is not', () => {
    const bad = plansmith(['lint', 'plans/existing.md', '--json'], { cwd: root });
    expect(bad.code).toBe(1);
    const found = bad.json<{ findings: Finding[] }>().findings.filter((f) => f.rule === 'claim-new');
    expect(found).toHaveLength(1);
    expect(found[0]!.message).toMatch(/calls --depth new, but the code already has it \(shelfy\/cli\.py:6/);
    const good = plansmith(['lint', 'plans/genuine.md', '--json'], { cwd: root });
    expect(good.json<{ findings: Finding[] }>().findings.filter((f) => f.rule === 'claim-new')).toEqual([]);
  });

  it('MCP lint_plan over a real stdio client says the same', async () => {
    const client = newClient();
    await client.connect(
      new StdioClientTransport({
        command: process.execPath,
        args: [CLI, 'mcp', '-C', root, '--tools', 'all'],
        stderr: 'pipe',
      }),
    );
    try {
      const bad = await call<{ ok: boolean; findings: Finding[] }>(client, 'lint_plan', {
        path: 'plans/existing.md',
      });
      expect(bad.value.ok).toBe(false);
      const cli = plansmith(['lint', 'plans/existing.md', '--json'], { cwd: root }).json<{
        findings: Finding[];
      }>();
      expect(bad.value.findings.filter((f) => f.rule === 'claim-new')).toEqual(
        cli.findings.filter((f) => f.rule === 'claim-new'),
      );
      const good = await call<{ findings: Finding[] }>(client, 'lint_plan', { path: 'plans/genuine.md' });
      expect(good.value.findings.filter((f) => f.rule === 'claim-new')).toEqual([]);
    } finally {
      await client.close();
    }
  });

  it('import (the gate a host or a person goes through) refuses it with the same message and writes nothing', () => {
    const lint = plansmith(['lint', 'plans/steps.md', '--json'], { cwd: root })
      .json<{ findings: Finding[] }>()
      .findings.find((f) => f.rule === 'claim-new')!;
    const r = plansmith(['import', 'plans/steps.md'], { cwd: root });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(lint.message);
    expect(plansmith(['plans', 'list', '--json'], { cwd: root }).json<unknown[]>()).toEqual([]);
  });

  it('a tree with no recognisable declarations gives no false finding', () => {
    const bare = project({
      'NOTES.md': '# Notes\n\nSomeday: a --depth switch, maybe.\n',
      'plans/p.md': handPlan(
        'Add a new `--depth` option so people can choose how deep the listing goes.',
      ).replace('shelfy/cli.py', 'NOTES.md'),
    });
    const r = plansmith(['lint', 'plans/p.md', '--json'], { cwd: bare }).json<{ findings: Finding[] }>();
    expect(r.findings.filter((f) => f.rule === 'claim-new')).toEqual([]);
  });
});
