/**
 * The requested thing: from a requirement's words, what is to be added or changed (an option, a flag, a
 * setting, a parameter, …) and its name. A name the requirement spells (`--max-items`, `max_items`, a name
 * in backticks or quotes, "called X") is taken as written; without one, the words that say what the thing
 * does ("an option to skip hidden files") make a descriptive name, marked `named: false`. A requirement
 * that names no kind of thing and no name yields null: nothing is invented.
 */
import type { REQUESTED_KINDS } from '../domain/precedent.js';
import { STOP } from '../explore/tokenize.js';
import { spellingsOf, wordsOf } from './words.js';

export type RequestedKind = (typeof REQUESTED_KINDS)[number];

export interface Requested {
  kind: RequestedKind;
  /** The name as written (`--max-items`), or words joined with dashes when derived. */
  name: string;
  words: string[];
  spellings: string[];
  /** True when the requirement spells the name; false when it was made from the words that describe it. */
  named: boolean;
  /** The words of the requirement that say what the thing does (for matching help text). */
  purpose: string[];
  /** Types the requirement asks the thing to accept ("accept a list", "a float"), normalised. */
  accepts: string[];
  /** Identifiers the requirement writes as code (`send_file`, `Client.get`): functions it may name. */
  targets: string[];
  /** The other names the requirement spells, strongest first. */
  alternatives: string[];
}

/** Kind words, most specific first; the first that occurs decides the kind. */
const KINDS: Array<[RequestedKind, RegExp]> = [
  ['query-parameter', /\bquery[- ](?:string[- ])?param(?:eter)?s?\b/i],
  ['menu-item', /\bmenu[- ](?:item|entry|option)s?\b/i],
  [
    'config-value',
    /\b(?:config(?:uration)?[- ](?:value|key|variable|entry|setting)|ini[- ](?:option|key|setting|value)|environment variable|env(?:ironment)? var)s?\b/i,
  ],
  ['flag', /\bflags?\b|\bswitch(?:es)?\b/i],
  ['option', /\b(?:command[- ]line |cli )?options?\b/i],
  ['setting', /\bsettings?\b|\bconfig(?:uration)?\b/i],
  ['parameter', /\b(?:parameters?|params?|arguments?|args?|kwargs?|keyword arguments?)\b/i],
  ['field', /\bfields?\b|\bpropert(?:y|ies)\b|\battributes?\b/i],
  ['command', /\b(?:sub-?)?commands?\b/i],
  ['message', /\b(?:(?:error|warning|log) )?messages?\b/i],
];

