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
import { fileStem } from './code-shape.js';
import type { Declaration } from './declaration.js';
import { valueFacts } from './declaration.js';
import { type Forwarded, isForwarded } from './passthrough.js';
import type { Requested, RequestedKind } from './requested.js';
import { saysNot } from './requested.js';
import { fileOf, type TreeSearch } from './search.js';
import {
  FAMILY_WEIGHT,
  type Job,
  jobOf,
  type NameFamily,
  nameFamilyOf,
  nameFamilyText,
  otherNameWords,
  shapeGap,
  subjectInHelp,
  VALUE_JOB_NOUN,
} from './sibling-job.js';
import { ideaOf, stemOf } from './synonyms.js';
import { takesFit, typeFit } from './values.js';
import { akin, keyOf, wordsOf } from './words.js';

export interface Verdict {
  verdict: 'met' | 'partly-met' | 'name-taken' | 'new' | 'unsure';
  /** The declarations that settle it. */
  evidence: Declaration[];
  missing: string;
  /** The existing thing to follow: the match itself when met, else the nearest of the family. */
  sibling?: Declaration;
  /** The sibling is the first of several as near as each other: followed, but which one is unsure. */
  tentative?: boolean;
  /** What the analysis weighed when it is unsure, or the runners-up. */
  candidates: Declaration[];
  /** One sentence: why this verdict. */
  reason: string;
  /** Met by a declaration the requirement says under another spelling (`saidAsName`, a short name). */
  said?: boolean;
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
const ARTICLE = new Set(['a', 'an', 'the', 'of']);
/**
 * Words that link a name's words inside it and carry no idea of its own there: `kill-others-if-one-fails`
 * and `kill-others-on-fail` are the same name (a first or last word is kept: `--on`, `--one-file-system`).
 */
const LINKING = new Set(['if', 'when', 'whenever', 'on', 'upon', 'once', 'one', 'any', 'after']);
const unlinked = (ws: string[]) =>
  ws.filter((w, k) => ws.length < 3 || k === 0 || k === ws.length - 1 || !LINKING.has(w.toLowerCase()));
/** Verbs a made name opens with that a `no-` name says (`skipping encryption` is `--no-encrypt`). */
const SKIPPING = new Set(['skip', 'omit', 'without', 'dont']);
/**
 * Two words of names the same in a looser reading, for names made from prose: the same idea, the same word
 * in another form (`simpler` and `simple`, `encryption` and `encrypt`), a skipping verb and `no`.
 */
export function looselySame(a: string, b: string): boolean {
  const x = stemOf(a);
  const y = stemOf(b);
  if (ideaOf(a) === ideaOf(b) || akin(x, y)) return true;
  return (SKIPPING.has(x) && y === 'no') || (SKIPPING.has(y) && x === 'no');
}
/**
 * A help's first sentence, which says what the thing does; the sentences after it explain, and may say the
 * negation again ("Do not indent … This flag disables that"), which counted with the first reads as none.
 */
const summaryOf = (help: string) => help.split(/[.!?](?:\s|$)/)[0] ?? help;
/** A verb's noun is the verb (`indentation` and `indent`): the word without a noun ending, five letters kept. */
const nounless = (w: string) => w.toLowerCase().replace(/(?<=[a-z]{5})(?:ation|ion|ment)$/, '');
const formSame = (a: string, b: string) => looselySame(a, b) || stemOf(nounless(a)) === stemOf(nounless(b));
/** A word without a prefix that negates it: `unconfigured` speaks of configuration too. */
const unprefixed = (w: string) => w.toLowerCase().replace(/^(?:un|non|dis)(?=[a-z]{5})/, '');
/** Some word of `a` is a word of `b` in another form (a prefix that negates it, another ending, a synonym). */
const formShared = (a: string[], b: string[]) =>
  a.some((x) => x.length > 2 && b.some((y) => y.length > 2 && looselySame(unprefixed(x), unprefixed(y))));
/** How many of `a`'s words `b` has in the looser reading, over `a`'s size. */
const looseShare = (a: string[], b: string[]) =>
  a.length ? a.filter((x) => b.some((y) => looselySame(x, y))).length / a.length : 0;
/**
 * Words that say only how a thing is asked for, not what it does: `--force-url-http` is `--http-url`
 * forced, when the declaration's help says what the request says beyond the name.
 */
const CONTROL = new Set(['force', 'always', 'use', 'enable']);
const squash = (ws: string[]) => ws.map(stemOf).join('');
/** Kinds given on a command line; the others are configuration. */
const CLI = new Set<RequestedKind>(['option', 'flag', 'command']);
/** Extractors whose declarations are read from configuration (a config file, the environment), never argv. */
const CONFIG_VIA = new Set([
  'env',
  'config-registry',
  'pytest-ini',
  'settings-table',
  'settings-class',
  'options-type',
]);
const namesOf = (d: Declaration) => [d.name, ...d.aliases.filter((a) => a.replace(/^-+/, '').length > 1)];
/**
 * The ideas of a declaration's help. `terms` takes a plural's `s` alone ("addresses" → `addresse`, "matches"
 * → `matche`), which `ideaOf` does not read as the requirement's `address` or `match`: a plural in `-es`
 * after `ss`, `ch`, `sh` or `x` counts as written too.
 */
const helpIdeas = (d: Declaration) =>
  ideas([
    ...terms(d.help).filter((t) => t.length > 2),
    ...wordsOf(d.help).filter((w) => /(?:ss|ch|sh|x)es$/.test(w)),
  ]);

/** Verbs that turn a thing on or off: in a request for a choice (`unkinded`), the choice, not the thing. */
const SWITCH_IDEAS = new Set(
  ['disable', 'enable', 'toggle', 'turn', 'off', 'on', 'allow', 'make', 'optional'].map(ideaOf),
);

/**
 * Verbs of control ("allow to override …", "the ability to set …"): in a request for a choice, how the user
 * makes it, not what it is about.
 */
const CONTROL_IDEA = /^(?:overrid\w*|customi[sz]\w*|configur\w*|set|sett|chang\w*|specif\w*|choos\w*)$/;
/** Words of a place a value says: a location, a path, a folder (`file` is the idea of `path`). */
const PLACE_IDEAS = new Set(['location', 'place', 'file', 'dir'].map(ideaOf));
const isPlace = (idea: string) => PLACE_IDEAS.has(idea);
/** One idea for where a thing is, in a request that says a location. */
const WHERE = '\u0000where';
/**
 * The ideas of a request for a choice (`unkinded`) that a declaration must say: its words but the verbs that
 * turn it on or off and those of control. Where it says a location ("override the location of the cache
 * dir"), the location and the folder or file it is of are one idea, the path: a declaration that says a
 * path, a folder or a location says it (`--cache-path`).
 */
function choiceCore(purpose: Set<string>): string[] {
  const core = [...purpose].filter((p) => !SWITCH_IDEAS.has(p) && !CONTROL_IDEA.test(p));
  const located = core.some((p) => p === ideaOf('location') || p === ideaOf('place'));
  return located ? [...new Set(core.map((p) => (isPlace(p) ? WHERE : p)))] : core;
}

type Side = 'cli' | 'config' | 'env' | 'both' | 'parameter';

/**
 * Where a declaration is given: on the command line, in configuration, in the environment, or either
 * command line or configuration (an option table's rows, which tools read from both).
 */
export function sideOf(d: Declaration): Side {
  if (d.kind === 'parameter') return 'parameter';
  // An environment read, or an option table's row named like an environment variable (a table of them
  // with their help).
  if (d.via === 'env' || (d.via === 'option-table' && /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(d.name)))
    return 'env';
  if (CONFIG_VIA.has(d.via)) return 'config';
  if (d.via === 'option-table' && !d.name.startsWith('-')) return 'both';
  return CLI.has(d.kind) ? 'cli' : 'config';
}

/**
 * The sides whose declaration of the requested name meets a request for `side`. A command-line option
 * is also a configuration key in many tools (their config files hold the long options), so it meets a
 * configuration request; a setting or an environment variable never gives a flag.
 */
const MEETS: Record<'cli' | 'config' | 'env', Set<Side>> = {
  cli: new Set(['cli', 'both']),
  config: new Set(['config', 'both', 'cli']),
  env: new Set(['env']),
};

export const SIDE_WORDS: Record<Side, string> = {
  cli: 'a command-line option',
  config: 'a configuration value',
  env: 'an environment variable',
  both: 'an option',
  parameter: 'a parameter',
};

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
  /** Its help says the requirement's job the other way round (one turns off what the other turns on). */
  opposite: boolean;
  /** How near its module is to the places the requirement names (0–1). */
  module: number;
  /** The requirement says its name: its short alias with a word of its name, or its words (`saidAsName`). */
  said: boolean;
  /** Its name is the requested one linked otherwise (`relinked`). */
  relinked: boolean;
  /** Its name is within the requested thing and its help says the rest (`coveredBy`). */
  covered: boolean;
  /** Unnamed: its name says every word of the made name and no word the request does not (`whole`). */
  whole: boolean;
  /** Share of the requirement's purpose ideas its help alone says (two at least, else 0). */
  helpAlone: number;
  /** Its name is the requested one's words as written, joined or split otherwise (`ignorelonglines`). */
  oneWord: boolean;
  score: number;
}

