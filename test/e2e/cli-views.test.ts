import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Plan } from '../../src/domain/plan.js';
import { copySample } from '../samples.js';
import { plansmith } from './cli.js';

/** The human-readable output of the CLI, as a person reads it in a terminal. */
describe('the CLI as a person reads it', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-cli-views-'));
    copySample('node-api', dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('plans show prints a summary by default and the plan model with --json', () => {
    const made = plansmith(['plan', 'add password reset by email', '--json'], { cwd: dir });
    const id = made.json<{ plan: { id: string } }>().plan.id;
    const human = plansmith(['plans', 'show', id], { cwd: dir });
    expect(human.code).toBe(0);
    expect(human.stdout.trimStart().startsWith('{')).toBe(false);
    expect(human.stdout).toMatch(/^Add password reset by email\n/);
    expect(human.stdout).toMatch(/file: plans\/add-password-reset-by-email-\d+-\d+\.md/);
    expect(human.stdout).toMatch(/Phases \(\d+, about \d+ min\):\n {2}1\. /);
    expect(human.stdout).toMatch(/--json for the model/);
    const model = plansmith(['plans', 'show', id, '--json'], { cwd: dir }).json<Plan>();
    expect(model.id).toBe(id);
    expect(model.phases.length).toBeGreaterThan(0);
  });

  it('agents list cuts a long description at a word, with an ellipsis', () => {
    mkdirSync(join(dir, '.claude', 'agents'), { recursive: true });
    writeFileSync(
      join(dir, '.claude', 'agents', 'reviewer.md'),
      '---\nname: reviewer\ndescription: Reviews every change for correctness, security, naming, tests and documentation before it is merged into the main branch\n---\nReview the change.\n',
    );
    const r = plansmith(['agents', 'list'], { cwd: dir });
    expect(r.code).toBe(0);
    const line = r.stdout.split('\n').find((l) => l.startsWith('reviewer'))!;
    const shown = line.slice(line.indexOf('Reviews'));
    expect(shown.endsWith('…')).toBe(true);
    // What is shown is whole words of the description.
    const words = shown.slice(0, -1).split(' ');
    const all =
      'Reviews every change for correctness, security, naming, tests and documentation before it is merged into the main branch'.split(
        ' ',
      );
    expect(words.map((w) => w.replace(/,$/, ''))).toEqual(
      all.slice(0, words.length).map((w) => w.replace(/,$/, '')),
    );
  });
});
