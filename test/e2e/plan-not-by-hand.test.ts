import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlanOutcome } from '../../src/app/plans.js';
import { writeFiles } from '../temp-project.js';
import { plansmith } from './cli.js';

/**
 * A small command-line tool, written for this test, whose changelog a release workflow writes: the offline
 * engine must not plan an edit its own checker refuses, and must say why it leaves the file out.
 */
const TOOL: Record<string, string> = {
  'pyproject.toml':
    '[project]\nname = "kettle"\nversion = "1.2.0"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  'kettle/cli.py': `import argparse


def build_parser():
    parser = argparse.ArgumentParser(prog="kettle")
    parser.add_argument("--temperature", type=int, default=90, help="Water temperature in degrees.")
    parser.add_argument("--whistle", action="store_true", help="Whistle when the water boils.")
    parser.add_argument("--cups", type=int, default=1, help="How many cups to boil.")
    return parser
`,
  'tests/test_cli.py':
    'from kettle.cli import build_parser\n\n\ndef test_whistle():\n    assert build_parser().parse_args(["--whistle"]).whistle\n',
  'CHANGELOG.md': '# Changelog\n\n## 1.2.0\n\n- `--cups` boils several cups.\n',
  '.github/workflows/release.yml':
    'name: release\non:\n  push:\n    branches: [main]\njobs:\n  notes:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: release-drafter/release-drafter@v6\n',
};

describe('the offline engine leaves out what its own checker says is not written by hand', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-not-by-hand-'));
    writeFiles(dir, TOOL);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a changelog a release workflow writes is not planned; the plan says what writes it, and lint agrees', () => {
    const r = plansmith(
      ['plan', '--no-interactive', '--json', 'Add a --keep-warm flag to hold the water hot after boiling'],
      {
        cwd: dir,
      },
    );
    expect(r.code, r.stderr).toBe(0);
    const o = r.json<PlanOutcome>();
    const paths = o.plan.phases.flatMap((p) =>
      p.steps.flatMap((s) => [...s.files_to_modify, ...s.files_to_create].map((f) => f.path)),
    );
    expect(paths).toContain('kettle/cli.py');
    expect(paths).not.toContain('CHANGELOG.md');
    expect(o.plan.analysis.assumptions.join('\n')).toMatch(
      /Not planned: CHANGELOG\.md is written by the release workflow \(\.github\/workflows\/release\.yml:9/,
    );
    expect(o.lint.findings.filter((f) => f.rule === 'generated-file')).toEqual([]);
  });
});