/** What the analysis knows of the places a requirement names (`Requested.modules`): their files. */
export interface Places {
  /** Project files of the modules, commands or files the requirement names. */
  files: string[];
  /** The flags the project hands on to a program the requirement names (`forwardedFlags`). */
  forwarded?: Forwarded | null;
}

/** File stems too common to say which module a name belongs to. */
const GENERIC_STEM =
  /^(?:main|cli|index|init|__init__|__main__|mod|lib|app|core|base|utils?|helpers?|common|config|configuration|settings|options|args|arguments|flags|types|constants)$/;

export function decide(
  requested: Requested | null,
  declarations: Declaration[],
  places: Places = { files: [] },
): Verdict {
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
  // The requested words without the linking words inside them (`unlinked`).
  const made = unlinked(requested.words);
  const want = ideas(made);
  const purpose = ideas(requested.purpose);
  const squashed = squash(requested.words);
  // The side the requirement asks for: the command line, configuration, the environment, or any (it does
  // not say). Siblings and synonyms come from that side; an exact name from the sides that meet it.
  const asked = family === 'option' ? requested.side : null;
  // Configuration asked of a project that declares none (no config file key, no settings table, nothing
  // read from a config file): "a new config to …" says that users set it, not where, and what users set
  // there is what the project declares on its other sides (its flags, its environment variables), so
  // siblings and synonyms come from every side. An exact name still meets only as the side asked allows.
  const side =
    asked === 'config' &&
    !declarations.some((d) => FAMILY[d.kind] === 'option' && ['config', 'both'].includes(sideOf(d)))
      ? null
      : asked;
  const onSide = (d: Declaration) => {
    const s = sideOf(d);
    return side === null || s === side || (s === 'both' && side !== 'env');
  };
  const meets = (d: Declaration) => asked === null || MEETS[asked].has(sideOf(d));
  // The module a declaration is in, against the places the requirement names: its own file (1), a file in
  // the same folder (0.5); a file whose name is a word of the requested name (`doctest.py` for
  // `doctest_fail_fast`) counts 0.5 too.
  const placeFiles = new Set(places.files);
  const placeDirs = new Set(places.files.map(dirOf));
  const nameWords = new Set(requested.words.filter((w) => w.length > 2).map(stemOf));
  const moduleScore = (d: Declaration) => {
    if (placeFiles.has(d.file)) return 1;
    const stem = stemOfPath(d.file);
    const byName = !GENERIC_STEM.test(stem) && nameWords.has(stemOf(stem)) ? 0.5 : 0;
    return Math.max(byName, placeDirs.has(dirOf(d.file)) ? 0.5 : 0);
  };
  const prefixes = envPrefixes(declarations);
  const scored: Scored[] = declarations.map((d) => {
    const dn = namesOf(d);
    // An environment variable under the project's prefix is named by the rest (`SHELF_PAGER` is `pager`),
    // also when the prefix is a constant or a reader's (`env("PAGER")`) and the code writes only the rest.
    if (d.via === 'env') {
      const [head, ...rest] = wordsOf(d.name);
      if (d.bare) dn.push(d.bare);
      else if (head && rest.length && prefixes.has(head)) dn.push(rest.join('_'));
    }
    const exact = dn.some((n) => keyOf(n) === key && key.length > 0);
    // An article or "of" inside a name (`end-of-line`) carries no idea of its own.
    const nameIdeas = dn.map((n) => ideas(unlinked(wordsOf(n).filter((w) => !ARTICLE.has(w)))));
    // One word for two (`maxfail` for max-failures) is the same name.
    // An alias (a short name, a `dest`) counts a little less than the declared name.
    const weight = (k: number) => (k === 0 ? 1 : 0.8);
    // A name made from prose is read loosely (`made`): its words in another form, a skipping verb for a `no-`.
    const name = Math.max(
      0,
      ...dn.map((n, k) =>
        squashed.length >= 5 && squash(wordsOf(n)) === squashed
          ? weight(k)
          : weight(k) *
            Math.max(
              Math.min(share(want, nameIdeas[k]!), share(nameIdeas[k]!, want)),
              requested.named ? 0 : Math.min(looseShare(made, wordsOf(n)), looseShare(wordsOf(n), made)),
            ),
      ),
    );
    const theirs = helpIdeas(d);
    const about = new Set([...theirs, ...nameIdeas.flatMap((x) => [...x])]);
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
    // A requirement that names the thing must say what it does beyond its name: the name's own words
    // found in a neighbour's name and help (`ignore-pattern-in-long-lines` in `ignore-long-lines`, "regexp")
    // are a sibling, not the same job.
    const beyondName = [...purpose].filter((p) => !want.has(p) && about.has(p)).length;
    // Said the other way round ("always respect ignore files" against "do not respect ignore files") is
    // the opposite job, however many words the two share.
    // A choice asked with no kind word (`unkinded`: "optionally disable x") is either way round: a switch
    // that turns x off and one that turns it on both make it optional.
    const opposite =
      !requested.unkinded &&
      requested.negated !== undefined &&
      Boolean(d.help) &&
      saysNot(summaryOf(d.help)) !== requested.negated;
    // A request that names no kind nor thing (`unkinded`: "make checking email addresses optional") has
    // only its words to tell the thing: the same job is a help that says every one of them, but the verbs
    // that turn it on or off (the choice itself, said either way).
    const core = requested.unkinded ? choiceCore(purpose) : [];
    // A name the requirement gives says what the thing is: the rest may only say where it applies ("for
    // non-interactive mode"). Another declaration that says under half the name's ideas does the same job
    // only when its help says four ideas or more of the rest (what it does, not only where).
    // A name the requirement gives is said by more than half of its ideas (`--show-moved` is not said by a
    // help that shows titles: "moved" is the name's point).
    const nameSaid = [...want].filter((w) => about.has(w)).length * 2;
    const saysGivenName = (requested.given ? nameSaid > want.size : nameSaid >= want.size) || beyondName >= 4;
    const sameJob = requested.unkinded
      ? core.length >= 3 && core.every((p) => about.has(p) || (p === WHERE && [...about].some(isPlace)))
      : helpShared >= 3 &&
        help >= 0.75 &&
        (!requested.named || (beyondName >= 2 && saysGivenName)) &&
        !opposite;
    // What its help alone says of the requirement's purpose (its name's words left out): a name sharing
    // the request's words is half the evidence, its help saying them too the other half.
    const helpSays = [...purpose].filter((p) => theirs.has(p)).length;
    const helpAlone = purpose.size ? helpSays / purpose.size : 0;
    const sideBonus = side !== null && onSide(d) ? 0.25 : 0;
    const covered = coveredBy(requested, d, dn, want, nameIdeas, theirs);
    const module = moduleScore(d);
    // A short name given without a long one, on a declaration each word of whose name (but a `no`) the
    // request is for: `-P` "to strip prefix" is `--strip-prefix`; `-i` "to ignore hidden files" is not
    // `--ignore-case`, one shared word.
    const said =
      !requested.named &&
      d.aliases.some((a) => requested.shorts?.includes(a)) &&
      dn.some((n) => {
        const w = wordsOf(n).filter((x) => x !== 'no');
        return w.length > 0 && w.every((x) => purpose.has(ideaOf(x)));
      });
    // Unnamed: its name says every word of the made name and only words the request says, in loose forms
    // (`--no-indent-labels` for "disable indentation of labels"), and its help, if any, shares an idea.
    const whole =
      !requested.named &&
      made.length >= 2 &&
      !opposite &&
      (!d.help || [...purpose].some((p) => theirs.has(p))) &&
      dn.some((n) => {
        const w = unlinked(wordsOf(n).filter((x) => !ARTICLE.has(x)));
        const said = [...requested.words, ...requested.purpose];
        return (
          w.length >= 2 &&
          made.every((m) => w.some((x) => formSame(m, x))) &&
          w.every((x) => said.some((p) => formSame(x, p)))
        );
      });
    return {
      d,
      exact,
      name,
      whole,
      help,
      within,
      sameJob,
      opposite,
      module,
      said: said || saidAsName(requested, dn),
      covered: covered && !opposite,
      helpAlone: helpSays >= 2 ? helpAlone : 0,
      oneWord: dn.some((n) => wordsOf(n).join('') === requested.words.join('')),
      relinked: relinked(made, requested.words.length, dn),
      score: (exact ? 3 : 0) + name * 2 + help + sideBonus + 0.5 * module,
    };
  });
  const sameFamily = (s: Scored) => FAMILY[s.d.kind] === family;
  const inFamily = scored.filter(sameFamily).sort((a, b) => b.score - a.score);
  // The same kind: the family, on the side the requirement asks for.
  const sameKind = inFamily.filter((s) => onSide(s.d));

  // The name exists. A command's name and an option's live apart (`tool sort` beside `tool --sort`): one
  // never holds the other's name.
  const exact = scored.filter((s) => s.exact && (s.d.kind === 'command') === (family === 'command'));
  const exactSame = exact.filter((s) => sameFamily(s) && meets(s.d));
  if (exactSame.length) {
    const best = exactSame.sort(
      (a, b) => Number(onSide(b.d)) - Number(onSide(a.d)) || b.help - a.help || b.module - a.module,
    )[0]!;
    const d = best.d;
    // The requirement names a command, one the project registers options on, and the name is registered
    // only on others: what is missing is the option on that command, copied from the one that exists.
    // A command is the module's last word (`pipx run`, "the prune command"), the first word of a scope.
    const isCommand = (m: string, scope: string) =>
      wordsOf(m).length <= 3 && wordsOf(m).at(-1) === wordsOf(scope)[0] && !GENERIC_SCOPE.test(scope);
    const named = requested.modules.filter((m) => declarations.some((x) => x.scope && isCommand(m, x.scope)));
    const elsewhere =
      named.length > 0 &&
      exactSame.every(
        (x) => x.d.scope && !named.some((m) => isCommand(m, x.d.scope!)) && !placeFiles.has(x.d.file),
      );
    if (elsewhere)
      return {
        verdict: 'partly-met',
        evidence: [d],
        missing: `\`${requested.name}\` on \`${named[0]}\` (it is registered on \`${d.scope}\`, ${where(d)})`,
        sibling: d,
        candidates: exactSame
          .filter((x) => x !== best)
          .map((x) => x.d)
          .slice(0, 3),
        reason: `\`${d.name}\` exists on \`${d.scope}\` (${where(d)}), not on \`${named[0]}\``,
      };
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
    // The thing exists, but the requirement asks what one of its values should do: that behaviour is the gap.
    if (requested.valueChange)
      return {
        verdict: 'partly-met',
        evidence: [d],
        missing: `what the requirement asks of a value of \`${d.name}\` (${requested.valueChange})`,
        sibling: d,
        candidates: [],
        reason: `\`${d.name}\` exists (${where(d)}); what the requirement asks of its value is the change`,
      };
    // Taken by something else only on strong evidence: the requirement says in four ideas or more what it
    // does and the declaration's help (two or more) shares none of them, not even in another form of a
    // word (`unconfigured` against "your config file"). A changelog line's few words and a help text
    // written for the same option often have no word in common.
    const theirs = helpIdeas(d);
    if (
      requested.named &&
      purpose.size >= 4 &&
      theirs.size >= 2 &&
      share(purpose, theirs) === 0 &&
      best.help === 0 &&
      !formShared(requested.purpose, [...wordsOf(d.help), ...namesOf(d).flatMap(wordsOf)])
    )
      return {
        verdict: 'name-taken',
        evidence: [d],
        missing: '',
        sibling: sameKind.find((x) => !x.exact)?.d ?? d,
        candidates: [],
        reason: `\`${d.name}\` already exists (${where(d)}) for something else: "${d.help}"`,
      };
    return {
      verdict: 'met',
      evidence: exactSame.map((x) => x.d),
      missing: '',
      sibling: d,
      candidates: [],
      reason: `\`${d.name}\` is already declared (${where(d)})${d.help ? `: "${d.help}"` : ''}`,
    };
  }
  // A command asked of a program that declares no command, whose switch of exactly that name exists: a
  // program without sub-commands runs its modes as switches (`tool --dump-config`), so that switch is the
  // command asked, met as a flag and said so. Where the program has commands, `--x` and `x` stay apart.
  if (family === 'command' && !declarations.some((x) => x.kind === 'command')) {
    const mode = scored.find(
      (s) =>
        s.exact && sideOf(s.d) === 'cli' && FAMILY[s.d.kind] === 'option' && valueFacts(s.d).takes === 'none',
    )?.d;
    if (mode)
      return {
        verdict: 'met',
        evidence: [mode],
        missing: '',
        sibling: mode,
        candidates: [],
        reason: `\`${requested.name}\` exists as a flag, \`${mode.name}\` (${where(mode)}), not a command: the project declares no commands, and runs it as that switch${mode.help ? `: "${mode.help}"` : ''}`,
      };
  }
  // The name exists in the family, on the other side (an environment variable for a requested flag): what
  // is missing is the requested side.
  const exactOther = exact.filter(sameFamily);
  if (exactOther.length && asked !== null) {
    const d = exactOther[0]!.d;
    // The declaration to follow on the missing side, chosen as a new one's is (a switch asked follows a
    // switch, not an option that shares a name word and takes a value); when that is unsure, the nearest
    // of the same form, followed as unsure with the candidates.
    const chosen = chooseSibling(requested, sameKind, true, {
      want,
      purpose,
      placeFiles,
      forwarded: places.forwarded ?? null,
    });
    const sameForm = sameKind.filter((x) => takesFit(requested.takes, valueFacts(x.d).takes) === 1);
    const sibling = chosen.sibling ?? nearestOf(sameForm.length ? sameForm : sameKind)?.d;
    return {
      verdict: 'partly-met',
      evidence: [d],
      // The side missing first, then what exists: "missing: a command-line option (`X` is an environment variable, …)".
      missing: `${SIDE_WORDS[asked]} (\`${d.name}\` is ${SIDE_WORDS[sideOf(d)]}, ${where(d)})`,
      ...(sibling ? { sibling } : {}),
      ...(sibling && (chosen.tentative || !chosen.sibling) ? { tentative: true } : {}),
      candidates: chosen.candidates.filter((c) => c !== sibling),
      reason: `\`${d.name}\` exists as ${SIDE_WORDS[sideOf(d)]} (${where(d)}), not as ${SIDE_WORDS[asked]}`,
    };
  }
  if (exact.length) {
    const d = exact[0]!.d;
    return {
      verdict: 'name-taken',
      evidence: [d],
      missing: '',
      sibling: sameKind[0]?.d,
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

  // The same thing under another name, of the same kind: every idea of the name in the declaration's name
  // (or the name as one word), its whole name plus a word its help gives, or what the requirement says it
  // does in its help.
  // A request that names no kind (`implied`) is met only by an option of the command it names, said so.
  const onCommand = (x: Scored) =>
    x.module === 1 || (x.d.scope !== undefined && requested.modules.some((m) => sameCommand(m, x.d.scope!)));
  if (requested.implied) {
    const said = sameKind.find((x) => x.said && onCommand(x));
    return said
      ? metUnder(said, sameKind)
      : { ...NOTHING_SAID, reason: 'no option of the named command is said' };
  }
  // Options of a place, no name and nothing they do ("configuration options for the `duration` extension"):
  // met by the things of that kind the place's own files declare, two or more, each cited.
  if (requested.several) {
    const own = sameKind
      .filter((x) => x.module === 1)
      .sort((a, b) => a.d.file.localeCompare(b.d.file) || a.d.line - b.d.line);
    if (own.length >= 2)
      return {
        verdict: 'met',
        evidence: own.slice(0, 6).map((x) => x.d),
        missing: '',
        sibling: own[0]!.d,
        candidates: [],
        reason: `${requested.modules[0]} already declares ${own.length} ${requested.kind === 'config-value' ? 'configuration values' : `${requested.kind}s`}: ${own
          .slice(0, 6)
          .map((x) => `\`${x.d.name}\` (${where(x.d)})`)
          .join(', ')}${own.length > 6 ? ', …' : ''}`,
      };
  }
  // "configurable timestamps": met under another name only by a declaration whose name has the noun
  // "configurable" qualifies, a name the code really has.
  const noun = requested.configurable ? ideaOf(requested.configurable) : null;
  const hasNoun = (x: Scored) => !noun || namesOf(x.d).some((n) => ideas(wordsOf(n)).has(noun));
  // A name the requirement gives the thing (`--x`, "the `x` option") that is not the declaration's is
  // another name. A synonym of it (`--limit-files` for `--max-files`) meets it only when the declaration's
  // own help says what the requirement says (0.6 of its ideas, two at least), or help that says the same
  // job (`sameJob`); the same words in another form (`--disable-formats` beside `--disable-format`) or the
  // declaration's name and one more word never do: a neighbour, what a new one is added beside. The name
  // as written, joined otherwise (`ignorelonglines`), is the same name. A name spelled in prose but not
  // given, in another form of its words (a plural), is not the name either.
  const given = requested.named && requested.given === true;
  const byName = (x: Scored) =>
    x.name >= 0.8 &&
    want.size > 0 &&
    (x.oneWord ||
      x.relinked ||
      (!(requested.named && inflected(requested, x.d)) && (!given || x.helpAlone >= 0.6)));
  // With no name, the words made into one are shared by the declaration's name, and its help, not only its
  // name, says what the requirement says (two ideas or more, 0.6 of them).
  // A request for a choice (`unkinded`) has only its words: a name with a word they do not say
  // (`artifact-server-port` for "override of artifact server bind address") is a neighbour.
  const nameWithinRequest = (x: Scored) =>
    !requested.unkinded || wordsOf(x.d.name).every((w) => requested.purpose.some((p) => looselySame(w, p)));
  const byNameAndHelp = (x: Scored) =>
    !requested.named &&
    x.name >= 0.5 &&
    x.helpAlone >= 0.6 &&
    purpose.size >= 2 &&
    !x.opposite &&
    nameWithinRequest(x);
  // Another name the requirement gives the same thing: a short name ("`--mode` (also `-m`)") the
  // declaration has, or an environment variable it names under the program's prefix (`--mode` and
  // `SHELF_COLOR_MODE` for `--color-mode`). A declaration of the side asked, whose name has every word of
  // the requested one and more, answering to it is the thing under its fuller name, as the request says.
  const fuller = (x: Scored) => {
    const theirs = wordsOf(x.d.name);
    return (
      theirs.length > requested.words.length && requested.words.every((w) => ideas(theirs).has(ideaOf(w)))
    );
  };
  const answers = (x: Scored) =>
    x.d.aliases.some((a) => requested.shorts?.includes(a)) ||
    requested.alternatives.some((alt) => {
      const w = wordsOf(alt).join('-');
      const rest = /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(alt) ? wordsOf(alt).slice(1).join('-') : '';
      return [w, rest].includes(wordsOf(x.d.name).join('-'));
    });
  const otherName = given
    ? sameKind.find((x) => sideOf(x.d) !== 'env' && fuller(x) && answers(x) && !x.opposite)
    : undefined;
  if (otherName) return metUnder({ ...otherName, said: true }, sameKind);
  const synonym = sameKind.find(
    (x) =>
      hasNoun(x) &&
      (x.said || byName(x) || (x.within && !given) || x.sameJob || byNameAndHelp(x) || x.covered || x.whole),
  );
  // A name the requirement spells that only contains an existing one (`ignore-pattern-in-long-lines` over
  // `ignore-long-lines`, whose help says "regexp") is a neighbour, not proof: the words that differ may be
  // the whole change. Partly met: the existing one is the sibling, the requested name is what is missing.
  // The name linked otherwise is the name the requirement says: named as the code names it.
  if (synonym) return metUnder(synonym.relinked ? { ...synonym, said: true } : synonym, sameKind);
  const chosen = chooseSibling(requested, sameKind.length ? sameKind : inFamily, sameKind.length > 0, {
    want,
    purpose,
    placeFiles,
    forwarded: places.forwarded ?? null,
  });
  // A declaration whose name has the requested name's ideas but is not it (another form, a synonym): the
  // new thing goes beside it, and the plan says it exists, so the requester can say if it is the one meant.
  const near = sameKind.find((x) => hasNoun(x) && x.name >= 0.8 && want.size > 0 && !x.opposite);
  if (!near || chosen.verdict !== 'new') return chosen;
  const form = inflected(requested, near.d)
    ? 'the same words in another form'
    : 'a name of the same words or their synonyms';
  return {
    ...chosen,
    candidates:
      chosen.sibling === near.d
        ? chosen.candidates
        : [near.d, ...chosen.candidates.filter((c) => c !== near.d)].slice(0, 4),
    reason: `${chosen.reason}; \`${near.d.name}\` (${where(near.d)}) is ${form}, not the name \`${requested.name}\` asked: if the requirement means it, it is met there`,
  };
}

/**
 * The same name linked otherwise: the words that say what it is, one by one the same ideas in the same
 * order, and linking words inside one of the names or both (`kill-others-if-one-fails` and
 * `kill-others-on-fail`). Said in prose either way; no word that names a thing differs. `unlinkedWords` are
 * the requested words without their linking words, `count` how many the requested words were.
 */
function relinked(unlinkedWords: string[], count: number, names: string[]): boolean {
  const mine = unlinkedWords.map(ideaOf);
  return names.some((n) => {
    const w = wordsOf(n);
    const theirs = unlinked(w).map(ideaOf);
    return (
      mine.length >= 2 &&
      (mine.length < count || theirs.length < w.length) &&
      theirs.length === mine.length &&
      theirs.every((x, k) => x === mine[k])
    );
  });
}

/**
 * The declaration's name (two words or more) is within the requested thing and its help says what the
 * request says beyond the name. Unnamed: every word of its name is a word of what the request says (in
 * any form: "simpler dot-based graphics" has `--simple-graphics`), and its help says at least half of the
 * request's other words ("uses dot characters"). Named: the requested name is the declaration's and one
 * word that says only how it is asked for (`--force-url-http` over `--http-url`), the help says at least
 * half of what the request says beyond both names, one word at least, and a switch is not met by an option
 * that takes a value. The words that differ may otherwise be the whole change (`--squeeze-limit`).
 */
function coveredBy(
  requested: Requested,
  d: Declaration,
  dn: string[],
  want: Set<string>,
  nameIdeas: Set<string>[],
  theirs: Set<string>,
): boolean {
  const agrees = (rest: string[]) =>
    rest.length > 0 && rest.filter((w) => theirs.has(ideaOf(w))).length * 2 >= rest.length;
  if (!requested.named) {
    const said = [...new Set([...requested.words, ...requested.purpose])];
    return dn.some((n) => {
      const w = wordsOf(n).filter((x) => !ARTICLE.has(x));
      if (w.length < 2 || !w.every((x) => said.some((p) => looselySame(x, p)))) return false;
      return agrees(said.filter((p) => !w.some((x) => looselySame(x, p))));
    });
  }
  const takes = valueFacts(d).takes;
  if (requested.takes && takes && requested.takes !== takes) return false;
  return nameIdeas.some((ni) => {
    if (ni.size < 2 || want.size - ni.size !== 1 || ![...ni].every((w) => want.has(w))) return false;
    if (![...want].every((w) => ni.has(w) || CONTROL.has(w))) return false;
    return agrees([...new Set(requested.purpose.filter((p) => !want.has(ideaOf(p)) && !ni.has(ideaOf(p))))]);
  });
}

/** The declaration's name is the requested one's words, each the same stem, in another form (a plural). */
function inflected(requested: Requested, d: Declaration): boolean {
  const want = requested.words.map((w) => w.toLowerCase());
  return namesOf(d).some((n) => {
    const w = wordsOf(n).map((x) => x.toLowerCase());
    return (
      w.length === want.length &&
      w.join('-') !== want.join('-') &&
      w.every((x, k) => stemOf(x) === stemOf(want[k]!))
    );
  });
}

function metUnder(synonym: Scored, sameKind: Scored[]): Verdict {
  // The same name declared again on its side (on another command) is the same thing: each is evidence, as
  // for an exact name.
  const again = sameKind.filter(
    (x) => x !== synonym && keyOf(x.d.name) === keyOf(synonym.d.name) && sideOf(x.d) === sideOf(synonym.d),
  );
  return {
    verdict: 'met',
    evidence: [synonym.d, ...again.map((x) => x.d)].slice(0, 6),
    missing: '',
    sibling: synonym.d,
    candidates: sameKind
      .filter((x) => x !== synonym && x.score >= synonym.score * 0.8)
      .map((x) => x.d)
      .slice(0, 3),
    ...(synonym.said ? { said: true } : {}),
    reason: `\`${synonym.d.name}\` (${where(synonym.d)}) already does this${synonym.said ? ', as the requirement says it' : ' under another name'}${synonym.d.help ? `: "${synonym.d.help}"` : ''}`,
  };
}

const NOTHING_SAID: Verdict = { verdict: 'unsure', evidence: [], missing: '', candidates: [], reason: '' };

/** A command the requirement names (`nyc instrument`) and the scope a declaration is registered on. */
const sameCommand = (named: string, scope: string) =>
  wordsOf(named).includes(wordsOf(scope)[0] ?? '') && !GENERIC_SCOPE.test(scope);

/** A run of `said` in one clause, shorter than the name's `count` words, that spells `joined`. */
function closedRun(said: string[], joined: string, count: number): boolean {
  return said.some((_, k) => {
    let run = '';
    for (let j = k; j < said.length && said[j] !== '' && j - k + 1 < count; j++) {
      run += said[j]!.toLowerCase();
      if (run === joined) return true;
      if (run.length >= joined.length) return false;
    }
    return false;
  });
}

/**
 * The requirement says a declaration's name in its words, within one clause: a name of two words side by
 * side ("instrument code in place" → `--in-place`), of more words in a run at most one word longer than the
 * name, in any order ("turning off node_modules default exclude" → `--exclude-node-modules`), never spread
 * over a sentence. With every word of the name it spells when it spells one in prose (`node_modules`); a
 * request that gives the thing a name of its own (`--x`, a code span, "called x") names another thing.
 */
export function saidAsName(requested: Requested, names: string[]): boolean {
  if (requested.named && requested.given) return false;
  const said = (requested.said ?? []).map(stemOf);
  const want = requested.named ? requested.words.map(stemOf) : [];
  // Unnamed, the name is said among the words that say what the thing does, not in another clause
  // ("a pad option and fixed the docs for highlight-lines" asks no `--highlight-lines`).
  const purpose = new Set(requested.purpose.map(stemOf));
  return names.some((n) => {
    const w = wordsOf(n).map(stemOf);
    if (w.length < 2 || !want.every((x) => w.includes(x))) return false;
    // Unnamed, a run of the request's words in one clause that spells the whole name with a word written
    // closed (a dotted file name, ".shelfignore path" for `shelf-ignore-path`) says it.
    if (!requested.named && closedRun(requested.said ?? [], wordsOf(n).join('').toLowerCase(), w.length))
      return true;
    const closed = stemOf(wordsOf(n).join(''));
    if (!requested.named && !w.some((x) => purpose.has(x)) && !purpose.has(closed)) return false;
    // Two words said one after the other, or as one closed compound ("a colorpicker" for `color-picker`).
    if (w.length === 2) return said.some((x, k) => (x === w[0] && said[k + 1] === w[1]) || x === closed);
    // A run of the name's length plus one, within a clause (`said` has '' where one ends).
    return said.some((_, k) => {
      const run = said.slice(k, k + w.length + 1);
      const clause = run.includes('') ? run.slice(0, run.indexOf('')) : run;
      return w.every((x) => clause.includes(x));
    });
  });
}

/** How much more evidence the first candidate needs than the next to be followed with confidence. */
const MARGIN = 0.2;
/** Words of a scope that name no command (`parser`, `cli`, a function's `_command` suffix). */
const GENERIC_SCOPE =
  /^(?:command|commands|cmd|cli|main|parser|parsers|subparser|subparsers|group|options?|args|arguments|app|flags|root)$/;

/**
 * New: which existing declaration to follow. A maintainer copies the one that is the same kind of thing,
 * so candidates are weighed by evidence: the same `takes` (a switch, one value, a list), the same kind of
 * value (a path, a pattern, a number, a choice), registered on the command the requirement names, help
 * that says what the requirement says beyond the name, and the module it names. A shared name word and
 * the position in the file only order candidates that the evidence does not tell apart: when the first is
 * not ahead by `MARGIN` and no name shares two words or more with the request (more than any rival's),
 * there is no sibling, only candidates, and the reason says which to follow is unsure.
 */
function chooseSibling(
  requested: Requested,
  kindPool: Scored[],
  onSide: boolean,
  ctx: { want: Set<string>; purpose: Set<string>; placeFiles: Set<string>; forwarded: Forwarded | null },
): Verdict {
  // Examples, docs and scripts only when the project has nothing else; a named option (`--x`) never
  // follows a positional argument (`FILE`): their code is not alike.
  const own = kindPool.filter((x) => !ASIDE.test(x.d.file));
  const general = own.length ? own : kindPool;
  // A row of an option table is a named option too, written without its dashes (pylint's
  // `known-third-party` is `--known-third-party`): never a positional.
  const isNamed = (d: Declaration) =>
    d.via === 'option-table' || [d.name, ...d.aliases].some((n) => n.startsWith('-'));
  const dashed = requested.name.startsWith('-') ? general.filter((x) => isNamed(x.d)) : [];
  const named = dashed.length ? dashed : general;
  const inPlace = named.filter((x) => ctx.placeFiles.has(x.d.file));
  // The module the requested name's first word names (`assertion_text_diff_style` → `assertion/__init__.py`,
  // `doctest_fail_fast` → `doctest.py`), where things of the kind are declared, is its place as a module
  // the requirement names is: a name's first word is its namespace (pytest's `console_output_style` in
  // `terminal.py` had been followed for the style job alone).
  const home = homeWord(requested);
  const inHome = home ? named.filter((x) => homeOf(x.d.file) === home) : [];
  const placed = inPlace.length ? inPlace : inHome.length ? inHome : named;
  // The command the requirement names (`shelf lend`, the lend command) is a place too: a flag for it is
  // copied from the flags registered on it, whatever another command's flag says in its help.
  const commands = new Set(
    requested.modules.flatMap((m) => {
      const w = wordsOf(m);
      return w.length ? [w.join('-'), w[w.length - 1]!] : [];
    }),
  );
  const onCommand = placed.filter((x) => x.d.scope && commands.has(wordsOf(x.d.scope).join('-')));
  const commanded = onCommand.length ? onCommand : placed;
  // A request that names no side is copied from the side its words point at (`Requested.leans`: the
  // command line unless it says "config" or "key"), when that side has candidates here. Any project may
  // declare one setting twice, a flag and a config key (Rust's serde structs beside clap): counted
  // together, the side with more declarations (the keys) decided the unsure fallback below ("the file
  // that declares most") for a request that said "option". After the places above: a module the
  // requirement names still decides first.
  const lean =
    requested.side === null && FAMILY[requested.kind] === 'option' ? (requested.leans ?? 'cli') : null;
  const sided = lean ? commanded.filter((x) => sideOf(x.d) === lean || sideOf(x.d) === 'both') : [];
  const pool = sided.length ? sided : commanded;
  const perFile = new Map<string, number>();
  for (const x of pool) perFile.set(x.d.file, (perFile.get(x.d.file) ?? 0) + 1);
  const command = new Set(requested.modules.flatMap((m) => wordsOf(m)).filter((w) => !GENERIC_SCOPE.test(w)));
  // What the requirement says it does beyond its name; help that shares only the name's words is a
  // shared word, not the same job.
  const beyond = [...ctx.purpose].filter((p) => !ctx.want.has(p));
  // The name family the requested one joins (`--skip-…` beside the project's other `--skip-…` switches).
  const kinOf = nameFamilyOf(
    requested,
    pool.map((x) => x.d),
  );
  const fits = new Map(
    pool.map((x) => {
      const d = { ...x.d, ...valueFacts(x.d) };
      const takes = takesFit(requested.takes, d.takes);
      // The same value job (a duration, a style) is the same kind of value, whatever type each is read as.
      const job = jobOf(requested, d);
      const value = job.kind ? 1 : typeFit(requested.value, d.value);
      const cmd =
        command.size && d.scope && wordsOf(d.scope).some((w) => command.has(w) && !GENERIC_SCOPE.test(w))
          ? 1
          : 0;
      // Its help, without its own name's words (`--code` whose help says "the code passed in").
      const own = new Set(namesOf(d).flatMap((n) => [...ideas(wordsOf(n))]));
      const theirs = new Set([...helpIdeas(d)].filter((i) => !own.has(i)));
      const shared = beyond.filter((p) => theirs.has(p)).length;
      // How alike the two texts are (the cosine of their ideas): a long help that mentions the words in
      // passing is less alike than a short one about them.
      // Two ideas in common at least (one shared word is no more evidence in a help than in a name); a
      // help of one or two ideas counts as three, so a short one is not alike by little.
      const help = shared >= 2 ? shared / Math.sqrt(beyond.length * Math.max(3, theirs.size)) : 0;
      const words = [...ctx.want].filter((w) => namesOf(d).some((n) => ideas(wordsOf(n)).has(w))).length;
      // The same job outweighs the same shape (`sibling-job.ts`): help that says two ideas of the
      // requirement, the requirement naming it, or the requested name built on its name with its help
      // agreeing. The shape then orders the candidates alike in job.
      const kin = kinOf?.members.has(x.d) ? kinOf : null;
      // Handed on to the program the requirement names, as the requested flag will be ("a flag for node").
      const fwd = ctx.forwarded && isForwarded(ctx.forwarded, x.d) ? ctx.forwarded : null;
      const fit: Fit = {
        takes,
        value,
        cmd,
        help,
        words,
        other: otherNameWords(requested, d),
        shape: shapeGap(requested, d),
        subject: subjectInHelp(requested, d).length,
        job,
        kin,
        fwd,
        home: !inPlace.length && inHome.length ? home : null,
        score:
          takes +
          value +
          1.5 * cmd +
          (job.score > 0 ? job.score : help) +
          x.module +
          // Of the name's family, or nearer kin still: two words of the name or more.
          (kin || words >= 2 ? FAMILY_WEIGHT : 0) +
          // Of the flags handed on to the program the requirement names: as much as a family.
          (fwd ? FAMILY_WEIGHT : 0),
      };
      return [x, fit] as const;
    }),
  );
  const fitOf = (x: Scored) => fits.get(x)!;
  const ranked = [...pool].sort(
    (a, b) =>
      fitOf(b).score - fitOf(a).score ||
      fitOf(b).words - fitOf(a).words ||
      b.score - a.score ||
      perFile.get(b.d.file)! - perFile.get(a.d.file)! ||
      a.d.file.localeCompare(b.d.file) ||
      a.d.line - b.d.line,
  );
  const first = ranked[0];
  if (!first)
    return {
      verdict: onSide ? 'new' : 'unsure',
      evidence: [],
      missing: '',
      candidates: [],
      reason: `no ${requested.kind} like it, and no declaration of that kind to follow`,
    };
  // The candidates the evidence does not tell apart, the one sharing most words of the name first, then
  // of the other names the requirement spells, then one named in one word or more as the request is (a
  // one-word name's footprint is also the word's ordinary use: `sibling-job.ts`), then one whose help
  // speaks of the requested name's subject (`subjectInHelp`), then by position.
  // Of one value job, the one nearest the requested name's family in its file (the `blame-…` options a
  // `blame-code-style` joins: the style registered beside them), still unsure.
  const nearKin = (x: Scored) =>
    fitOf(x).job.kind && kinOf
      ? Math.min(
          1e6,
          ...[...kinOf.members].filter((m) => m.file === x.d.file).map((m) => Math.abs(m.line - x.d.line)),
        )
      : 1e6;
  // A key whose value is a table of other keys (`Global *globalTable` beside the keys `globalTable`
  // declares) is where keys go, not one like them: a new key is copied from a key of the table.
  const scopes = new Set(pool.map((x) => x.d.scope).filter((s): s is string => Boolean(s)));
  const table = (x: Scored) =>
    x.d.kind === 'config-value' && (x.d.type.match(/[A-Za-z_]\w*/g) ?? []).some((t) => scopes.has(t)) ? 1 : 0;
  const tied = ranked
    .filter((x) => fitOf(first).score - fitOf(x).score < MARGIN)
    .sort(
      (a, b) =>
        fitOf(b).words - fitOf(a).words ||
        fitOf(b).other - fitOf(a).other ||
        table(a) - table(b) ||
        fitOf(b).job.rest.length - fitOf(a).job.rest.length ||
        nearKin(a) - nearKin(b) ||
        (fitOf(a).shape ?? 0) - (fitOf(b).shape ?? 0) ||
        fitOf(b).subject - fitOf(a).subject,
    );
  const top = tied[0]!;
  const best = fitOf(top);
  // The same option registered again elsewhere (the program's options and a sub-command's builder, each
  // `.option('report-dir')`) is the same thing, not a rival: its footprint holds both.
  const again = (x: Scored) => x !== top && x.d.kind === top.d.kind && x.d.name === top.d.name;
  const rivals = tied.filter((x) => x !== top && !again(x));
  // Two words of the name or more (`--no-ignore-vcs` for `--no-ignore-parent`), more than any rival has.
  const byName = best.words >= 2 && rivals.every((x) => fitOf(x).words < best.words);
  // Followed only on evidence: never as the only one there is, nor from the other side (a configuration
  // value for a flag) without it.
  if ((!rivals.length || byName) && (best.score > 0 || byName)) {
    const sibling = top.d;
    return {
      verdict: 'new',
      evidence: [],
      missing: '',
      sibling,
      candidates: ranked
        .filter((x) => x !== top && !again(x))
        .filter((x) => fitOf(x).score > 0 || fitOf(x).words > 0)
        .slice(0, 3)
        .map((x) => x.d),
      reason: `no ${requested.kind} with this name or a synonym; the nearest is \`${sibling.name}\` (${where(sibling)}): ${evidenceOf(requested, sibling, best, rivals.length > 0)}`,
    };
  }
  // Unsure: the candidates the evidence does not tell apart, those sharing a name word or help first;
  // one per file when they lie in several.
  const related = tied.filter(
    (x) => fitOf(x).words > 0 || x.help > 0 || fitOf(x).job.score > 0 || fitOf(x).kin || fitOf(x).fwd,
  );
  const shown = related.length ? related : tied;
  const files = new Set(shown.map((x) => x.d.file));
  const firstPerFile = shown.filter((x, k) => shown.findIndex((y) => y.d.file === x.d.file) === k);
  const candidates = (files.size > 1 || !onSide ? firstPerFile : shown).slice(0, 4);
  // The family they share, when the requested name joins one (`--skip-…`): where it goes, not which to copy.
  const kin = `${best.kin ? ` of the project's \`${nameFamilyText(requested, best.kin)}\` family` : ''}${best.fwd ? ` ${handedOn(best.fwd)}` : ''}${best.home ? ` in the module named by \`${requested.words[0]}\` (the first word of \`${requested.name}\`)` : ''}`;
  const why =
    best.score > 0
      ? 'are as near as each other by kind, value, command and help'
      : 'have no kind, value, command or help nearer than the others';
  // The value job they share (`sibling-job.ts`): what they are, not which to copy.
  const alike = best.job.kind ? `, each ${VALUE_JOB_NOUN[best.job.kind]} as \`${requested.name}\` is,` : '';
  // Where they lie is settled even when which one is not: when they all lie in one file, or the file of
  // the first holds three of them and half or more (the project's registry, not two modules alike), the
  // first is followed, marked unsure, with the others beside it as the candidates to weigh.
  const head = shown[0]!;
  const inHeadFile = tied.filter((x) => x.d.file === head.d.file).length;
  const oneFile = tied.every((x) => x.d.file === head.d.file);
  // Put ahead of others alike by name only by its name's shape: said, as position is not what chose it.
  const h = fitOf(head);
  const byShape = shown.some(
    (x) => fitOf(x).words === h.words && fitOf(x).other === h.other && (fitOf(x).shape ?? 0) > (h.shape ?? 0),
  );
  // Of the same value job, put ahead by its help saying the requested name's other words: said too.
  const byRest =
    h.job.rest.length > 0 &&
    shown.some(
      (x) =>
        fitOf(x).words === h.words &&
        fitOf(x).other === h.other &&
        fitOf(x).job.rest.length < h.job.rest.length,
    );
  // Then by its help speaking of the requested name's subject (one word, so it stays unsure): said too.
  const bySubject = shown.some(
    (x) =>
      fitOf(x).words === h.words &&
      fitOf(x).other === h.other &&
      (fitOf(x).shape ?? 0) === (h.shape ?? 0) &&
      fitOf(x).subject < h.subject,
  );
  const byKin = kinOf && nearKin(head) < 1e6 && shown.some((x) => nearKin(x) > nearKin(head));
  const shaped = `${byRest ? ` whose help speaks of ${h.job.rest.map((w) => `"${w}"`).join(', ')},` : ''}${
    byKin && kinOf ? ` the nearest the project's \`${nameFamilyText(requested, kinOf)}\` options,` : ''
  }${
    !byShape
      ? ''
      : ` named in ${h.shape === 0 && requested.words.length >= 2 ? 'more than one word' : 'one word'}, as \`${requested.name}\` is,`
  }${
    bySubject
      ? ` whose help speaks of ${subjectInHelp(requested, head.d)
          .map((w) => `"${w}"`)
          .join(', ')},`
      : ''
  }`;
  if (onSide && (oneFile || (inHeadFile >= 3 && inHeadFile * 2 >= tied.length)))
    return {
      verdict: 'new',
      evidence: [],
      missing: '',
      sibling: head.d,
      tentative: true,
      candidates: [...new Set([...shown, ...tied])]
        .filter((x) => x !== head)
        .slice(0, 3)
        .map((x) => x.d),
      reason: `no ${requested.kind} like it; ${tied.length} declarations${kin}${alike} ${why}: which to follow is unsure, so \`${head.d.name}\` (${where(head.d)}) is followed as the first of them${shaped} in \`${head.d.file}\`, which declares ${inHeadFile} of the ${tied.length}`,
    };
  return {
    verdict: onSide ? 'new' : 'unsure',
    evidence: [],
    missing: '',
    candidates: candidates.map((x) => x.d),
    reason: onSide
      ? `no ${requested.kind} like it; ${tied.length} declarations${kin}${alike} ${why} (only ${related.length ? 'a shared name word' : 'their position'} would tell them apart): which to follow is unsure`
      : `no ${requested.kind} like it, and no declaration of that kind to follow`,
  };
}

