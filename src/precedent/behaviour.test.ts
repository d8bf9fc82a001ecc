import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sampleCopy } from '../../test/samples.js';
import { writeFiles } from '../../test/temp-project.js';
import type { Precedent } from '../domain/precedent.js';
import { inventory } from '../explore/inventory.js';
import { profileCodebase } from '../explore/profile.js';
import { projectFiles } from '../files/project-files.js';
import { behaviourRequested } from './behaviour.js';
import { analyzePrecedent } from './index.js';

/**
 * Requests that are not options: an endpoint, a behaviour, a subcommand. The sibling is a registered unit
 * of the same kind; every place cited is read back from the file.
 */
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A small click application written for this test: two subcommands, their tests and a usage page. */
const JARS_CLI: Record<string, string> = {
  'pyproject.toml':
    '[project]\nname = "jars"\nversion = "0.1"\n\n[tool.pytest.ini_options]\ntestpaths = ["tests"]\n',
  'jars/cli.py': `import click

from jars.pantry import Pantry


@click.group()
def main():
    """Keep track of jars in a pantry."""


@main.command("fill")
@click.argument("label")
def fill(label):
    Pantry.load().fill(label)


@main.command("empty")
@click.argument("label")
def empty(label):
    Pantry.load().empty(label)
`,
  'jars/pantry.py': `class Pantry:
    @classmethod
    def load(cls):
        return cls()

    def fill(self, label):
        return label

    def empty(self, label):
        return label
`,
  'tests/test_cli.py': `from click.testing import CliRunner

from jars.cli import main


def test_fill_names_the_jar():
    result = CliRunner().invoke(main, ["fill", "plum"])
    assert result.exit_code == 0
`,
  'docs/usage.md': '# Usage\n\n## fill\n\nThe `fill` command marks a jar as full.\n',
};

function write(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'plansmith-behaviour-'));
  made.push(root);
  writeFiles(root, files);
  return root;
}

async function ask(root: string, requirement: string): Promise<Precedent> {
  const inv = inventory(root);
  const profile = profileCodebase({ inventory: inv, lines: new Map() });
  const p = await analyzePrecedent({ requirement, root, files: projectFiles(root), inventory: inv, profile });
  const lineOf = (file: string, line: number) =>
    readFileSync(join(root, file), 'utf8').split('\n')[line - 1]!.trim();
  for (const e of [...p.evidence, ...p.candidates, ...p.uses]) expect(lineOf(e.file, e.line)).toBe(e.text);
  for (const e of p.footprint) if (e.line) expect(lineOf(e.file, e.line)).toBe(e.text);
  if (p.sibling)
    expect(lineOf(p.sibling.file, p.sibling.line)).toContain(p.sibling.name.replace(/^[A-Z]+ /, ''));
  return p;
}

const at = (p: Precedent) =>
  p.footprint.map((e) => `${e.role} ${e.file}:${e.line ?? ''}${e.symbol ? ` ${e.symbol}` : ''}`);

describe('the requested behaviour', () => {
  it('is named from what the request does, without the kind words', () => {
    expect(behaviourRequested('add password reset by email')?.name).toBe('password-reset');
    expect(behaviourRequested('Add an endpoint to cancel an order')?.name).toBe('cancel-order');
    expect(behaviourRequested('Add a cancel endpoint for orders that are not shipped yet')?.name).toBe(
      'cancel-orders',
    );
    expect(behaviourRequested('add a subcommand to rename a jar')?.kind).toBe('command');
    expect(behaviourRequested('Let users export their shelves as CSV')?.name).toBe('export-shelves');
    expect(behaviourRequested('Make the tool nicer to use')).toBeNull();
  });
});

describe('a behaviour follows a registered unit of its kind', () => {
  it('TypeScript/Express: a password reset by email follows the auth routes and reuses the mail service', async () => {
    const root = sampleCopy('node-api', 'plansmith-behaviour-');
    made.push(root);
    const p = await ask(root, 'add password reset by email');
    expect(p.verdict).toBe('new');
    expect(p.requested).toMatchObject({ kind: 'behaviour', name: 'password-reset', named: false });
    expect(p.sibling).toMatchObject({ kind: 'route', file: 'src/routes/auth.routes.ts' });
    // The registration, where its router is mounted, and the service method its handler calls.
    expect(at(p)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^registration src\/routes\/auth\.routes\.ts:\d+$/),
        'registration src/app.ts:8',
        expect.stringMatching(/^other src\/services\/auth\.service\.ts:\d+ AuthService\.(register|login)$/),
      ]),
    );
    expect(p.tests.map((t) => t.file)).toEqual(['tests/unit/auth.service.test.ts']);
    // What the request needs that the code already does: sending mail.
    expect(p.uses).toEqual([
      expect.objectContaining({ file: 'src/services/mail.service.ts', symbol: 'MailService.send' }),
    ]);
  });

  it('Python/FastAPI: an endpoint to cancel an order follows the order routes and the order service', async () => {
    const root = sampleCopy('py-service', 'plansmith-behaviour-');
    made.push(root);
    const p = await ask(root, 'Add an endpoint to cancel an order');
    expect(p.verdict).toBe('new');
    expect(p.sibling).toMatchObject({ kind: 'route', file: 'app/api/orders.py' });
    expect(at(p)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^registration app\/api\/orders\.py:\d+ (create_order|get_order)$/),
        'registration app/main.py:6',
        expect.stringMatching(/^other app\/services\/order_service\.py:\d+ OrderService\.(place|find)$/),
      ]),
    );
    // The mount is found once, however many ways lead to it.
    expect(at(p).filter((x) => x.startsWith('registration app/main.py'))).toHaveLength(1);
    expect(p.tests.map((t) => t.file)).toContain('tests/unit/test_order_service.py');
    // Nothing in the request needs mail, and the project sends none.
    expect(p.uses).toEqual([]);
  });

  it('Python/click: a subcommand follows the subcommands, their tests and their docs', async () => {
    const p = await ask(write(JARS_CLI), 'add a subcommand to rename a jar');
    expect(p.verdict).toBe('new');
    expect(p.sibling).toMatchObject({ kind: 'command', file: 'jars/cli.py' });
    expect(at(p)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^registration jars\/cli\.py:\d+ (fill|empty)$/),
        expect.stringMatching(/^other jars\/pantry\.py:\d+ Pantry\.(fill|empty)$/),
      ]),
    );
    expect(p.tests.map((t) => t.file)).toEqual(['tests/test_cli.py']);
    expect(at(p).some((x) => x.startsWith('docs docs/usage.md:5'))).toBe(true);
  });

  it('a request whose name a registered unit already has is met, with the unit as evidence', async () => {
    const p = await ask(write(JARS_CLI), 'add a command to empty a jar');
    expect(p.verdict).toBe('met');
    expect(p.evidence).toEqual([expect.objectContaining({ file: 'jars/cli.py', line: 17 })]);
  });

  it('units in two files and nothing to choose between them: unsure with the candidates, no sibling', async () => {
    const two = {
      ...JARS_CLI,
      'jars/admin.py': 'from jars.cli import main\n\n\n@main.command("audit")\ndef audit():\n    return 0\n',
    };
    const p = await ask(write(two), 'add a subcommand to export a shopping list');
    expect(p.verdict).toBe('unsure');
    expect(p.sibling).toBeUndefined();
    expect(new Set(p.candidates.map((c) => c.file))).toEqual(new Set(['jars/cli.py', 'jars/admin.py']));
  });
});
