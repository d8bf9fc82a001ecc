/**
 * What an existing thing lacks beside its neighbours. A met (or partly-met) request proposes only the gap:
 * the thing's footprint outside the code that declares and reads it — a test that names it, a docs page,
 * a man page, a changelog entry, shell completions, a typing or schema entry — against the same for its
 * nearest declared neighbours (the same kind, the same file). An aspect most neighbours have and the thing
 * has not is a lack, cited as the nearest neighbour's line that has it. A thing that is only forwarded (a
 * passthrough) also lacks the declaration itself when its neighbours are declared.
 *
 * One search for every name at once, through the core's `TreeSearch`.
 */
import type { GapAspect } from '../domain/precedent.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { testNamesIn } from '../explore/test-names.js';
import type { Declaration } from './declaration.js';
import { areaOf } from './places.js';
import { contains, fileOf, type TreeSearch } from './search.js';

export interface GapPlace {
  aspect: GapAspect;
  /** The name this place belongs to: the thing's, or the neighbour's that has what the thing lacks. */
  name: string;
  file: string;
  line: number;
  text: string;
}

export interface Gap {
  /** The neighbours compared, as `name (file:line)`. */
  neighbours: string[];
  /** What the thing has, one place per aspect. */
  has: GapPlace[];
  /** What most neighbours have and the thing lacks: the nearest neighbour's place for each. */
  lacks: GapPlace[];
  /** Met under another name than the requested one. */
  renamed: boolean;
  /** The command that lists a command-line thing: the declaring script run with `--help`, or ''. */
  help: string;
  /** Met with no neighbour to compare with and nothing that exercises it: a test is the gap (`index.ts`). */
  untested?: boolean;
}

const MAX_NEIGHBOURS = 4;

/** The other declarations of the same kind in the anchor's file, nearest by line first. */
export function neighboursOf(anchor: Declaration, declarations: Declaration[]): Declaration[] {
  const flagLike = (d: Declaration) => d.name.startsWith('-');
  return declarations
    .filter(
      (d) =>
        d.file === anchor.file &&
        d.name !== anchor.name &&
        d.kind === anchor.kind &&
        flagLike(d) === flagLike(anchor) &&
        d.name.replace(/^-+/, '').length > 1,
    )
    .sort((a, b) => Math.abs(a.line - anchor.line) - Math.abs(b.line - anchor.line) || a.line - b.line)
    .filter((d, i, all) => all.findIndex((x) => x.name === d.name) === i)
    .slice(0, MAX_NEIGHBOURS);
}