interface Fit {
  takes: number;
  value: number;
  cmd: number;
  help: number;
  /** Words of the requested name its names share (a tie-break, never evidence alone). */
  words: number;
  /** Words of the other names the requirement spells its names share (a tie-break after `words`). */
  other: number;
  /** Its name of one word where the request's has more, or the other way round (`shapeGap`): the tie-break after those. */
  shape: number | null;
  /** Words of the requested name's subject its help speaks of (`subjectInHelp`): the tie-break after the shape. */
  subject: number;
  job: Job;
  /** The requested name's family (`--skip-…`), when this declaration is of it. */
  kin: NameFamily | null;
  /** The flags handed on to the program the requirement names, when this declaration is one of them. */
  fwd: Forwarded | null;
  /** The requested name's first word, when the candidates are those of the module it names (`homeWord`). */
  home: string | null;
  score: number;
}

/** The evidence that made a sibling the one to follow, in words. */
function evidenceOf(requested: Requested, d: Declaration, f: Fit, tie: boolean): string {
  const facts = valueFacts(d);
  const out: string[] = [];
  if (f.takes === 1)
    out.push(
      facts.takes === 'none'
        ? 'a switch too'
        : facts.takes === 'many'
          ? 'takes a list too'
          : 'takes a value too',
    );
  // A value job says more than the type it is read as (a style read as a number from its help).
  if (f.value > 0 && facts.value && facts.value !== 'bool' && !f.job.kind)
    out.push(`its value is ${VALUE_WORDS[facts.value]}`);
  if (f.cmd) out.push(`registered on \`${d.scope}\``);
  if (f.job.kind)
    out.push(
      f.job.kind === 'verbosity'
        ? `${VALUE_JOB_NOUN[f.job.kind]} too`
        : `its value is ${VALUE_JOB_NOUN[f.job.kind]} too`,
    );
  if (f.job.named) out.push('the requirement names it');
  if (f.job.builtOn) out.push(`\`${requested.name}\` is its name and more, and its help agrees`);
  if (f.help || f.job.help) {
    // The requirement's own words its help shares (by idea: a synonym counts), never a bare "it agrees".
    const theirs = helpIdeas(d);
    const shared = [...new Set(requested.purpose.filter((w) => theirs.has(ideaOf(w))))];
    out.push(
      shared.length
        ? `its help shares ${shared.map((w) => `"${w}"`).join(', ')} with the requirement`
        : 'its help says what the requirement does',
    );
  }
  if (f.kin)
    out.push(
      `of the project's \`${nameFamilyText(requested, f.kin)}\` family, which \`${requested.name}\` joins`,
    );
  if (f.fwd) out.push(handedOn(f.fwd));
  if (f.home)
    out.push(
      `declared in \`${d.file}\`, the module named by \`${requested.words[0]}\`, the first word of \`${requested.name}\``,
    );
  if (tie || !out.length)
    out.push(`its name shares ${f.words} word${f.words === 1 ? '' : 's'} with \`${requested.name}\``);
  return out.join('; ');
}

