import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { gitRepo, tempProjects } from '../temp-project.js';
import { plansmith } from './cli.js';

// A tree may hold a file the file layer refuses by its content: a secret scanner's own tests keep sample keys,
// a client's tests a URL with a password. Such a file is no evidence for a plan, and it must not stop the plan:
// the plan is written from the other files, and nothing of the refused file reaches it.
const project = tempProjects('plan-refused-file');

// Sample values made up here; their shapes are what the file layer refuses.
const KEY = `AKIA${'QZ7RLM2TTX9WVB4'}8`;
const URL = 'https://builder:Qm7vTz4xR2@mirror.example.net/feed';

const tool = {
  'pyproject.toml': '[project]\nname = "crate-lister"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  'crates/cli.py': [
    'import argparse',
    '',
    '',
    'def parser():',
    '    p = argparse.ArgumentParser(prog="crates")',
    '    p.add_argument("--depth", type=int, default=2, help="how deep to list crates")',
    '    p.add_argument("--mirror", help="the feed to read crates from")',
    '    return p',
    '',
  ].join('\n'),
  // Both name the sibling, so the planner weighs them as its tests and its uses.
  'tests/test_cli.py': `from crates.cli import parser\n\nSAMPLE = "${KEY}"\n\n\ndef test_depth():\n    assert parser().parse_args(["--depth", "3"]).depth == 3\n`,
  // It reads the sibling too: the footprint of `--depth` would cite it.
  'crates/feed.py': `DEFAULT_FEED = "${URL}"\n\n\ndef feed(args):\n    return args.mirror or DEFAULT_FEED\n\n\ndef walk(args, shelf):\n    return shelf.children[: args.depth]\n`,
};

describe('plan on a tree with files whose content is refused', () => {
  // A git repository: the search asks `git grep`, which opens files the file layer has not classified.
  const repo = gitRepo(project);
  repo.commit('a crate lister', tool);
  const root = repo.root;
  const plan = (requirement: string) => {
    const r = plansmith(['plan', requirement, '--json'], { cwd: root, env: { PLANSMITH_MODEL: '' } });
    expect(r.stderr).not.toMatch(/never reads it/);
    expect(r.code).toBe(0);
    const { files } = r.json<{ files: string[] }>();
    const md = files.filter((f) => f.endsWith('.md'));
    expect(md).toHaveLength(1);
    return readFileSync(join(root, md[0]!), 'utf8');
  };

  it.each([
    ['new (the sibling is followed)', 'Add a `--max-rows` option that caps how many crates are listed'],
    ['met (under another name)', 'Add a `--max-depth` option that caps how deep crates are listed'],
  ])('%s: plans from the other files and cites nothing of the refused ones', (_, requirement) => {
    const md = plan(requirement);
    expect(md).toContain('crates/cli.py');
    for (const refused of ['crates/feed.py', 'tests/test_cli.py', KEY, 'Qm7vTz4xR2'])
      expect(md).not.toContain(refused);
  });
});
