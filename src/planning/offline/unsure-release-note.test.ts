import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offlineWork } from '../../../test/offline-work.js';
import { writeFiles } from '../../../test/temp-project.js';
import { precedentSchema } from '../../domain/precedent.js';
import { precedentPhases } from './phases-precedent.js';

/** A small Python tool with a changelog, written for this test. */
const TREE: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "lantern"\nversion = "0.3"\n',
  'lantern/cli.py': `import argparse


def build_parser():
    parser = argparse.ArgumentParser(prog="lantern")
    parser.add_argument("--glow", type=int, default=3, help="How bright the lantern glows.")
    return parser
`,
  'tests/test_cli.py':
    'from lantern.cli import build_parser\n\n\ndef test_glow():\n    assert build_parser().parse_args([]).glow == 3\n',
  'CHANGELOG.md':
    '# Changelog\n\n## Unreleased\n\n- Nothing yet.\n\n## 0.3\n\n- `--glow` sets the brightness.\n',
};

describe('an unsure plan still says where the release note goes', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-unsure-note-'));
    writeFiles(dir, TREE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const work = (requirement: string) => offlineWork(dir, requirement);

  it('the candidates and the question, no code to edit, and the changelog entry', () => {
    const w = work('Add a way to dim the lantern at night');
    w.precedent = precedentSchema.parse({
      verdict: 'unsure',
      requested: { kind: 'setting', name: 'dim', spellings: [] },
      candidates: [{ file: 'lantern/cli.py', line: 6, text: '' }],
    });
    const phases = precedentPhases(w);
    const edited = phases.flatMap((p) => p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path)));
    expect(edited).toEqual(['CHANGELOG.md']);
    expect(phases.map((p) => p.kind)).toEqual(['research', 'docs']);
    expect(w.questions[0]!.question).toContain('lantern/cli.py:6');
  });

  it('nothing requested and nothing named: the question, and the changelog entry', () => {
    const w = work('Stream telemetry to the harbour office');
    w.precedent = precedentSchema.parse({ verdict: 'unsure' });
    const phases = precedentPhases(w);
    const edited = phases.flatMap((p) => p.steps.flatMap((s) => s.files_to_modify.map((f) => f.path)));
    expect(edited).toEqual(['CHANGELOG.md']);
  });
});
