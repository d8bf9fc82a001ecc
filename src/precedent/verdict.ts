/**
 * The verdict: does the project already have the requested thing? Compared with every declaration of the
 * same family by name (every spelling, then the synonym table), by help text against what the requirement
 * says the thing does, and for a parameter by whether its declared type accepts the new input.
 *
 * - met: a declaration has the name (or a synonym of it and the same purpose);
 * - partly-met: it exists but its type does not take what the requirement wants it to take;
 * - name-taken: the name exists for something else (another kind, or help that shares no idea with it);
 * - new: nothing like it; the nearest declaration of the family is the sibling to follow;
 * - unsure: the requirement names nothing, or the project declares nothing of that family.
 */
import { terms } from '../explore/tokenize.js';
import type { Declaration } from './declaration.js';
import type { Requested, RequestedKind } from './requested.js';
import { ideaOf, stemOf } from './synonyms.js';
import { keyOf, wordsOf } from './words.js';

export interface Verdict {
  verdict: 'met' | 'partly-met' | 'name-taken' | 'new' | 'unsure';
  /** The declarations that settle it. */
  evidence: Declaration[];
  missing: string;
  /** The existing thing to follow: the match itself when met, else the nearest of the family. */
  sibling?: Declaration;
  /** What the analysis weighed when it is unsure, or the runners-up. */
  candidates: Declaration[];
  /** One sentence: why this verdict. */
  reason: string;
}

const FAMILY: Record<RequestedKind, string> = {
  option: 'option',
  flag: 'option',
  setting: 'option',
  'config-value': 'option',
  'query-parameter': 'option',
  field: 'option',
  parameter: 'parameter',
  command: 'command',
  'menu-item': 'other',
  message: 'other',
  behaviour: 'other',
};

const ideas = (ws: string[]) => new Set(ws.map(ideaOf));
const squash = (ws: string[]) => ws.map(stemOf).join('');
/** Kinds given on a command line; the others are configuration. */
const CLI = new Set<RequestedKind>(['option', 'flag', 'command']);
const namesOf = (d: Declaration) => [d.name, ...d.aliases.filter((a) => a.replace(/^-+/, '').length > 1)];
const helpIdeas = (d: Declaration) => ideas(terms(d.help).filter((t) => t.length > 2));

/** How many of `a`'s ideas `b` has, over `a`'s size. */
function share(a: Set<string>, b: Set<string>): number {
  if (!a.size) return 0;
  let n = 0;
  for (const x of a) if (b.has(x)) n++;
  return n / a.size;
}

