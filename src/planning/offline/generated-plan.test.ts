import { describe, expect, it } from 'vitest';
import { offlineWork } from '../../../test/offline-work.js';
import { tempProjects } from '../../../test/temp-project.js';
import { explore } from '../../explore/explore.js';
import { KILN } from '../../precedent/fixtures/generated.js';
import { precedentPhases } from './phases-precedent.js';
import { precedentOf } from './precedent-of.js';

const project = tempProjects('generated-plan');

describe('a generated file is no edit point', () => {
  it('the plan edits the hand-written page and says to regenerate the generated one', async () => {
    const root = project(KILN);
    const requirement = 'Add an --indent-width option to indent report lines by that many columns.';
    const report = explore(root, { for: requirement });
    const w = offlineWork(root, requirement, await precedentOf(root, requirement, report), report);
    const modify = precedentPhases(w).flatMap((ph) =>
      ph.steps.flatMap((s) => s.files_to_modify.map((f) => f.path)),
    );
    expect(modify).toContain('kiln/cli.py');
    expect(modify).toContain('docs/usage.rst');
    expect(modify).not.toContain('docs/reference/flags.rst');
    // The generated page is the last step's, to regenerate with the command that builds it, cited.
    const last = precedentPhases(w)
      .flatMap((ph) => ph.steps)
      .at(-1)!;
    expect(last.title).toBe('Regenerate `docs/reference/flags.rst`');
    expect(last.detail).toContain(
      'regenerate with `tox -e docs` (tox.ini:4; docs/conf.py:5 runs docs/ext/flag_page.py)',
    );
    expect(last.files_to_modify).toEqual([]);
  });
});
