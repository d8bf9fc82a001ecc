import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterEach, describe, expect, it } from 'vitest';
import { AppContext } from '../../src/context.js';
import type { Plan } from '../../src/domain/plan.js';
import { copySample } from '../samples.js';
import { writeFiles } from '../temp-project.js';
import { call, connectInMemory } from './helpers.js';

/**
 * draft_plan never sends a host to the wrong code with confidence: where the precedent is unsure, the draft
 * says so, lists the candidates and names no place to edit; where it is sure, it names the sibling.
 */

/** A small Express API written for this test: two routers in two files, nothing about statistics. */
const TWO_ROUTERS: Record<string, string> = {
  'package.json': JSON.stringify({
    name: 'reading-log',
    type: 'module',
    scripts: { test: 'vitest run' },
    dependencies: { express: '^4.19.0' },
    devDependencies: { vitest: '^1.6.0' },
  }),
  'src/routes/books.ts':
    "import { Router } from 'express';\n\nexport const books = Router();\n\nbooks.get('/books', (_req, res) => {\n  res.json([]);\n});\n",
  'src/routes/readers.ts':
    "import { Router } from 'express';\n\nexport const readers = Router();\n\nreaders.get('/readers', (_req, res) => {\n  res.json([]);\n});\n",
  'src/app.ts':
    "import express from 'express';\nimport { books } from './routes/books.js';\nimport { readers } from './routes/readers.js';\n\nexport const app = express();\napp.use('/api', books);\napp.use('/api', readers);\n",
};

describe('draft_plan and the precedent', () => {
  let dir: string;
  let ctx: AppContext;
  let client: Client;
  afterEach(async () => {
    await client.close();
    await ctx.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const open = async (fill: (d: string) => void) => {
    dir = mkdtempSync(join(tmpdir(), 'plansmith-mcp-draft-'));
    fill(dir);
    ctx = new AppContext({ root: dir });
    client = await connectInMemory(ctx);
  };
  const edits = (p: Plan) =>
    p.phases.flatMap((ph) => ph.steps.flatMap((s) => [...s.files_to_modify, ...s.files_to_create]));

  it('unsure: says so first, lists the candidates from both routers, and names no place to edit', async () => {
    await open((d) => {
      writeFiles(d, TWO_ROUTERS);
    });
    const draft = await call<Plan>(client, 'draft_plan', {
      requirement: 'add an endpoint that reports reading statistics',
    });
    expect(draft.error).toBeUndefined();
    const p = draft.value.precedent!;
    expect(Object.keys(draft.value)[0]).toBe('precedent');
    expect(p.verdict).toBe('unsure');
    expect(p.sibling).toBeUndefined();
    expect(p.candidates.map((c) => `${c.file}:${c.line}`).sort()).toEqual([
      'src/routes/books.ts:5',
      'src/routes/readers.ts:5',
    ]);
    expect(edits(draft.value)).toEqual([]);
    expect(draft.value.analysis.summary).toMatch(/Unsure where/);
    expect(draft.value.questions[0]!.question).toContain('src/routes/books.ts:5');
  });

  it('sure: the quick-start request names its sibling and the mail service it calls, with file:line', async () => {
    await open((d) => copySample('node-api', d));
    const draft = await call<Plan>(client, 'draft_plan', { requirement: 'add password reset by email' });
    const p = draft.value.precedent!;
    expect(p.verdict).toBe('new');
    expect(p.sibling).toMatchObject({ kind: 'route', file: 'src/routes/auth.routes.ts' });
    expect(p.uses).toEqual([expect.objectContaining({ file: 'src/services/mail.service.ts', line: 6 })]);
    expect(edits(draft.value).map((f) => f.path)).toContain('src/services/auth.service.ts');
  });

  it('new with nothing near: the options it weighed are candidates, no place to edit, and the facts say so', async () => {
    // Three small tools, one option each, none like the requested one and no file declaring most of them.
    const tool = (flag: string, help: string) =>
      `import argparse\n\n\ndef parser():\n    p = argparse.ArgumentParser()\n    p.add_argument("${flag}", help="${help}")\n    return p\n`;
    await open((d) =>
      writeFiles(d, {
        'pyproject.toml': '[project]\nname = "kettle"\n',
        'kettle/brew.py': tool('--steep-minutes', 'Minutes to steep the leaves.'),
        'kettle/pour.py': tool('--cup-count', 'How many cups to fill.'),
        'kettle/clean.py': tool('--rinse-twice', 'Rinse the pot a second time.'),
      }),
    );
    const draft = await call<Plan>(client, 'draft_plan', {
      requirement: 'Add a --colour-scheme option to choose the terminal palette.',
    });
    const p = draft.value.precedent!;
    expect(p.verdict).toBe('new');
    expect(p.sibling).toBeUndefined();
    expect(p.candidates.map((c) => c.file).sort()).toEqual([
      'kettle/brew.py',
      'kettle/clean.py',
      'kettle/pour.py',
    ]);
    expect(edits(draft.value)).toEqual([]);
    expect(draft.value.analysis.summary).toMatch(/Unsure where/);
    // Written, the facts a host reads first carry the note that nothing here is a place to edit.
    const written = await call<{ precedent: { note?: string; candidates?: string[] } }>(
      client,
      'draft_plan',
      {
        requirement: 'Add a --colour-scheme option to choose the terminal palette.',
        write: true,
      },
    );
    expect(written.value.precedent.note).toMatch(/no sibling to follow.*read the candidates/);
    expect(written.value.precedent.candidates).toHaveLength(3);
  });
});
