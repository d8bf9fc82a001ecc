/**
 * Every declaration the extractors find in the project's own code: one search over the tree for the
 * strings that mark each extractor's files, then only those files are read. Test files are left out
 * (an option a test declares is a fixture, not the project's option).
 */
import type { Declaration } from './declaration.js';
import { EXTRACTORS } from './extractors/index.js';
import type { TreeSearch } from './search.js';

/** At most this many files are read per extractor, the project's source before its examples and tools. */
const MAX_FILES = 600;

export function collectDeclarations(search: TreeSearch): Declaration[] {
  const byPath = new Map(search.inventory.files.map((f) => [f.path, f]));
  const out: Declaration[] = [];
  const seen = new Set<string>();
  for (const ex of EXTRACTORS) {
    const langs = new Set(ex.languages);
    const files = search
      .filesWith(ex.marks)
      .filter((p) => {
        const f = byPath.get(p);
        return f && f.role !== 'test' && f.language !== null && langs.has(f.language);
      })
      .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b))
      .slice(0, MAX_FILES);
    for (const path of files) {
      const text = search.read(path);
      if (!text) continue;
      let found: Declaration[];
      try {
        found = ex.extract(path, text);
      } catch {
        continue; // an extractor never stops the analysis; the file simply declares nothing it can read
      }
      for (const d of found) {
        const key = `${d.file}:${d.line}:${d.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(d);
      }
    }
  }
  return out;
}

/** Examples, docs and scripts after the source. */
const rank = (p: string) => (/(^|\/)(examples?|docs?|scripts?|tools|benchmarks?|bench)\//.test(p) ? 1 : 0);
