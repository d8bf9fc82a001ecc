/**
 * Every declaration the extractors find in the project's own code: one search over the tree for the
 * strings that mark the extractors' files, then only those files are read, each by the extractors whose
 * marks it contains. Test files are left out
 * (an option a test declares is a fixture, not the project's option). A file without an extension (an
 * executable such as `bin/tool`) is read in the language its `#!` line names.
 */
import { callArgs, lineAt, stringValue } from './call-args.js';
import { definedAs, definesFunction, enclosingFunction, esc } from './code-shape.js';
import type { Declaration, ExtractContext, Reader } from './declaration.js';
import { EXTRACTORS } from './extractors/index.js';
import { fileOf, type TreeSearch } from './search.js';

/** At most this many files are read per extractor, the project's source before its examples and tools. */
const MAX_FILES = 600;
/** Neighbours read for one file (a Go package's other files), and their total. */
const MAX_NEIGHBOURS = 40;

/** The language a `#!` line names (`#!/usr/bin/env node`, `#!/usr/bin/python3 -u`), or null. */
export function shebangLanguage(text: string): string | null {
  const first = /^#!([^\n]*)/.exec(text)?.[1];
  if (!first) return null;
  const words = first.trim().split(/\s+/);
  // `/usr/bin/env -S node --flag` names the program after env's own options.
  const program =
    (words[0]?.endsWith('/env') ? words.slice(1).find((w) => !w.startsWith('-')) : words[0]) ?? '';
  const base = program.slice(program.lastIndexOf('/') + 1);
  if (/^(node|nodejs|bun)$/.test(base)) return 'JavaScript';
  if (/^(deno|ts-node|tsx)$/.test(base)) return 'TypeScript';
  if (/^(python|pypy)[\d.]*$/.test(base)) return 'Python';
  return null;
}

export function collectDeclarations(search: TreeSearch): Declaration[] {
  const noExtension = (p: string) => !p.slice(p.lastIndexOf('/') + 1).includes('.');
  const languageOf = (p: string): string | null => {
    const f = fileOf(search, p);
    if (!f) return null;
    if (f.language !== null) return f.language;
    if (!noExtension(p)) return null;
    const text = search.read(p);
    return text ? shebangLanguage(text) : null;
  };
  // One search for every extractor's marks; which extractor reads a file is decided on its text.
  const marked = search
    .filesWith([...new Set(EXTRACTORS.flatMap((ex) => ex.marks))])
    .filter((p) => fileOf(search, p)?.role !== 'test' && languageOf(p) !== null)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const folders = new Map<string, string[]>();
  for (const f of search.inventory.files) {
    const dir = f.path.slice(0, Math.max(0, f.path.lastIndexOf('/')));
    folders.set(dir, [...(folders.get(dir) ?? []), f.path]);
  }
  const context: ExtractContext = {
    languageOf,
    neighbours(path) {
      const dir = path.slice(0, Math.max(0, path.lastIndexOf('/')));
      const ext = path.slice(path.lastIndexOf('.'));
      const out: Array<[string, string]> = [];
      for (const p of folders.get(dir) ?? []) {
        if (p === path || !p.endsWith(ext) || fileOf(search, p)?.role === 'test') continue;
        const text = search.read(p);
        if (text) out.push([p, text]);
        if (out.length >= MAX_NEIGHBOURS) break;
      }
      return out;
    },
  };
  const out: Declaration[] = [];
  const seen = new Set<string>();
  const readers: Reader[] = [];
  for (const ex of EXTRACTORS) {
    const langs = new Set(ex.languages);
    let read = 0;
    for (const path of marked) {
      if (read >= MAX_FILES) break;
      if (!langs.has(languageOf(path)!)) continue;
      const text = search.read(path);
      if (!text || !ex.marks.some((m) => text.includes(m))) continue;
      read++;
      let found: ReturnType<typeof ex.extract>;
      try {
        found = ex.extract(path, text, context);
      } catch {
        continue; // an extractor never stops the analysis; the file simply declares nothing it can read
      }
      for (const d of found) {
        const key = `${d.file}:${d.line}:${d.name}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push(d);
      }
      readers.push(...(found.readers ?? []));
    }
  }
  for (const d of readCalls(search, readers, languageOf, (p) => fileOf(search, p)?.role === 'test')) {
    const key = `${d.file}:${d.line}:${d.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/** Readers followed through the functions that hand them a parameter, at most. */
const MAX_READERS = 24;

/**
 * The declarations the calls of the project's readers make (`Reader`): each call with a literal where the
 * reader takes its name, in the project's source (tests left out); a call that passes on a parameter of
 * its own function makes that function a reader too. A name of three letters or fewer is too common a
 * word to follow, and a file that defines its own function of the name calls that one.
 */
function readCalls(
  search: TreeSearch,
  readers: Reader[],
  languageOf: (p: string) => string | null,
  isTest: (p: string) => boolean,
): Declaration[] {
  const out: Declaration[] = [];
  const done = new Set<string>();
  const queue = readers.filter((r) => r.name.length > 3);
  while (queue.length && done.size < MAX_READERS) {
    const r = queue.shift()!;
    if (done.has(r.name)) continue;
    done.add(r.name);
    const call = new RegExp(`(?<![\\w$])${esc(r.name)}\\s*(?:\\[[^\\]\\n]*\\])?\\s*\\(`, 'g');
    for (const path of search.filesWith([`${r.name}(`, `${r.name}[`]).slice(0, MAX_FILES)) {
      if (isTest(path) || languageOf(path) === null) continue;
      const text = search.read(path);
      if (!text) continue;
      const lines = text.split('\n');
      if (path !== r.file && definesFunction(lines, r.name)) continue;
      for (const m of text.matchAll(call)) {
        if (definedAs(lines[lineAt(text, m.index!) - 1] ?? '', r.name) === 'function') continue;
        const arg = callArgs(text, m.index! + m[0].length - 1, { limit: 2000 })?.args[r.arg];
        if (!arg || arg.key) continue;
        const literal = stringValue(arg.value);
        if (literal !== null) {
          const d = r.declare(path, text, arg.at + 1, literal);
          if (d) out.push(d);
          continue;
        }
        const fn = enclosingFunction(text, m.index!);
        const k = fn ? fn.params.indexOf(arg.value.trim()) : -1;
        if (fn && k >= 0 && !done.has(fn.name) && fn.name.length > 3) queue.push(r.through(fn.name, k, path));
      }
    }
  }
  return out;
}

/** Examples, docs and scripts after the source. */
const rank = (p: string) => (/(^|\/)(examples?|docs?|scripts?|tools|benchmarks?|bench)\//.test(p) ? 1 : 0);
