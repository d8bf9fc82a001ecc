import { describe, expect, it } from 'vitest';
import { precedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';

/** A project whose command line is parsed by hand, in a file no extractor reads (written for this test). */
const HAND_PARSED: Record<string, string> = {
  'package.json': '{ "name": "shelf", "bin": { "shelf": "bin/shelf.js" } }\n',
  'bin/shelf.js': `const args = process.argv.slice(2);
const opts = {};
for (const a of args) {
  switch (a) {
    case '--inspect-wait':
      opts.inspect = 'wait';
      break;
    default:
      opts.rest = a;
  }
}
module.exports = opts;
`,
  'test/shelf.spec.js': `it('waits', () => { run(['--lend-wait']); });\n`,
};

const project = tempProjects('registered');
const ask = (files: Record<string, string>, requirement: string) => precedentAt(project(files), requirement);

describe('a name the code registers by hand', () => {
  it('is met, citing the line that parses it', async () => {
    const p = await ask(HAND_PARSED, 'Support `--inspect-wait` on the command line');
    expect(p.verdict).toBe('met');
    expect(p.evidence).toEqual([{ file: 'bin/shelf.js', line: 5, text: "case '--inspect-wait':" }]);
  });

  it('a name only a test spells stays new', async () => {
    const p = await ask(HAND_PARSED, 'Support `--lend-wait` on the command line');
    expect(p.verdict).not.toBe('met');
  });
});