const handedOn = (f: Forwarded) => `handed on to ${f.program} with the flags at ${f.file}:${f.line}`;

const VALUE_WORDS: Record<string, string> = {
  int: 'a number',
  float: 'a number',
  path: 'a path',
  pattern: 'a pattern',
  choice: 'a choice',
  str: 'a string',
};

/** First words shared by three environment variables or more the project reads (`SHELF` of `SHELF_*`). */
function envPrefixes(declarations: Declaration[]): Set<string> {
  const count = new Map<string, number>();
  for (const d of declarations)
    if (d.via === 'env') {
      const head = wordsOf(d.name)[0];
      if (head && wordsOf(d.name).length > 1) count.set(head, (count.get(head) ?? 0) + 1);
    }
  return new Set([...count].filter(([, n]) => n >= 3).map(([w]) => w));
}

/**
 * The requested name's first word, when it can name a module: a name of two words or more, not a form word
 * (`no`, `disable`: `--no-x` is no namespace) nor a short one.
 */
function homeWord(requested: Requested): string | null {
  const w = requested.words[0];
  return w &&
    requested.words.length >= 2 &&
    w.length > 2 &&
    !/^(?:not|disable|enable|use|with|without|allow)$/.test(w)
    ? stemOf(w)
    : null;
}

/** The word a file's module is named by (`assertion` for `assertion/__init__.py`), unless too common to say one. */
function homeOf(file: string): string | null {
  const stem = stemOfPath(file);
  return GENERIC_STEM.test(stem) ? null : stemOf(stem);
}

