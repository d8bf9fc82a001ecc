import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, plansmith } from './cli.js';

/** One line on stderr, exit 1, no stack trace: what a person sees when plansmith cannot start. */
function oneLine(r: CliResult, says: RegExp) {
  expect(r.code, r.stderr).toBe(1);
  expect(r.stderr.trim().split('\n')).toHaveLength(1);
  expect(r.stderr).toMatch(says);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

describe('startup errors a person can act on (the real CLI)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-startup-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('serve and mcp --http on a port in use: one line naming the port and what to do, exit 1', async () => {
    const taken: Server = createServer();
    await new Promise<void>((r) => taken.listen(0, '127.0.0.1', r));
    const port = String((taken.address() as { port: number }).port);
    try {
      oneLine(
        plansmith(['serve', '--port', port], { cwd: dir }),
        new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`),
      );
      oneLine(
        plansmith(['mcp', '--http', '--port', port], { cwd: dir }),
        new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use.*--port`),
      );
    } finally {
      await new Promise((r) => taken.close(r));
    }
  });

  it('an error nobody turned into a message is one line too (exit 70); --debug shows its stack', () => {
    // The store's folder would be under a file: the system's own error, not one plansmith wrote.
    writeFileSync(join(dir, 'a-file'), 'not a folder\n');
    const args = ['tasks', 'list', '--db', join(dir, 'a-file', 'x.db')];
    const r = plansmith(args, { cwd: dir });
    expect(r.code).toBe(70);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unexpected error: .*(ENOTDIR|EEXIST).*--debug/);
    const debug = plansmith(['--debug', ...args], { cwd: dir });
    expect(debug.code).toBe(70);
    expect(debug.stderr).toMatch(/\n\s+at /);
  });

  it('a database a newer plansmith migrated: one line naming it, exit 1, nothing changed', () => {
    const db = join(dir, 'newer.db');
    expect(plansmith(['db', 'migrate', '--db', db], { cwd: dir }).code).toBe(0);
    const raw = new Database(db);
    raw
      .prepare("insert into kysely_migration (name, timestamp) values ('9999_from_the_future', '2030')")
      .run();
    raw.close();
    oneLine(plansmith(['tasks', 'list', '--db', db], { cwd: dir }), /9999_from_the_future.*newer/);
    oneLine(plansmith(['serve', '--port', '0', '--db', db], { cwd: dir }), /9999_from_the_future.*newer/);
  });

  it('a config file that does not parse: one line naming the file, exit 1', () => {
    const project = join(dir, 'bad-config');
    mkdirSync(join(project, '.plansmith'), { recursive: true });
    writeFileSync(join(project, '.plansmith', 'config.json'), '{ "style": "feature",\n  oops }\n');
    writeFileSync(join(project, 'README.md'), '# a project\n');
    oneLine(
      plansmith(['plan', 'add a health check'], { cwd: project }),
      /\.plansmith\/config\.json: not valid JSON/,
    );
  });

  it('an empty requirement is refused before the "planning offline" notice', () => {
    const r = plansmith(['plan', '   '], { cwd: dir });
    oneLine(r, /the requirement is empty/);
    expect(r.stderr).not.toMatch(/planning offline/);
  });

  it('db copy from a database that does not exist fails, names it, and creates nothing', () => {
    const from = join(dir, 'missing.db');
    const to = join(dir, 'copy.db');
    oneLine(
      plansmith(['db', 'copy', '--from', from, '--to', to], { cwd: dir }),
      /no SQLite database at .*missing\.db/,
    );
    expect(existsSync(from)).toBe(false);
    expect(existsSync(to)).toBe(false);
  });
});
