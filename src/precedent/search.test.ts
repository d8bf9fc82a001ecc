import { describe, expect, it } from 'vitest';
import { gitRepo, tempProjects } from '../../test/temp-project.js';
import { inventory } from '../explore/inventory.js';
import { projectFiles } from '../files/project-files.js';
import { TreeSearch } from './search.js';

const project = tempProjects('search');

// A made-up URL with a password in it: the shape the file layer refuses to read.
const URL = 'https://deployer:Vb3nQx8rT1@builds.example.org/artifacts';

describe('TreeSearch and files that hold a secret', () => {
  // An inventory made without exploring knows secret files by name only; git grep opens the rest.
  const repo = gitRepo(project);
  repo.commit('two modules', {
    'app/upload.py': `ARTIFACTS = "${URL}"\n\n\ndef upload(opts):\n    return opts.retries\n`,
    'app/fetch.py': 'def fetch(opts):\n    return opts.retries * 2\n',
  });
  const root = repo.root;
  const search = new TreeSearch(root, projectFiles(root), inventory(root));

  it('answers no line of a file once one of its hits looks like a secret', () => {
    const hits = search.lines(['ARTIFACTS', 'retries']);
    expect(hits.map((h) => h.file)).toEqual(['app/fetch.py']);
    expect(JSON.stringify(hits)).not.toContain('Vb3nQx8rT1');
  });

  it('reads nothing of such a file', () => {
    expect(search.read('app/upload.py')).toBeNull();
    expect(search.read('app/fetch.py')).toContain('retries');
  });
});
