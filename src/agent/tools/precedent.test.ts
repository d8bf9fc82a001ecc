import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeFiles } from '../../../test/temp-project.js';
import { explore } from '../../explore/explore.js';
import type { ToolContext } from '../context.js';
import { precedentTool } from './precedent.js';

/** A command-line tool written for this test: two options declared with argparse, one test that uses one. */
const TREE: Record<string, string> = {
  'pyproject.toml': '[project]\nname = "lister"\nversion = "0.1"\n',
  'lister/cli.py': `import argparse


def build_parser():
    parser = argparse.ArgumentParser(prog="lister")
    parser.add_argument("--max-items", type=int, default=10, help="Show at most this many items.")
    parser.add_argument("--sort-by", default="name", help="Sort the items by this field.")
    return parser


def main(argv=None):
    args = build_parser().parse_args(argv)
    return list(range(args.max_items))
`,
  'tests/test_cli.py': `from lister.cli import main


def test_max_items():
    assert len(main(["--max-items", "2"])) == 2
`,
};

describe('the precedent tool (LLM engine)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-precedent-tool-'));
    writeFiles(dir, TREE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers with the verdict first, its evidence and the sibling, as facts with file:line', async () => {
    const events: string[] = [];
    const ctx = {
      root: dir,
      report: () => ({ report: explore(dir), inventoryFiles: [] }),
      emit: (e: { type: string; summary?: string }) => events.push(e.summary ?? ''),
    } as unknown as ToolContext;
    const out = (await precedentTool(ctx).execute!(
      { for: 'Add a `--max-width` option that caps the width of each item' },
      { toolCallId: 't1', messages: [] },
    )) as Record<string, unknown>;
    expect(Object.keys(out)[0]).toBe('verdict');
    expect(out.requested).toMatchObject({ name: '--max-width' });
    expect(String(out.sibling)).toMatch(/lister\/cli\.py:\d+$/);
    expect(events[0]).toMatch(/--max-width/);
  });
});
