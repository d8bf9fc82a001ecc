/**
 * The tests that cover the sibling: test files that name one of its identifiers, with the tests (as the
 * runner names them, `explore/test-names.ts`) whose bodies do. A file with a similar name that never
 * mentions the sibling does not count. The narrow command is left to the planner's checks, which know
 * the runner's invocation; `selects` lists the names a selection may use.
 */
import { testSpansIn } from '../explore/test-names.js';
import type { FootprintEntry } from './footprint.js';
import type { TreeSearch } from './search.js';

export interface CoveringTest {
  file: string;
  command: string;
  selects: string[];
}

const MAX_FILES = 3;

export function coveringTests(search: TreeSearch, footprint: FootprintEntry[]): CoveringTest[] {
  const lines = new Map<string, number[]>();
  for (const e of footprint)
    if (e.area === 'test' && e.source === 'occurrence' && e.line)
      lines.set(e.file, [...(lines.get(e.file) ?? []), e.line]);
  const out: Array<CoveringTest & { hits: number }> = [];
  for (const [file, at] of lines) {
    const text = search.read(file);
    if (!text) continue;
    const spans = testSpansIn(file, text);
    const selects = new Set<string>();
    for (const line of at) {
      // The innermost test around the line, else the innermost group (a describe title, a test class).
      const around = spans.filter((s) => s.line <= line && line <= s.end);
      const test = around.filter((s) => !s.group).sort((a, b) => b.line - a.line)[0];
      const group = around.filter((s) => s.group).sort((a, b) => b.line - a.line)[0];
      const pick = test ?? group;
      if (pick) selects.add(pick.name);
    }
    // A test file whose runner names nothing here (a helper, a fixture module) is not a covering test.
    if (!spans.some((s) => !s.group)) continue;
    out.push({ file, command: '', selects: [...selects], hits: at.length });
  }
  return out
    .sort((a, b) => b.hits - a.hits || a.file.localeCompare(b.file))
    .slice(0, MAX_FILES)
    .map(({ hits: _, ...t }) => t);
}
