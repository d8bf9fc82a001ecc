import { describe, expect, it } from 'vitest';
import { tempProjects } from '../../test/temp-project.js';
import { inventory } from '../explore/inventory.js';
import { projectFiles } from '../files/project-files.js';
import { TreeSearch } from './search.js';
import { signatureParameters } from './signatures.js';

const project = tempProjects('signatures');

const paramsOf = (files: Record<string, string>, targets: string[]) => {
  const root = project(files);
  const inv = inventory(root);
  return signatureParameters(new TreeSearch(root, projectFiles(root), inv), targets);
};

describe('the parameters of the functions a requirement names', () => {
  it("reads a Go method's list after its name, never its receiver", () => {
    const { parameters, functions } = paramsOf(
      {
        'kiln/kiln.go':
          'package kiln\n\ntype Kiln struct{}\n\nfunc (k *Kiln) Fire(hours int, glazes ...string) error {\n\treturn nil\n}\n',
      },
      ['Fire'],
    );
    expect(functions.get('Fire')).toEqual(['hours', 'glazes']);
    expect(parameters.map((p) => [p.name, p.type, p.line])).toEqual([
      ['hours', 'int', 5],
      ['glazes', '...string', 5],
    ]);
  });

  it('reads a Python signature over several lines, its comments and strings skipped, each on its own line', () => {
    const { parameters } = paramsOf(
      {
        'shelf/listing.py':
          'def find_books(\n    shelf,  # the shelf, a dict\n    fields: list[str] = ("title", "author"),\n    *,\n    limit=10,\n):\n    return shelf\n',
      },
      ['find_books'],
    );
    expect(parameters.map((p) => [p.name, p.type, p.default, p.line])).toEqual([
      ['shelf', '', '', 2],
      ['fields', 'list[str]', '("title", "author")', 3],
      ['limit', '', '10', 5],
    ]);
  });
});
