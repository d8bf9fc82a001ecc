/**
 * Evidence that an existing declaration does the same job as the requested thing, or is the one the new
 * thing modifies, as opposed to merely having its shape (a switch, one number, a list). A maintainer
 * adding `--squeeze-limit` "to set the most consecutive empty lines" copies `--squeeze` ("squeeze
 * consecutive empty lines"), the option it limits, not another option that happens to take a number.
 * `chooseSibling` (`verdict.ts`) weighs this above `takes` and the value's kind; the shape then only
 * orders the candidates the job does not tell apart. Pure.
 */
import { stem, terms } from '../explore/tokenize.js';
import type { Declaration } from './declaration.js';
import { readRequested } from './requested.js';
import { ideaOf } from './synonyms.js';
import { SWITCH_HEAD } from './values.js';
import { keyOf, wordsOf } from './words.js';

export interface Job {
  /** The job its value does that the requested name says too (a duration, a style, how much is printed), or null. */
  kind: ValueJob | null;
  /**
   * With the same value job, the requested name's other words its help says (`--debounce`, "between
   * detected change and command execution", says the `run` of `--delay-run`): an order among the same
   * job's candidates, before the shape of their names, never evidence alone.
   */
  rest: string[];
  /** Ideas of the requirement (its name's and what it says it does) the declaration's help says, its own name's left out. */
  shared: number;
  /** How alike the two texts are (the cosine of their ideas) when two ideas or more are shared, else 0. */
  help: number;
  /** The requirement writes this declaration's name (`a shortcut for --format-options`). */
  named: boolean;
  /**
   * The requested name is this declaration's whole name and more (`--squeeze-limit` on `--squeeze`), and
   * its help says something the requirement says beyond the requested name: the one it modifies.
   */
  builtOn: boolean;
  /** The weight of all this in the sibling's score. */
  score: number;
}

/** What a help's ideas must share with the requirement to count as the same job: two, never one word. */
const SHARED_MIN = 2;
/**
 * A job is worth more than any shape: the same `takes` and value kind together weigh 2, so help that says
 * the job weighs more than both, by more than the margin (0.2) a confident sibling needs.
 */
const JOB_WEIGHT = 2.25;
/** One more shared idea: more than the margin (0.2) that makes a first candidate confident. */
const STEP = 0.25;
/** Being named by the requirement, or the base its name is built on (with its help agreeing), is more than help alone. */
const REFERRED = 3;

const ideas = (ws: string[]) => new Set(ws.map(ideaOf));
const namesOf = (d: Declaration) => [d.name, ...d.aliases.filter((a) => a.replace(/^-+/, '').length > 1)];

/** A name as the requirement spells another option or setting: dashed, or of two words or more. */
const spelledAsName = (n: string) => /^--?\w/.test(n) || wordsOf(n).length >= 2;

/**
 * What a value is for, finer than its type, as a maintainer tells siblings apart: a duration defers or
 * bounds when something runs (`--debounce`, `--poll`, a `Duration`, help in ms or seconds), a style paints
 * a part of the output (`--grep-match-line-style`, a `Style`), a verbosity switch says how much the tool
 * prints (`--verbose`, `--silent`). A requested `--delay-run` is a duration whatever its other word, so
 * `--debounce`, not an option that merely takes a number; `--debug` joins `-v`/`--silent`, not `--target`.
 */
export type ValueJob = 'duration' | 'style' | 'verbosity';
const VALUE_JOBS: Array<[ValueJob, RegExp]> = [
  [
    'duration',
    /^(?:delay|debounce|timeout|interval|duration|wait|sleep|throttle|poll|second|sec|millisecond|ms|milli|minute)$/,
  ],
  ['style', /^style$/],
  ['verbosity', /^(?:debug|debugging|verbose|verbosity|quiet|silent|silence)$/],
];
const jobOfWords = (ws: Iterable<string>): ValueJob | null => {
  for (const [job, re] of VALUE_JOBS) for (const w of ws) if (re.test(stem(w))) return job;
  return null;
};

/**
 * The requested name's value job, from its own words; a word that names where it goes is no value of it
 * (the `duration` extension's new options are not durations).
 */
export function requestedJob(requested: { words: string[]; modules?: string[] }): ValueJob | null {
  const place = new Set((requested.modules ?? []).flatMap(wordsOf));
  return jobOfWords(requested.words.filter((w) => !place.has(w)));
}

/**
 * A declaration's value job: from its names, its written type (`Duration`, `Style`), else its help. A
 * duration or a style is a value, so never a switch's (`--no-timeout`, a switch whose help says "wait");
 * verbosity read in help only of a switch or a count (`-v` counted), not of an option that prints a file.
 */
export function declarationJob(d: Declaration): ValueJob | null {
  const switchOrCount = d.takes === 'none' || /count/i.test(d.type);
  const byHelp = () => {
    const job = jobOfWords(terms(d.help));
    return job !== 'verbosity' || switchOrCount ? job : null;
  };
  const job =
    jobOfWords(namesOf(d).flatMap(wordsOf)) ??
    (/Duration/.test(d.type) ? 'duration' : /\bStyle\b/.test(d.type) ? 'style' : byHelp());
  return job && job !== 'verbosity' && d.takes === 'none' ? null : job;
}

