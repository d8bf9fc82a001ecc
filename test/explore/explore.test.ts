import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { explore } from '../../src/explore/explore.js';
import { inventory } from '../../src/explore/inventory.js';
import { ProjectFiles } from '../../src/files/project-files.js';
import { plansmith } from '../e2e/cli.js';
import { sampleCopy } from '../samples.js';

/** One tracked-files copy per sample, made on first use: explore never sees what a user's run left behind. */
const copies = new Map<string, string>();
const sample = (name: string) => {
  const dir = copies.get(name) ?? sampleCopy(name, 'plansmith-explore-');
  copies.set(name, dir);
  return dir;
};
afterAll(() => {
  for (const dir of copies.values()) rmSync(dir, { recursive: true, force: true });
});

describe('explore the shipped samples', () => {
  it('profiles the TypeScript API with evidence', () => {
    const r = explore(sample('node-api'));
    const fw = Object.fromEntries(r.profile.frameworks.map((f) => [f.name, f]));
    expect(fw.Express!.kind).toBe('web');
    expect(fw.Express!.evidence).toEqual({ file: 'package.json', line: 19 });
    expect(fw.Prisma!.kind).toBe('orm');
    expect(fw.Vitest!.kind).toBe('test');
    expect(r.profile.commands.find((c) => c.purpose === 'test')).toMatchObject({
      command: 'npm test',
      evidence: { file: 'package.json', line: 13 },
    });
    expect(r.profile.commands.map((c) => c.command)).toContain('npm run typecheck');
    expect(r.profile.ci[0]).toMatchObject({ system: 'GitHub Actions', file: '.github/workflows/ci.yml' });
    expect(r.profile.ci[0]!.jobs.map((j) => j.name)).toEqual(['test']);
    expect(r.profile.database.migrations[0]!.name).toBe('prisma/migrations');
    expect(r.profile.docs.map((d) => d.name)).toEqual(['AGENTS.md', 'README.md']);
    expect(r.conventions.find((c) => c.role === 'service')!.pattern).toBe('src/services/*.service.ts');
    expect(r.conventions.find((c) => c.role === 'route')!.pattern).toBe('src/routes/*.routes.ts');
  });

  it('profiles the Python service: poetry, FastAPI, pytest markers, GitLab jobs, Alembic', () => {
    const r = explore(sample('py-service'));
    expect(r.profile.packageManagers.map((m) => m.name)).toEqual(['poetry']);
    expect(r.profile.frameworks.map((f) => f.name)).toEqual(
      expect.arrayContaining(['FastAPI', 'SQLAlchemy', 'Alembic', 'pytest', 'Celery']),
    );
    expect(r.profile.pytestMarkers.map((m) => [m.name, m.evidence.line])).toEqual([
      ['integration', 24],
      ['slow', 25],
    ]);
    expect(r.profile.ci[0]!.jobs.map((j) => j.name)).toEqual(['lint', 'unit']);
    expect(r.profile.commands.map((c) => c.command)).toEqual(
      expect.arrayContaining(['make test', 'ruff check .', 'mypy .']),
    );
    expect(r.profile.database.migrations[0]!.name).toBe('alembic/versions');
    expect(r.conventions.find((c) => c.role === 'test' && c.pattern.includes('test_'))!.pattern).toMatch(
      /^tests\/(unit|integration)\/test_\*\.py$/,
    );
  });

  it('recognises a Xano workspace and its components', () => {
    const r = explore(sample('xano-workspace'));
    expect(r.profile.xano).not.toBeNull();
    expect(
      Object.fromEntries(Object.entries(r.profile.xano!.components).map(([k, v]) => [k, v.length])),
    ).toEqual({ apis: 2, functions: 1, tables: 2, tasks: 1, workflow_tests: 1 });
    expect(r.conventions.map((c) => c.role)).toEqual(expect.arrayContaining(['xano-api', 'xano-table']));
  });

  it('never reads secrets: the .env is listed, its values appear nowhere', () => {
    const r = explore(sample('node-api'), { for: 'rotate the JWT secret and SMTP password' });
    expect(r.inventory.secrets).toEqual(['.env']);
    const json = JSON.stringify(r);
    expect(json).not.toContain('sample-secret-value');
    expect(json).not.toContain('another-sample-secret');
    expect(r.relevance!.relevantFiles.map((f) => f.path)).not.toContain('.env');
  });

  it('ranks source files for a requirement, with reasons, tests and docs apart', () => {
    const r = explore(sample('py-service'), {
      for: 'Mark an order as shipped and email the customer when `mark_shipped` runs',
    });
    const top = r.relevance!.relevantFiles[0]!;
    expect(top.path).toBe('app/services/order_service.py');
    expect(top.reasons.join(' ')).toMatch(/defines mark_shipped/);
    expect(r.relevance!.relevantFiles.every((f) => !f.path.startsWith('tests/'))).toBe(true);
    expect(r.relevance!.tests[0]!.path).toBe('tests/unit/test_order_service.py');
  });

  it('follows a stack trace to the file it names', () => {
    const trace =
      'Traceback (most recent call last):\n  File "/srv/app/.venv/lib/python3.11/site-packages/app/api/orders.py", line 22, in get_order\nKeyError: 7';
    const r = explore(sample('py-service'), { for: trace });
    expect(r.relevance!.relevantFiles[0]!.path).toBe('app/api/orders.py');
    expect(r.relevance!.relevantFiles[0]!.reasons).toContain('in a stack frame of the text');
  });

  it('a module named by its name alone points at its file; a plain word does not', () => {
    const r = explore(sample('py-service'), {
      for: 'Totals come out wrong. The log says the error happened in order_service, after a call in `orders`.',
    });
    const files = r.relevance!.relevantFiles;
    expect(files[0]!.path).toBe('app/services/order_service.py');
    expect(files[0]!.reasons).toContain('the text names its module, order_service');
    // `orders` is named in code and is a module's name, but a plain word: it says nothing by itself.
    const orders = files.find((f) => f.path === 'app/api/orders.py');
    expect(orders).toBeDefined();
    expect(orders!.reasons).not.toContain('the text names its module, orders');
  });

  it('follows a link to a line of the repository to the file it names', () => {
    const text =
      'Shipping twice sends two emails. I think this line is why: https://github.com/someone/shop/blob/3f2c1ab/app/api/orders.py#L22 (and maybe https://gitlab.com/someone/shop/-/blob/main/app/db.py)';
    const r = explore(sample('py-service'), { for: text });
    expect(r.relevance!.relevantFiles[0]!.path).toBe('app/api/orders.py');
    expect(r.relevance!.relevantFiles[0]!.reasons).toContain('the text links to a line of it');
    const db = r.relevance!.relevantFiles.find((f) => f.path === 'app/db.py');
    expect(db?.reasons).toContain('named in the text');
  });
});