const FLAG = /(?<![\w-])--[a-z][a-z0-9]*(?:-[a-z0-9]+)*\b/g;
const CODE_SPAN = /`([^`\n]{1,80})`/g;
const QUOTED = /(?<![\w])(['"])([A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)+)\1/g;
const CALLED = /\b(?:called|named)\s+[`'"]?([A-Za-z][\w-]*)/gi;
/** A name shaped like code in prose: snake_case, camelCase, SCREAMING_CASE. */
const SHAPED =
  /(?<![\w./-])([a-z]+(?:_[a-z0-9]+)+|[a-z]+(?:[A-Z][a-z0-9]*)+|[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)(?![\w(/-])/g;
const TYPES: Array<[string, RegExp]> = [
  ['list', /\b(?:lists?|sequences?|iterables?|tuples?|arrays?|several|multiple|many)\b/i],
  ['callable', /\b(?:callables?|functions?|callbacks?|lambdas?)\b/i],
  ['path', /\b(?:paths?|pathlib|path-like|os\.PathLike)\b/i],
  ['float', /\b(?:floats?|decimals?|fractions?)\b/i],
  ['int', /\b(?:integers?|ints?)\b/i],
  ['str', /\bstrings?\b/i],
  ['bytes', /\bbytes\b/i],
  ['regex', /\b(?:regex(?:es)?|regular expressions?|compiled patterns?)\b/i],
  ['dict', /\b(?:dicts?|dictionar(?:y|ies)|mappings?|objects?)\b/i],
  ['none', /\bNone\b|\bnull\b/],
];

const PURPOSE_STOP = new Set([
  ...STOP,
  'add',
  'adds',
  'adding',
  'allow',
  'allows',
  'support',
  'supports',
  'make',
  'makes',
  'option',
  'options',
  'flag',
  'flags',
  'setting',
  'settings',
  'parameter',
  'parameters',
  'argument',
  'arguments',
  'config',
  'configuration',
  'value',
  'new',
  'user',
  'users',
  'want',
  'like',
  'would',
  'please',
  'feature',
  'request',
  'way',
  'able',
  'let',
  'lets',
  'command',
  'line',
  'cli',
  'currently',
  'possible',
  'need',
  'needs',
]);

const isName = (s: string) => /^-{0,2}[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*$/.test(s);

/** What the requirement asks for, or null when it names nothing concrete. */
export function readRequested(requirement: string, prefix?: string): Requested | null {
  const text = requirement.replace(/```[\s\S]*?```/g, ' ');
  const kindAt = KINDS.map(([k, re]) => ({ k, m: re.exec(text) })).find((x) => x.m);

  // Names the requirement spells, each with where it stands.
  const names: Array<{ name: string; at: number; weight: number }> = [];
  for (const m of text.matchAll(FLAG)) names.push({ name: m[0], at: m.index!, weight: 4 });
  for (const m of text.matchAll(CALLED)) names.push({ name: m[1]!, at: m.index!, weight: 4 });
  for (const m of text.matchAll(CODE_SPAN)) {
    const s = m[1]!.trim().replace(/\(\)$/, '');
    if (isName(s) && !s.includes('.')) names.push({ name: s, at: m.index!, weight: 3 });
  }
  for (const m of text.matchAll(QUOTED))
    if (!m[2]!.includes('.')) names.push({ name: m[2]!, at: m.index!, weight: 2 });
  for (const m of text.matchAll(SHAPED)) names.push({ name: m[1]!, at: m.index!, weight: 1 });

  // Functions and classes named in code: `send_file()`, `Client.get`, `def send_file`.
  const targets = new Set<string>();
  // Any identifier in code may be a function; the caller keeps those the project defines (`retarget`).
  for (const m of text.matchAll(/`([A-Za-z_][\w.]*)(?:\(\))?`|\b([A-Za-z_][\w.]*)\(\)/g))
    targets.add((m[1] ?? m[2])!);

  const accepts = TYPES.filter(([, re]) => {
    const m =
      /\b(?:accepts?|accepting|takes?|taking|support(?:s|ing)? (?:passing|giving)|allow(?:s|ing)? (?:passing|giving)|be given|pass(?:ing)?|given)\b[^.\n]{0,40}/i.exec(
        text,
      );
    return m ? re.test(m[0]) : false;
  }).map(([t]) => t);

  const purpose = purposeWords(text, kindAt?.m ?? null);

  // The name nearest the kind word, else the strongest.
  let chosen: { name: string; at: number; weight: number } | undefined;
  if (names.length) {
    const near = kindAt?.m
      ? names
          .filter((n) => !targets.has(n.name) || n.name.startsWith('-'))
          .map((n) => ({ n, d: Math.abs(n.at - kindAt.m!.index) }))
          .sort((a, b) => b.n.weight - a.n.weight || a.d - b.d)[0]?.n
      : undefined;
    chosen = near ?? [...names].sort((a, b) => b.weight - a.weight || a.at - b.at)[0];
  }
  if (!chosen && !kindAt) return null;
  let kind: RequestedKind = kindAt?.k ?? 'behaviour';
  if (!kindAt && chosen) {
    if (chosen.name.startsWith('--')) kind = 'option';
    else if (/^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$/.test(chosen.name)) kind = 'config-value';
    else kind = 'parameter';
  }
  if (kind === 'setting' && chosen?.name.startsWith('--')) kind = 'option';
  if (chosen) {
    const words = wordsOf(chosen.name);
    return {
      kind,
      name: chosen.name,
      words,
      spellings: spellingsOf(words, prefix),
      named: true,
      purpose,
      accepts,
      targets: [...targets],
      alternatives: rankNames(names).filter((n) => n !== chosen.name),
    };
  }
  // No name: the first few words that say what it does make one ("an option to skip hidden files").
  const words = purpose.slice(0, 3);
  if (!words.length) return null;
  return {
    kind,
    name: words.join('-'),
    words,
    spellings: spellingsOf(words, prefix),
    named: false,
    purpose,
    accepts,
    targets: [...targets],
    alternatives: [],
  };
}

const rankNames = (names: Array<{ name: string; at: number; weight: number }>) => [
  ...new Set([...names].sort((a, b) => b.weight - a.weight || a.at - b.at).map((n) => n.name)),
];

/**
 * A name the requirement spells that the project defines as a function is where the thing goes, not the
 * thing: the thing is then a parameter of that function the requirement mentions ("let `find_books`
 * accept a list of fields"), else the next name it spells, else the words that describe it.
 */
export function retarget(
  r: Requested,
  requirement: string,
  functions: Map<string, string[]>,
  prefix?: string,
): Requested {
  const fn = functions.get(r.name.split('.').pop()!);
  if (!fn) return r;
  const lower = requirement.toLowerCase();
  const param = fn.find((p) => new RegExp(`(^|[^\\w])${p.toLowerCase()}($|[^\\w])`).test(lower));
  const next = r.alternatives.find((n) => !functions.has(n.split('.').pop()!));
  const name = param ?? next;
  if (name) {
    const words = wordsOf(name);
    return { ...r, kind: param ? 'parameter' : r.kind, name, words, spellings: spellingsOf(words, prefix) };
  }
  const words = r.purpose.filter((w) => !wordsOf(r.name).includes(w)).slice(0, 3);
  if (!words.length) return r;
  return { ...r, name: words.join('-'), words, spellings: spellingsOf(words, prefix), named: false };
}

/** The content words after the kind word ("an option **to skip hidden files**"), else the whole text's. */
function purposeWords(text: string, kind: RegExpExecArray | null): string[] {
  const after = kind ? text.slice(kind.index + kind[0].length) : text;
  const clause =
    /^\s*(?:\S+\s+){0,2}?(?:to|for|that|which|so|when|called|named)\b([^.\n]{0,160})/i.exec(after)?.[1] ??
    after.slice(0, 160);
  const pick = (s: string) =>
    s
      .replace(/`[^`]*`/g, ' ')
      .split(/[^A-Za-z0-9]+/)
      .map((w) => w.toLowerCase())
      .filter((w) => w.length > 1 && !PURPOSE_STOP.has(w) && !/^\d+$/.test(w));
  const words = pick(clause);
  return words.length ? words : pick(text);
}