/** The aspect of the footprint a file holds, or null for the code that declares and reads it. */
export function aspectOf(file: string, search: TreeSearch, profile: CodebaseProfile): GapAspect | null {
  // The forge's own files (issue and pull-request templates, workflows) document nothing of the program.
  if (/^\.(github|gitlab|gitea|forgejo)\//.test(file)) return null;
  if (/complet|\.(bash|zsh|fish)$/i.test(file)) return 'completion';
  if (/\.[1-9]$|(^|\/)man\/[^/]+$/.test(file)) return 'man';
  if (/\.d\.[cm]?ts$|\.pyi$|(^|[/._-])schema[^/]*\.(json|ya?ml|toml)$/i.test(file)) return 'typing';
  const area = areaOf(fileOf(search, file), file, profile);
  return area === 'code' ? null : area;
}

/**
 * The strings a name is written with in other files: the flag, a man page's escaped flag, and for a flag
 * of two words or more its bare name both ways (`extra-files`, `extra_files`: a changelog or a test often
 * writes the value's name); else the name.
 */
function needlesOf(name: string): string[] {
  if (!name.startsWith('--')) return name.length > 2 ? [name] : [];
  const bare = name.slice(2);
  const words = bare.split(/[-_]/).filter(Boolean);
  return [name, name.replace(/-/g, '\\-'), ...(words.length > 1 ? [words.join('-'), words.join('_')] : [])];
}

/**
 * The gap: what `thing` (its names) lacks beside `neighbours`. `declared` is false for a thing that is
 * only forwarded: it then lacks the declaration its neighbours have.
 */
export function gapOf(
  search: TreeSearch,
  profile: CodebaseProfile,
  thing: { names: string[]; at?: { file: string; line: number }; declared: boolean; renamed?: boolean },
  neighbours: Declaration[],
): Gap {
  // Each name searched on its own: a neighbour written all over a test file (`--hidden`) must not fill
  // that file's lines before the thing's own test is reached.
  const hitsOf = new Map<string, ReturnType<TreeSearch['lines']>>();
  const linesOf = (names: string[]) => {
    const key = names.join('\0');
    if (!hitsOf.has(key))
      hitsOf.set(
        key,
        search.lines([...new Set(names.flatMap(needlesOf))], { maxPerFile: 6, maxTotal: 3000 }),
      );
    return hitsOf.get(key)!;
  };
  const aspects = new Map<string, GapAspect | null>();
  // A test file counts when it holds a test the runner collects (not a test project's conf or data).
  const aspect = (file: string) => {
    if (!aspects.has(file)) {
      const a = aspectOf(file, search, profile);
      const collected = a !== 'test' || testNamesIn(file, search.read(file) ?? '').length > 0;
      aspects.set(file, collected ? a : null);
    }
    return aspects.get(file)!;
  };
  // Each name's first place per aspect.
  const placesOf = (names: string[], skip?: { file: string; line: number }): GapPlace[] => {
    const out = new Map<GapAspect, GapPlace>();
    for (const h of linesOf(names)) {
      if (skip && h.file === skip.file && h.line === skip.line) continue;
      const n = names.find((x) => needlesOf(x).some((s) => contains(h.text, s, true)));
      const a = n ? aspect(h.file) : null;
      if (n && a && !out.has(a))
        out.set(a, { aspect: a, name: n, file: h.file, line: h.line, text: h.text.trim() });
    }
    return [...out.values()];
  };
  const has = placesOf(thing.names, thing.at);
  const theirs = neighbours.map((d) => ({
    d,
    places: [
      { aspect: 'declaration' as const, name: d.name, file: d.file, line: d.line, text: d.text },
      ...placesOf([d.name], d),
    ],
  }));
  const lacks: GapPlace[] = [];
  const kinds = new Set<GapAspect>(theirs.flatMap((t) => t.places.map((p) => p.aspect)));
  for (const a of kinds) {
    if (a === 'declaration' ? thing.declared : has.some((p) => p.aspect === a)) continue;
    const with_ = theirs.filter((t) => t.places.some((p) => p.aspect === a));
    // Most neighbours have it (one of one, two of three or four): the project's habit, not one page.
    if (with_.length * 2 < theirs.length || !with_.length) continue;
    lacks.push(with_[0]!.places.find((p) => p.aspect === a)!);
  }
  return {
    neighbours: neighbours.map((d) => `${d.name} (${d.file}:${d.line})`),
    has,
    lacks,
    renamed: thing.renamed ?? false,
    help: thing.at && thing.names[0]?.startsWith('-') ? helpCommand(search, thing.at.file) : '',
  };
}

/** `<interpreter> <file> --help` for a script whose `#!` line names its interpreter (`#!/usr/bin/env node`). */
export function helpCommand(search: TreeSearch, file: string): string {
  const first = search.read(file)?.split('\n', 1)[0] ?? '';
  const m = /^#!\s*\S*?\/(?:env\s+(?:-S\s+)?)?([a-z][\w.-]*)\s*$/.exec(first);
  return m && /^(node|python[\d.]*|ruby|perl|bash|sh|deno|bun)$/.test(m[1]!) ? `${m[1]} ${file} --help` : '';
}

const WORDS: Record<GapAspect, string> = {
  declaration: 'a declaration with its help',
  test: 'a test that names it',
  docs: 'a docs entry',
  man: 'a man page entry',
  changelog: 'a changelog entry',
  completion: 'shell completions',
  typing: 'a typing or schema entry',
};

/** One line per lack: "a docs entry, as `--x` has at docs/usage.md:12". */
export const lackText = (l: GapPlace) => `${WORDS[l.aspect]}, as \`${l.name}\` has at ${l.file}:${l.line}`;