describe('explore: awkward trees (not a git repository)', () => {
  let dir: string;
  let outside: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-walk-'));
    outside = mkdtempSync(join(tmpdir(), 'plansmith-outside-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });
  const write = (rel: string, body: string | Buffer) => {
    mkdirSync(join(dir, rel, '..'), { recursive: true });
    writeFileSync(join(dir, rel), body);
  };

  it('honours .gitignore (nested too) and .plansmithignore, skips vendored folders', () => {
    write('.gitignore', 'logs/\n*.tmp\n');
    write('src/a.ts', 'export const a = 1;\n');
    write('src/b.tmp', 'x');
    write('logs/today.ts', 'x');
    write('pkg/.gitignore', 'secret-output.ts\n');
    write('pkg/secret-output.ts', 'x');
    write('pkg/kept.ts', 'x');
    write('.plansmithignore', 'fixtures/\n');
    write('fixtures/big.ts', 'x');
    write('node_modules/dep/index.js', 'x');
    const inv = inventory(dir);
    expect(inv.source).toBe('walk');
    expect(inv.files.map((f) => f.path).sort()).toEqual([
      '.gitignore',
      '.plansmithignore',
      'pkg/.gitignore',
      'pkg/kept.ts',
      'src/a.ts',
    ]);
  });

  it('skips symlinks that leave the root, survives a symlink loop, never reads through a link out', () => {
    write('src/ok.ts', 'export {}');
    writeFileSync(join(outside, 'stolen.ts'), 'export const leaked = "outside";');
    symlinkSync(join(outside, 'stolen.ts'), join(dir, 'src', 'link-out.ts'));
    symlinkSync(dir, join(dir, 'src', 'loop'));
    symlinkSync(join(dir, 'src', 'ok.ts'), join(dir, 'src', 'link-in.ts'));
    const r = explore(dir, { for: 'leaked outside' });
    const paths = r.relevance!.relevantFiles.map((f) => f.path);
    expect(r.inventory.skipped.symlink_outside).toBe(1);
    expect(JSON.stringify(r)).not.toContain('"outside"');
    expect(paths).not.toContain('src/link-out.ts');
    expect(() => new ProjectFiles(dir).readText('src/link-out.ts')).toThrow(/outside the project root/);
    expect(() => new ProjectFiles(dir).readText('../x')).toThrow(/outside the project root/);
    expect(new ProjectFiles(dir).readText('src/link-in.ts').text).toBe('export {}');
  });

  it('handles binaries with source extensions, non-UTF-8 text, huge files, secrets', () => {
    write('src/real.py', 'def real():\n    return 1\n');
    write('src/fake.py', Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x00, 0x01, 0x02]));
    write('src/latin1.py', Buffer.from('# caf\xe9 ol\xe9\ndef greet():\n    pass\n', 'latin1'));
    write('data/huge.py', 'x = 1\n'.repeat(400_000));
    write('image.png', Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    write('.env.production', 'TOKEN=never');
    write('deploy/id_rsa', 'KEY');
    write('.env.example', 'TOKEN=');
    const r = explore(dir, { for: 'greet' });
    expect(r.inventory.skipped.binary_content).toBe(1);
    expect(r.inventory.skipped.binary).toBe(1);
    expect(r.inventory.skipped.large).toBe(1);
    expect(r.inventory.non_utf8).toBe(1);
    expect(r.inventory.secrets.sort()).toEqual(['.env.production', 'deploy/id_rsa']);
    expect(r.relevance!.relevantFiles[0]!.path).toBe('src/latin1.py');
    expect(() => new ProjectFiles(dir).readText('.env.production')).toThrow(/never reads it/);
    expect(new ProjectFiles(dir).readText('.env.example').text).toBe('TOKEN=');
  });

  it('a folder that an enclosing git repository ignores is walked, not read as empty', () => {
    execFileSync('git', ['init', '-q', dir]);
    write('.gitignore', 'scratch/\n');
    write('scratch/app.py', 'def main():\n    return 1\n');
    write('scratch/.gitignore', 'build/\n');
    write('scratch/build/out.py', 'x = 1\n');
    const inv = inventory(join(dir, 'scratch'));
    expect(inv.source).toBe('walk');
    expect(inv.files.map((f) => f.path)).toEqual(['.gitignore', 'app.py']);
  });

  it('an empty folder is explored without complaint', () => {
    const r = explore(dir, { for: 'anything' });
    expect(r.inventory.files).toBe(0);
    expect(r.relevance!.relevantFiles).toEqual([]);
  });

  it('a missing folder, a file instead of a folder, a missing requirement file: clear messages', () => {
    write('file.txt', 'x');
    expect(() => explore(join(dir, 'nope'))).toThrow(/no such directory/);
    expect(() => explore(join(dir, 'file.txt'))).toThrow(/is a file, not a directory/);
    const r = plansmith(['explore', dir, '--for-file', 'missing.md'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/missing\.md: no such file/);
    const empty = plansmith(['explore', dir, '--for', '  '], { cwd: dir });
    expect(empty.stderr).toMatch(/the requirement is empty/);
  });

  it('--json prints the documented shape', () => {
    write('src/billing.ts', 'export function invoiceTotal() { return 0 }\n');
    const r = plansmith(['explore', dir, '--for', 'invoice totals are wrong', '--json'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const body = r.json<{
      relevance: { relevantFiles: Array<{ path: string; score: number; reasons: string[] }> };
      profile: object;
      inventory: object;
    }>();
    expect(body.relevance.relevantFiles[0]).toMatchObject({ path: 'src/billing.ts' });
    expect(typeof body.relevance.relevantFiles[0]!.score).toBe('number');
    expect(body.relevance.relevantFiles[0]!.reasons.length).toBeGreaterThan(0);
  });
});

describe('read first', () => {
  it('lists a handful of docs by importance (the guides, then introductions, then the larger pages), not alphabetically', () => {
    const dir = mkdtempSync(join(tmpdir(), 'plansmith-docs-'));
    try {
      writeFileSync(join(dir, 'README.md'), '# app\n');
      mkdirSync(join(dir, 'docs'));
      for (const name of [
        'a-changelog-2019',
        'b-notes',
        'c-faq',
        'd-glossary',
        'e-misc',
        'f-old',
        'g-more',
        'h-x',
      ])
        writeFileSync(join(dir, 'docs', `${name}.md`), '# page\n');
      writeFileSync(
        join(dir, 'docs', 'z-deployment.md'),
        `# deploying\n${'how to deploy, step by step.\n'.repeat(200)}`,
      );
      writeFileSync(join(dir, 'docs', 'architecture.md'), '# how it fits together\n');
      writeFileSync(join(dir, 'docs', 'getting-started.md'), '# start here\n');
      const names = explore(dir).profile.docs.map((d) => d.name);
      expect(names.length).toBeLessThanOrEqual(8);
      expect(names[0]).toBe('README.md');
      expect(names.slice(1, 3).sort()).toEqual(['docs/architecture.md', 'docs/getting-started.md']);
      expect(names[3]).toBe('docs/z-deployment.md');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