/** Types a declared type accepts, by the words types are written with across languages. */
const ACCEPTS: Record<string, RegExp> = {
  list: /list|List|Sequence|Iterable|Collection|tuple|Tuple|\[\]|Array|array|Vec|\bSet\b|set\[|\.\.\.|Slice|slice/,
  callable: /Callable|callable|=>|\bFn\b|FnMut|FnOnce|func\b|Function/,
  path: /Path|PathLike|path/,
  float: /float|Float|number|f32|f64|Decimal|Real/,
  int: /\bint\b|Int|number|usize|isize|[iu](8|16|32|64)\b|Integer/,
  str: /\bstr\b|string|String|&str|Text/,
  bytes: /bytes|Bytes|Buffer|Uint8Array|\[u8\]/,
  regex: /Pattern|RegExp|Regex|re\./,
  dict: /dict|Dict|Mapping|Record|object|Map|\{/,
  none: /None|Optional|null|undefined|\?|Option</,
};

export function typeAccepts(type: string, wanted: string): boolean | null {
  if (!type.trim()) return null;
  if (/\bAny\b|\bany\b|\bunknown\b|interface\{\}|\bobject\b/.test(type) && wanted !== 'none') return true;
  return ACCEPTS[wanted]?.test(type) ?? null;
}

interface Scored {
  d: Declaration;
  exact: boolean;
  /** Share of the requested name's ideas the declaration's name has (both ways: the smaller). */
  name: number;
  /** Share of the requirement's purpose ideas the declaration's help and name have. */
  help: number;
  within: boolean;
  sameJob: boolean;
  score: number;
}

export function decide(requested: Requested | null, declarations: Declaration[]): Verdict {
  if (!requested)
    return {
      verdict: 'unsure',
      evidence: [],
      missing: '',
      candidates: [],
      reason: 'the requirement names no option, setting, parameter or other thing to add or change',
    };
  const family = FAMILY[requested.kind];
  const key = keyOf(requested.name);
  const want = ideas(requested.words);
  const purpose = ideas(requested.purpose);
  const squashed = squash(requested.words);
  const cli = CLI.has(requested.kind);
  const scored: Scored[] = declarations.map((d) => {
    const dn = namesOf(d);
    const exact = dn.some((n) => keyOf(n) === key && key.length > 0);
    const nameIdeas = dn.map((n) => ideas(wordsOf(n)));
    // One word for two (`maxfail` for max-failures) is the same name.
    // An alias (a short name, a `dest`) counts a little less than the declared name.
    const weight = (k: number) => (k === 0 ? 1 : 0.8);
    const name = Math.max(
      0,
      ...dn.map((n, k) =>
        squashed.length >= 5 && squash(wordsOf(n)) === squashed
          ? weight(k)
          : weight(k) * Math.min(share(want, nameIdeas[k]!), share(nameIdeas[k]!, want)),
      ),
    );
    const theirs = helpIdeas(d);
    const about = new Set([...theirs, ...nameIdeas.flatMap((s) => [...s])]);
    const help = share(purpose, about);
    // Its whole name is in the requested one, and the requested name's one other word is in its help
    // (`--exclude` whose help says "glob" for a requested `--exclude-glob`).
    const within = nameIdeas.some(
      (ni) =>
        ni.size > 0 &&
        share(ni, want) === 1 &&
        want.size - ni.size === 1 &&
        [...want].every((w) => ni.has(w) || theirs.has(w)),
    );
    // What the requirement says it does is what its help says (three ideas or more, three quarters of them).
    const helpShared = [...purpose].filter((p) => about.has(p)).length;
    const sameJob = helpShared >= 3 && help >= 0.75;
    const kindBonus = CLI.has(d.kind) === cli ? 0.25 : 0;
    return { d, exact, name, help, within, sameJob, score: (exact ? 3 : 0) + name * 2 + help + kindBonus };
  });
  const sameFamily = (s: Scored) => FAMILY[s.d.kind] === family;
  const inFamily = scored.filter(sameFamily).sort((a, b) => b.score - a.score);

  // The name exists.
  const exact = scored.filter((s) => s.exact);
  const exactSame = exact.filter(sameFamily);
  if (exactSame.length) {
    const best = exactSame.sort((a, b) => b.help - a.help)[0]!;
    const d = best.d;
    for (const t of requested.accepts) {
      const ok = typeAccepts(d.type, t);
      if (ok === false)
        return {
          verdict: 'partly-met',
          evidence: [d],
          missing: `\`${d.name}\` is declared as \`${d.type}\`, which does not accept ${article(t)}`,
          sibling: d,
          candidates: [],
          reason: `\`${d.name}\` exists (${where(d)}) but its type does not take the new input`,
        };
    }
    const theirs = helpIdeas(d);
    if (
      requested.named &&
      purpose.size >= 2 &&
      theirs.size >= 2 &&
      share(purpose, theirs) === 0 &&
      best.help === 0
    )
      return {
        verdict: 'name-taken',
        evidence: [d],
        missing: '',
        sibling: inFamily.find((s) => !s.exact)?.d ?? d,
        candidates: [],
        reason: `\`${d.name}\` already exists (${where(d)}) for something else: "${d.help}"`,
      };
    return {
      verdict: 'met',
      evidence: exactSame.map((s) => s.d),
      missing: '',
      sibling: d,
      candidates: [],
      reason: `\`${d.name}\` is already declared (${where(d)})${d.help ? `: "${d.help}"` : ''}`,
    };
  }
  if (exact.length) {
    const d = exact[0]!.d;
    return {
      verdict: 'name-taken',
      evidence: [d],
      missing: '',
      sibling: inFamily[0]?.d,
      candidates: [],
      reason: `the name \`${d.name}\` is already a ${d.kind} (${where(d)})`,
    };
  }
  if (!inFamily.length)
    return {
      verdict: family === 'other' ? 'unsure' : 'new',
      evidence: [],
      missing: '',
      candidates: [],
      reason:
        family === 'other'
          ? `plansmith does not inventory declarations of this kind (${requested.kind})`
          : `the project declares no ${requested.kind} plansmith can read`,
    };

  // The same thing under another name: every idea of the name in the declaration's name (or the name as
  // one word), its whole name plus a word its help gives, or what the requirement says it does in its help.
  const synonym = inFamily.find(
    (s) =>
      (s.name >= 0.8 && want.size > 0) ||
      s.within ||
      s.sameJob ||
      (!requested.named && s.name >= 0.5 && s.help >= 0.6 && purpose.size >= 2),
  );
  if (synonym)
    return {
      verdict: 'met',
      evidence: [synonym.d],
      missing: '',
      sibling: synonym.d,
      candidates: inFamily
        .filter((s) => s !== synonym && s.score >= synonym.score * 0.8)
        .map((s) => s.d)
        .slice(0, 3),
      reason: `\`${synonym.d.name}\` (${where(synonym.d)}) already does this under another name${synonym.d.help ? `: "${synonym.d.help}"` : ''}`,
    };
  // New: the sibling is the nearest by name and help, and by module: a file whose path the requirement
  // names ("the `fetch` command") counts. Examples, docs and scripts only when the project has nothing else.
  const named = ideas(requested.targets.flatMap((t) => wordsOf(t)));
  const own = inFamily.filter((s) => !ASIDE.test(s.d.file));
  const pool = own.length ? own : inFamily;
  const inPath = (s: Scored) => share(ideas(wordsOf(s.d.file.replace(/\.\w+$/, ''))), named);
  const near = (s: Scored) => s.score + 0.5 * inPath(s);
  const nearest = [...pool].sort(
    (a, b) => near(b) - near(a) || a.d.file.localeCompare(b.d.file) || a.d.line - b.d.line,
  );
  // Near means half its name, or half of what the requirement says it does, or the module it names.
  const first = nearest[0]!;
  if (first.name >= 0.5 || first.help >= 0.5 || inPath(first) > 0) {
    const sibling = nearest[0]!.d;
    return {
      verdict: 'new',
      evidence: [],
      missing: '',
      sibling,
      candidates: nearest.slice(1, 4).map((s) => s.d),
      reason: `no ${requested.kind} with this name or a synonym; the nearest is \`${sibling.name}\` (${where(sibling)})`,
    };
  }
  // Nothing in common with any of them: the file that declares most of them, when one clearly does. A
  // command-line request follows only command-line declarations (a config file's settings are not where a
  // flag is registered); with none, the answer is unsure.
  const side = cli ? pool.filter((s) => CLI.has(s.d.kind)) : pool;
  const files = byFile(side);
  const [file, decls] = files[0] ?? ['', []];
  if (decls.length && decls.length >= side.length / 2) {
    const sibling = (decls.find((s) => s.d.kind === requested.kind) ?? decls[0]!).d;
    return {
      verdict: 'new',
      evidence: [],
      missing: '',
      sibling,
      candidates: files.slice(1, 4).map(([, ds]) => ds[0]!.d),
      reason: `no ${requested.kind} like it; \`${file}\` declares most of them (${decls.length} of ${side.length})`,
    };
  }
  return {
    verdict: 'unsure',
    evidence: [],
    missing: '',
    candidates: (files.length ? files : byFile(pool)).slice(0, 4).map(([, ds]) => ds[0]!.d),
    reason: files.length
      ? `no ${requested.kind} like it, and the project declares them in several places (${files.length} files)`
      : `no ${requested.kind} like it, and no declaration given on the command line to follow`,
  };
}

/** Declarations grouped by file, the file that declares most first. */
function byFile(list: Scored[]): [string, Scored[]][] {
  const perFile = new Map<string, Scored[]>();
  for (const s of list) perFile.set(s.d.file, [...(perFile.get(s.d.file) ?? []), s]);
  return [...perFile.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}

/** Examples, docs, scripts and benchmarks: they show options, they are not the project's own. */
const ASIDE = /(^|\/)(examples?|docs?|doc_src|samples?|scripts?|tools|benchmarks?|bench|testing|fixtures?)\//;

const where = (d: Declaration) => `${d.file}:${d.line}`;
const article = (t: string) =>
  ({
    list: 'a list',
    callable: 'a callable',
    path: 'a path',
    float: 'a float',
    int: 'an integer',
    str: 'a string',
    bytes: 'bytes',
    regex: 'a regular expression',
    dict: 'a mapping',
    none: 'None',
  })[t] ?? t;