const nearestOf = (list: Scored[]) => [...list].sort((a, b) => b.score - a.score)[0];
const dirOf = (p: string) => p.slice(0, Math.max(0, p.lastIndexOf('/')));
/** A file's module name: its name without the extension, or its folder's for `__init__.py`, `index.ts`, `mod.rs`. */
function stemOfPath(p: string): string {
  const base = fileStem(p);
  if (/^(?:__init__|index|mod|main|__main__)$/.test(base)) {
    const dir = dirOf(p);
    return dir.slice(dir.lastIndexOf('/') + 1) || base;
  }
  return base;
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

/**
 * True when `line` registers or parses the command-line name `--name` in a shape common to option
 * libraries and hand-written parsers, whatever extractor reads (or does not read) the file:
 * `.option('--name'`, `add_argument("-n", "--name"`, `Arg::new(…).long("name")`, `case '--name':`.
 * A `--name` passed along in a list of arguments (`["git", "--name"]`) is not one.
 */
export function registersName(line: string, name: string): boolean {
  if (!/^--[a-z0-9][\w-]*$/i.test(name)) return false;
  const n = name.replace(/[-]/g, '\\-');
  const bare = name.slice(2).replace(/[-]/g, '\\-');
  const call = new RegExp(
    `\\b(?:options?|Options?|flags?|Flags?|add_?argument|add_?option|_?addoption|switch)\\s*\\(\\s*(?:[^()[\\]]*,\\s*)?(['"\`])(?:-\\w\\s*[,| ]\\s*)?${n}(?![\\w-])[^'"\`]*\\1`,
  );
  const clapLong = new RegExp(`\\.long\\s*\\(\\s*"${bare}"\\s*\\)`);
  const caseLabel = new RegExp(`\\bcase\\s+(['"\`])${n}\\1\\s*:`);
  return call.test(line) || clapLong.test(line) || caseLabel.test(line);
}

/**
 * A line of the project's own code (not tests, docs or examples) that registers or parses `--name`
 * (`registersName`), for a name no extractor found declared: the file may be one no extractor reads.
 */
export function registeredLine(
  search: TreeSearch,
  name: string,
): { file: string; line: number; text: string } | null {
  if (!name.startsWith('--')) return null;
  for (const h of search.lines([name, `"${name.slice(2)}"`], { maxPerFile: 20, maxTotal: 400 })) {
    const f = fileOf(search, h.file);
    if (!f || f.role === 'test' || ASIDE.test(h.file) || /\.(md|rst|txt|adoc|html?|po|1)$/.test(h.file))
      continue;
    if (registersName(h.text, name)) return { file: h.file, line: h.line, text: h.text.trim() };
  }
  return null;
}

/**
 * A line of the project's own code (not tests, docs or examples) that reads a configuration key by the
 * dotted path the requirement writes it with (`settings.client.restart_in_place` for
 * `client.restart_in_place`), for a key no extractor found declared: its settings type is declared where
 * no extractor reads it (a dependency, the project's library published apart), the read is the project's
 * use of it. The table and key are spelled as code spells them (`snake_case` or `camelCase`); a path
 * written with its table only in the requirement is required, one segment alone says too little.
 */
export function readKeyLine(
  search: TreeSearch,
  table: string,
  key: string,
): { file: string; line: number; text: string } | null {
  const words = wordsOf(key);
  if (!table || words.length < 2) return null;
  const snake = words.join('_');
  const camel =
    words[0] +
    words
      .slice(1)
      .map((w) => w[0]!.toUpperCase() + w.slice(1))
      .join('');
  const path = (k: string) =>
    `${table
      .split('.')
      .map((t) => wordsOf(t).join('_'))
      .join('.')}.${k}`;
  const reads = [path(snake), path(camel)];
  for (const h of search.lines(reads, { maxPerFile: 5, maxTotal: 100 })) {
    const f = fileOf(search, h.file);
    if (
      !f ||
      f.role === 'test' ||
      ASIDE.test(h.file) ||
      /\.(md|rst|txt|adoc|html?|po|1|json|ya?ml|toml)$/.test(h.file)
    )
      continue;
    // Read through an object (`self.settings.client.x`), the key's name ending the path.
    if (reads.some((r) => new RegExp(`[\\w)\\]]\\.${r.replace(/\./g, '\\.')}(?![\\w(])`).test(h.text)))
      return { file: h.file, line: h.line, text: h.text.trim() };
  }
  return null;
}

/** The verdict for a key found read by `readKeyLine`: met, citing that read. */
export const metByRead = (requested: Requested, at: { file: string; line: number; text: string }): Verdict =>
  metOnLine(
    requested,
    at,
    'key-read',
    (d) =>
      `\`${requested.table}.${requested.name}\` is read at ${where(d)}: "${at.text}" (the key's type is declared outside the files read)`,
  );

/**
 * The short names the requirement gives (`-m` of "add option -m for merge") that the declaration met does
 * not have: none among its aliases, and none written in its registration (the lines around its own, any
 * spelling: `'-m'`, `short = 'm'`, `.short('m')`, a bare clap `short` of its first letter), since not
 * every extractor keeps short names. Also what else declares each (a short name another option holds).
 */
export function missingShorts(
  requested: Requested,
  d: Declaration,
  text: string | null,
  declarations: Declaration[],
): Array<{ short: string; heldBy?: Declaration }> {
  if (!requested.shorts?.length || !text || !d.name.startsWith('-')) return [];
  const lines = text.split('\n').slice(Math.max(0, d.line - 5), d.line + 4);
  const letterOf = (n: string) => n.replace(/^-+/, '')[0]?.toLowerCase();
  const out: Array<{ short: string; heldBy?: Declaration }> = [];
  for (const short of requested.shorts) {
    const c = short.slice(1);
    if (d.aliases.some((a) => a === short || a === c)) continue;
    const shown = lines.some(
      (l) =>
        new RegExp(`(?<![\\w-])-${c}(?![\\w-])|\\bshort\\b[^'"\\n]{0,6}['"]${c}['"]`).test(l) ||
        (/\bshort\b(?!\s*[=(:])/.test(l) && letterOf(d.name) === c),
    );
    if (shown) continue;
    const heldBy = declarations.find(
      (x) => x !== d && x.aliases.some((a) => a === short) && x.file === d.file,
    );
    out.push({ short, ...(heldBy ? { heldBy } : {}) });
  }
  return out;
}

/** The verdict for a name found registered by `registeredLine`: met, citing that line. */
export const metAt = (requested: Requested, at: { file: string; line: number; text: string }): Verdict =>
  metOnLine(
    requested,
    at,
    'registration-line',
    (d) => `\`${requested.name}\` is registered at ${where(d)}: "${at.text}"`,
  );

/** Met at one line the search found (a registration, a read): that line is the evidence and the sibling. */
function metOnLine(
  requested: Requested,
  at: { file: string; line: number; text: string },
  via: string,
  reason: (d: Declaration) => string,
): Verdict {
  const d: Declaration = {
    name: requested.name,
    aliases: [],
    kind: requested.kind,
    via,
    help: '',
    type: '',
    default: '',
    ...at,
  };
  return { verdict: 'met', evidence: [d], missing: '', sibling: d, candidates: [], reason: reason(d) };
}
