import { describe, expect, it } from 'vitest';
import { learnConventions } from './conventions.js';
import type { InventoryFile } from './inventory.js';

const file = (path: string): InventoryFile => ({ path, size: 100, language: null, role: 'source' });

describe('learnConventions', () => {
  it('does not count instructions for coding assistants (what init writes) as the project’s conventions', () => {
    const files = [
      'src/services/auth.service.ts',
      'src/services/user.service.ts',
      '.claude/commands/plan.md',
      '.claude/commands/plan/ci.md',
      '.claude/commands/plan/two.md',
      '.claude/agents/planner.md',
      '.github/agents/planner.agent.md',
      '.github/prompts/plan.prompt.md',
      'src/cli/commands/run.ts',
    ].map(file);
    const patterns = learnConventions(files).map((c) => c.pattern);
    expect(patterns).toContain('src/services/*.service.ts');
    expect(patterns).toContain('src/cli/commands/*.ts');
    expect(patterns.filter((p) => /^\.(claude|github)\//.test(p))).toEqual([]);
  });
});