/** The value job in words: "a duration". */
export const VALUE_JOB_NOUN: Record<ValueJob, string> = {
  duration: 'a duration',
  style: 'a style',
  verbosity: 'a switch of how much is printed',
};

export function jobOf(
  requested: { words: string[]; purpose: string[]; alternatives: string[]; modules?: string[] },
  d: Declaration,
): Job {
  const want = ideas(requested.words);
  const purpose = ideas(requested.purpose);
  const all = new Set([...want, ...purpose]);
  const beyond = new Set([...purpose].filter((p) => !want.has(p)));
  const ownIdeas = namesOf(d).map((n) => ideas(wordsOf(n)));
  const own = new Set(ownIdeas.flatMap((x) => [...x]));
  // Its help without its own name's words: `--code` whose help says "the code passed in" says nothing
  // more of a requested `--skip-source-code` than its name does.
  const theirs = new Set(
    terms(d.help)
      .filter((t) => t.length > 2)
      .map(ideaOf)
      .filter((i) => !own.has(i)),
  );
  const shared = [...all].filter((i) => theirs.has(i)).length;
  const help = shared >= SHARED_MIN ? shared / Math.sqrt(all.size * Math.max(3, theirs.size)) : 0;
  const keys = new Set(namesOf(d).map(keyOf));
  const named = requested.alternatives.some((a) => spelledAsName(a) && keys.has(keyOf(a)));
  // Its whole name within the requested one, which has more; and its help agrees with what the
  // requirement says beyond the requested name (the name alone proved too little: `--no-x-y` is not
  // always `--no-x` with a limit).
  const builtOn =
    ownIdeas.some((ni) => ni.size > 0 && ni.size < want.size && [...ni].every((w) => want.has(w))) &&
    [...beyond].some((i) => theirs.has(i));
  // Each idea shared past two is one step (a quarter, more than the margin a confident sibling needs);
  // the cosine only orders helps that share as many (a tenth), so two helps alike by count stay tied.
  const byHelp = help > 0 ? JOB_WEIGHT + STEP * (Math.min(shared, 6) - SHARED_MIN) + 0.1 * help : 0;
  // The same value job is a job fact too: as much as help that says two ideas of the requirement.
  const asked = requestedJob(requested);
  const kind = asked && declarationJob(d) === asked ? asked : null;
  const score = byHelp + (named || builtOn ? REFERRED : 0) + (kind ? JOB_WEIGHT : 0);
  const rest = kind ? requested.words.filter((w) => theirs.has(ideaOf(w)) && !jobOfWords([w])) : [];
  return { kind, rest, shared, help, named, builtOn, score };
}

/**
 * How a declaration's name is shaped beside the requested one, for ordering candidates that nothing else
 * tells apart. A one-word option (`--json`) is also the word's ordinary use all over the code (the JSON
 * library's calls), so its footprint drags in lines that are not the option's; a maintainer adding
 * `--path-as-is` copies an option named in more than one word, which the code spells only where it uses
 * it. 0 when both names are of one word or both of more, else 1: how many more words was tried and left out
 * (on dev it moved two siblings of two-word and three-word names alike, each losing a code file). Null when
 * the request spells no name (its words are the requirement's, not a name's shape).
 */
export function shapeGap(requested: { named: boolean; words: string[] }, d: Declaration): number | null {
  if (!requested.named || !requested.words.length) return null;
  return requested.words.length >= 2 === wordsOf(d.name).length >= 2 ? 0 : 1;
}

/**
 * The requested name's subject — its words past a switch head, three letters or more (`warnings` of
 * `--no-warnings`) — when a declaration's name and help together speak of all of it, its help of one word
 * at least beyond its own name (`--no-deprecation`, "silence deprecation warnings"): the words its help
 * adds, else none. A maintainer adding `--no-warnings` looks for what the tool already says of warnings.
 * Part of the subject is no more than a shared common word (`--skip-source-first-line` against a help
 * that says "lines": on dev that moved black's sibling off the one whose footprint reaches a gold file).
 * It only orders candidates the evidence, the name's words and its shape leave tied, before their position.
 */
export function subjectInHelp(requested: { named: boolean; words: string[] }, d: Declaration): string[] {
  if (!requested.named) return [];
  const ws = requested.words;
  const subject = ws.slice(ws.length > 1 && SWITCH_HEAD.test(ws[0]!) ? 1 : 0).filter((w) => w.length > 2);
  const own = new Set(namesOf(d).flatMap((n) => [...ideas(wordsOf(n))]));
  const theirs = new Set(
    terms(d.help)
      .filter((t) => t.length > 2)
      .map(ideaOf)
      .filter((i) => !own.has(i)),
  );
  const said = [...new Set(subject.filter((w) => theirs.has(ideaOf(w))))];
  return said.length && subject.every((w) => theirs.has(ideaOf(w)) || own.has(ideaOf(w))) ? said : [];
}

