/**
 * Every declaration the extractors find in the project's own code: one search over the tree for the
 * strings that mark the extractors' files, then only those files are read, each by the extractors whose
 * marks it contains. Test files are left out
 * (an option a test declares is a fixture, not the project's option).
 */
import type { Declaration } from './declaration.js';
import { EXTRACTORS } from './extractors/index.js';
import type { TreeSearch } from './search.js';

/** At most this many files are read per extractor, the project's source before its examples and tools. */
const MAX_FILES = 600;

export function collectDeclarations(search: TreeSearch): Declaration[] {
  const byPath = new Map(search.inventory.files.map((f) => [f.path, f]));
  // One search for every extractor's marks; which extractor reads a file is decided on its text.
  const marked = search
    .filesWith([...new Set(EXTRACTORS.flatMap((ex) => ex.marks))])
    .filter((p) => {
      const f = byPath.get(p);
      return f && f.role !== 'test' && f.language !== null;
    })
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const out: Declaration[] = [];
  const seen = new Set<string>();
  for (const ex of EXTRACTORS) {
    const langs = new Set(ex.languages);
    let read = 0;
    for (const path of marked) {
      if (read >= MAX_FILES) break;
      if (!langs.has(byPath.get(path)!.language!)) continue;
      const text = search.read(path);
      if (!text || !ex.marks.some((m) => text.includes(m))) continue;
      read++;
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
