import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import { LlmPlanner } from '../../src/planning/llm/engine.js';
import { copySample } from '../samples.js';
import { promptText, scriptedModel } from './scripted-model.js';
import { submitted } from './submitted.js';

describe('the tools a scripted model calls through the real loop', () => {
  let dir: string;
  let outside: string;
  let ctx: AppContext;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-tools-'));
    outside = mkdtempSync(join(tmpdir(), 'plansmith-tools-outside-'));
    copySample('node-api', dir);
    const pkg = join(dir, 'node_modules/mailer-lib');
    mkdirSync(join(pkg, 'lib'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{ "name": "mailer-lib", "main": "lib/index.js" }\n');
    writeFileSync(
      join(pkg, 'lib/index.js'),
      'export function send(to, body) {\n  // retries three times before giving up\n  return transport.deliver(to, body);\n}\n',
    );
    writeFileSync(join(pkg, '.env'), 'MAILER_PASSWORD=dependency-secret-value\n');
    writeFileSync(join(pkg, 'lib/keys.js'), `export const k = "ghp_${'a'.repeat(36)}";\n`);
    writeFileSync(join(outside, 'home.txt'), 'OUTSIDE-VALUE');
    symlinkSync(outside, join(dir, 'node_modules/escape'));
    ctx = new AppContext({ root: dir });
  });
  afterEach(async () => {
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it('reads an installed dependency but never a secret beside it, nor out of the root through a link', async () => {
    const model = scriptedModel([
      { calls: [{ tool: 'list_dir', input: { path: '.' } }] },
      { calls: [{ tool: 'list_dir', input: { path: 'node_modules/mailer-lib' } }] },
      {
        calls: [
          { tool: 'read_file', input: { path: 'node_modules/mailer-lib/lib/index.js', start_line: 2 } },
        ],
      },
      {
        calls: [
          { tool: 'read_file', input: { path: 'node_modules/mailer-lib/.env' } },
          { tool: 'read_file', input: { path: 'node_modules/mailer-lib/lib/keys.js' } },
          { tool: 'list_dir', input: { path: 'node_modules/escape' } },
          { tool: 'read_file', input: { path: 'node_modules/escape/home.txt' } },
        ],
      },
      { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    const seen = (i: number) => promptText(model.doGenerateCalls[i]!);
    expect(seen(1)).toContain('node_modules/ (installed code, read-only)');
    expect(seen(2)).toContain('folders:\\n  - lib/\\nfiles:\\n  - package.json');
    expect(seen(2)).not.toContain('  - .env');
    expect(seen(3)).toContain(
      'node_modules/mailer-lib/lib/index.js lines 2-4 of 4\\n2\\t  // retries three times before giving up',
    );
    const last = seen(4);
    expect(last).toContain('node_modules/mailer-lib/.env: may hold secrets; plansmith never reads it');
    expect(last).toContain('holds what looks like a GitHub token');
    expect(last).toContain('resolves (through a symlink) outside the project root');
    expect(last).not.toContain('dependency-secret-value');
    expect(last).not.toContain('OUTSIDE-VALUE');
  });

  it('grep and glob search a named dependency with the same secret and path rules', async () => {
    const model = scriptedModel([
      { calls: [{ tool: 'grep', input: { pattern: 'retries|MAILER_PASSWORD|ghp_' } }] },
      {
        calls: [
          { tool: 'grep', input: { pattern: 'retries|MAILER_PASSWORD|ghp_', dependency: 'mailer-lib' } },
          { tool: 'glob', input: { pattern: '**/*', dependency: 'node_modules/mailer-lib' } },
        ],
      },
      {
        calls: [
          { tool: 'grep', input: { pattern: 'OUTSIDE', dependency: 'escape' } },
          { tool: 'glob', input: { pattern: '**', dependency: 'node_modules/escape' } },
          { tool: 'grep', input: { pattern: 'x', dependency: '../outside' } },
          { tool: 'glob', input: { pattern: '**', dependency: 'no-such-package' } },
        ],
      },
      { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    // What the tools answered to the last calls (after the model's last turn; the prompt names .env too).
    const seen = (i: number) => {
      const all = promptText(model.doGenerateCalls[i]!);
      return all.slice(all.lastIndexOf('"role":"tool"'));
    };
    // The project search does not reach installed code.
    expect(seen(1)).not.toContain('node_modules/mailer-lib');
    const dep = seen(2);
    expect(dep).toContain(
      'node_modules/mailer-lib/lib/index.js:2:   // retries three times before giving up',
    );
    expect(dep).toContain('node_modules/mailer-lib (installed code, read-only)');
    expect(dep).toContain('node_modules/mailer-lib/package.json');
    // A secret by name is neither searched nor listed; one by content is never searched.
    expect(dep).not.toContain('.env');
    expect(dep).not.toContain('dependency-secret-value');
    expect(dep).not.toContain('keys.js:');
    const refused = seen(3);
    expect(refused).toContain('resolves (through a symlink) outside the project root');
    expect(refused).toContain('is not a dependency name or a folder inside a dependency folder');
    expect(refused).toContain('no installed dependency by that name (looked in node_modules)');
    expect(refused).not.toContain('OUTSIDE-VALUE');
    expect(refused).not.toContain('home.txt');
  });

  it('reads a package in the virtual environment and a vendored module, by path and by name, never a secret beside them', async () => {
    const site = join(dir, '.venv/lib/python3.12/site-packages/flask');
    mkdirSync(site, { recursive: true });
    writeFileSync(
      join(site, 'app.py'),
      'class Flask:\n    # the reloader watches every imported module\n    pass\n',
    );
    writeFileSync(join(site, 'credentials.json'), '{"token": "venv-secret-value"}\n');
    const vendored = join(dir, 'vendor/example.org/retry');
    mkdirSync(vendored, { recursive: true });
    writeFileSync(
      join(vendored, 'retry.go'),
      'package retry\n\n// Do retries f up to three times.\nfunc Do() {}\n',
    );
    writeFileSync(join(vendored, '.env'), 'VENDOR_KEY=vendor-secret-value\n');
    const model = scriptedModel([
      {
        calls: [
          { tool: 'read_file', input: { path: '.venv/lib/python3.12/site-packages/flask/app.py' } },
          { tool: 'grep', input: { pattern: 'reloader|token', dependency: 'flask' } },
          { tool: 'grep', input: { pattern: 'retries|VENDOR_KEY', dependency: 'vendor/example.org/retry' } },
          { tool: 'read_file', input: { path: '.venv/lib/python3.12/site-packages/flask/credentials.json' } },
          { tool: 'read_file', input: { path: 'vendor/example.org/retry/.env' } },
        ],
      },
      { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    const all = promptText(model.doGenerateCalls[1]!);
    const seen = all.slice(all.lastIndexOf('"role":"tool"'));
    expect(seen).toContain('lines 1-3 of 3\\n1\\tclass Flask:\\n2\\t    # the reloader watches');
    expect(seen).toContain(
      '.venv/lib/python3.12/site-packages/flask/app.py:2:     # the reloader watches every imported module',
    );
    expect(seen).toContain('vendor/example.org/retry/retry.go:3: // Do retries f up to three times.');
    expect(seen).toContain('credentials.json: may hold secrets; plansmith never reads it');
    expect(seen).toContain('vendor/example.org/retry/.env: may hold secrets; plansmith never reads it');
    expect(seen).not.toContain('venv-secret-value');
    expect(seen).not.toContain('vendor-secret-value');
  });

  it('search_skills matches text, says when it shows fewer than matched, and has skills for library and CLI work', async () => {
    const model = scriptedModel([
      {
        calls: [
          { tool: 'search_skills', input: { query: 'command-line tool' } },
          { tool: 'search_skills', input: { category: 'development', query: 'library public API' } },
          { tool: 'search_skills', input: {} },
          { tool: 'search_skills', input: { category: 'docs', query: 'quantum teleportation' } },
        ],
      },
      { calls: [{ tool: 'submit_plan', input: { plan: submitted() } }] },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    await (await ctx.plans(planner)).plan({ text: 'add password reset by email' });
    const all = promptText(model.doGenerateCalls[1]!);
    const results = all.slice(all.lastIndexOf('"role":"tool"'));
    // The answers in call order, one per tool result.
    const parts = results.split('"type":"tool-result"').slice(1);
    expect(parts).toHaveLength(4);
    // A text query finds by words (it returned [] before): the CLI skills first for "command-line tool".
    expect(parts[0]).toMatch(/skills:\\n {2}- full_id: plansmith\/builtin\/cli-/);
    expect(parts[1]).toMatch(/skills:\\n {2}- full_id: plansmith\/builtin\/library-development/);
    // No filter: every skill matches, a few are shown, and the answer says so.
    const total = Number(/total: (\d+)/.exec(parts[2]!)![1]);
    expect(total).toBeGreaterThan(8);
    expect(parts[2]).toContain(`truncated: showing 8 of ${total}; narrow with category, tag or query`);
    // Words that match nothing: the category's skills instead, and a note saying so.
    expect(parts[3]).toContain(
      'no skill matched \\"quantum teleportation\\"; these are the skills of this category and tag',
    );
    expect(parts[3]).toContain('plansmith/builtin/docs-writing');
  });

  it('ranks without the project name, and a recorded question keeps the number it was given, merged with the plan one', async () => {
    const name = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name as string;
    const model = scriptedModel([
      { calls: [{ tool: 'explore_codebase', input: {} }] },
      { calls: [{ tool: 'ask_user', input: { question: 'How long is a reset link valid?' } }] },
      { calls: [{ tool: 'ask_user', input: { question: 'Should a reset end all sessions?' } }] },
      {
        calls: [
          {
            tool: 'submit_plan',
            input: {
              plan: submitted({
                questions: [
                  { question: 'Which mail provider is used?', why: 'Changes the mailer' },
                  {
                    question: 'Should a reset end all other sessions?',
                    why: 'Changes the session store',
                    answer: 'Assumed: yes, every session ends',
                  },
                ],
              }),
            },
          },
        ],
      },
    ]);
    const planner = new LlmPlanner({ model, modelName: 'scripted' });
    const o = await (await ctx.plans(planner)).plan({ text: `add password reset by email to ${name}` });
    expect(promptText(model.doGenerateCalls[1]!)).toContain(
      `ranked_without: the project's own name (${name})`,
    );
    expect(promptText(model.doGenerateCalls[2]!)).toContain('recorded_as: open question 1');
    expect(promptText(model.doGenerateCalls[3]!)).toContain('recorded_as: open question 2');
    expect(o.plan.questions).toEqual([
      { question: 'How long is a reset link valid?', why: 'asked during planning; no one could answer then' },
      {
        question: 'Should a reset end all sessions?',
        why: 'Changes the session store',
        answer: 'Assumed: yes, every session ends',
      },
      { question: 'Which mail provider is used?', why: 'Changes the mailer' },
    ]);
  });
});