/**
 * Words of a declaration's names found in the other names the requirement spells, beyond the requested
 * name's own (`--language` for "`--fallback-syntax`/`--fallback-language`"): as near by name as a shared
 * word of the requested name, so ordered before the shape.
 */
export function otherNameWords(
  requested: { words: string[]; alternatives: string[] },
  d: Declaration,
): number {
  const own = ideas(requested.words);
  const others = new Set(
    requested.alternatives
      .filter(spelledAsName)
      .flatMap((a) => [...ideas(wordsOf(a))])
      .filter((i) => !own.has(i)),
  );
  const theirs = new Set(namesOf(d).flatMap((n) => [...ideas(wordsOf(n))]));
  return [...others].filter((i) => theirs.has(i)).length;
}

/**
 * The family of names the requested one joins: the declarations whose names start with its first word
 * (`--skip-string-normalization` and `--skip-magic-trailing-comma` for a requested `--skip-source-first-line`;
 * `--trace` itself with `--trace-deprecation` for `--trace-warnings`), else end with its last word
 * (`--exclude` and `--force-exclude` for `--extend-exclude`). A first word that only makes a switch
 * (`no`, `disable`) is a form, no family. A maintainer adds a `--skip-…` switch beside
 * the project's other `--skip-…` switches and copies one of them, not an option that shares an idea. A
 * family is two declarations or more of one file; one that is every candidate tells none apart. Only a name the
 * requirement spells, of two words or more. The family orders and groups; which member to copy is still
 * told by the other evidence, or unsure among them.
 */
export interface NameFamily {
  /** The shared word, and where it stands in the names. */
  word: string;
  at: 'first' | 'last';
  members: Set<Declaration>;
}

/** What being of the requested name's family weighs: as much as one shape fact (the same `takes`). */
export const FAMILY_WEIGHT = 1;

export function nameFamilyOf(
  requested: { name: string; named: boolean },
  pool: Declaration[],
): NameFamily | null {
  const want = wordsOf(requested.name);
  if (!requested.named || want.length < 2) return null;
  const nameWords = (d: Declaration) => namesOf(d).map(wordsOf);
  for (const at of ['first', 'last'] as const) {
    const word = at === 'first' ? want[0]! : want[want.length - 1]!;
    // `--no-…`, `--disable-…` share a form, which `takes` weighs already: `--no-diff`'s kin are the
    // options about diffs (`--inline-diffs`), not `--no-colors`.
    if (word.length < 2 || (at === 'first' && SWITCH_HEAD.test(word))) continue;
    const edge = (ws: string[]) => (at === 'first' ? ws[0] : ws[ws.length - 1]);
    // Names of two words or more with the word at that end; the word alone (`--trace`) joins them.
    const longer = pool.filter((d) => nameWords(d).some((ws) => ws.length >= 2 && edge(ws) === word));
    if (!longer.length) continue;
    const root = pool.filter((d) => nameWords(d).some((ws) => ws.length === 1 && ws[0] === word));
    // A family is one program's: two of a file's declarations or more (`--version` of a script beside
    // the project and `--target-version` of its command line are no family).
    const inFile = new Map<string, Declaration[]>();
    for (const d of new Set([...longer, ...root])) inFile.set(d.file, [...(inFile.get(d.file) ?? []), d]);
    const members = new Set([...inFile.values()].filter((ds) => ds.length >= 2).flat());
    if (members.size >= 2 && members.size < pool.length) return { word, at, members };
  }
  return null;
}

/** A family as a maintainer writes it: `--skip-…`, `…-exclude`, in the requested name's own form. */
export function nameFamilyText(requested: { name: string }, f: NameFamily): string {
  const dash = requested.name.match(/^-+/)?.[0] ?? '';
  const sep = requested.name.includes('_') && !requested.name.includes('-') ? '_' : '-';
  return f.at === 'first' ? `${dash}${f.word}${sep}…` : `…${sep}${f.word}`;
}

/**
 * How the requested thing's form differs from its sibling's, for the lines that spell an option's form
 * (a completion script, a man page, a docs table): a switch has no value argument, an option that takes
 * a value needs one. The requirement says the requested form (`readRequested`: "a flag", `--no-x`, "to
 * set the …"); the sibling's is its kind (the extractors call a switch a flag, an option one that takes a
 * value). Null when either is unknown or they agree: then the sibling's line is the form to copy.
 */
export function formNote(
  requirement: string,
  p: { requested: { name: string } | null; sibling?: { name: string; kind: string } },
): string | null {
  const takes = p.requested ? readRequested(requirement)?.takes : undefined;
  const sib = p.sibling;
  if (!p.requested || !takes || !sib || !['flag', 'option'].includes(sib.kind)) return null;
  const switchAsked = takes === 'none';
  if (switchAsked === (sib.kind === 'flag')) return null;
  return switchAsked
    ? `${code(p.requested.name)} is a switch: without the value ${code(sib.name)} takes`
    : `${code(p.requested.name)} takes a value, which ${code(sib.name)} does not: with its value`;
}

const code = (s: string) => `\`${s}\``;
