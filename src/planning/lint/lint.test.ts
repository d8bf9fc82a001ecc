import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyProfile } from '../../explore/profile.js';
import { lintSource } from './lint.js';

const root = mkdtempSync(join(tmpdir(), 'plansmith-lint-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

// A feature plan with nothing to roll back: plansmith's renderer leaves the section out (facts or nothing).
const BODY = [
  '# Implementation plan: Add a quiet flag',
  '',
  '## Implementation steps',
  '',
  '1. Register the flag beside the others.',
  '',
  '## Files to create',
  '',
  '_None._',
  '',
  '## Tests',
  '',
  '- Run the suite.',
  '',
  '## Security',
  '',
  '_None._',
  '',
  '## Open questions',
  '',
  '_None._',
  '',
].join('\n');

const HEADER = [
  '<!-- plansmith:meta:begin sha=0123456789ab -->',
  '> plansmith plan `01JLINTPLAN0000000000000000` · revision 1 · style feature · status draft · engine offline',
  '<!-- plansmith:meta:end -->',
  '',
].join('\n');

const sections = (source: string) =>
  lintSource(source, 'plans/quiet.md', { root, profile: emptyProfile() })
    .findings.filter((f) => f.rule === 'sections')
    .map((f) => f.message);

describe('lint: the sections a plan usually has', () => {
  it("does not ask plansmith's own file for a section its renderer leaves out when empty", () => {
    expect(sections(HEADER + BODY)).toEqual([]);
  });

  it('still tells a person writing a feature plan by hand that it usually has a rollback section', () => {
    expect(sections(`<!-- style: feature -->\n${BODY}`).join('\n')).toMatch(/rollback/);
  });
});
