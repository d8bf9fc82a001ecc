/**
 * The precedent of a behaviour, an endpoint, a command or a service (a request that is not an option): the
 * nearest sibling is an existing unit of the same kind, found by how the project registers them (a route
 * beside routes, a subcommand beside subcommands), and its footprint is where that unit lives: the
 * registration, where its group is mounted, the service method its handler calls, the tests and docs that
 * name it. What the request needs that the project already does (sending mail → the function that sends
 * mail) is listed as `uses`. Nothing registered, or no unit the request is about: unsure, with the places
 * weighed. Regular expressions over the lines a search finds, as the declaration extractors do.
 */
import { languageOf } from '../explore/languages.js';
import type { OutlineItem } from '../explore/outline.js';
import { outline } from '../explore/outline.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { STOP } from '../explore/tokenize.js';
import { fileStem, innermost } from './code-shape.js';
import type { FootprintEntry } from './footprint.js';
import { areaOf } from './places.js';
import type { Requested } from './requested.js';
import { fileOf, type Hit, roleOf, type TreeSearch } from './search.js';
import { spellingsOf, wordsOf } from './words.js';

export interface Unit {
  /** `POST /login`, `export` (a command). */
  name: string;
  kind: 'route' | 'command';
  file: string;
  line: number;
  text: string;
  /** The lines of its handler (registration to the end of the handler), 1-based inclusive. */
  body: [number, number];
  /** The handler's function name when the registration decorates or names one. */
  handler?: string;
}

export interface Place {
  file: string;
  line: number;
  text: string;
  symbol?: string;
  why: string;
}

export interface BehaviourPrecedent {
  requested: Requested;
  verdict: 'met' | 'new' | 'unsure';
  evidence: Place[];
  sibling?: { name: string; kind: string; file: string; line: number };
  footprint: FootprintEntry[];
  uses: Place[];
  candidates: Place[];
}

/** How projects register routes and commands: the strings a file must hold, and the line's shape. */
const ROUTE_MARKS = [
  '.get(',
  '.post(',
  '.put(',
  '.patch(',
  '.delete(',
  '.route(',
  'HandleFunc(',
  '.GET(',
  '.POST(',
];
const COMMAND_MARKS = ['.command(', 'add_parser(', 'Use:', '.subcommand('];
const ROUTE =
  /^\s*@?([A-Za-z_$][\w$]*)\.(get|post|put|patch|delete|route|api_route|GET|POST|PUT|PATCH|DELETE|HandleFunc|Handle)\(\s*['"`](\/[^'"`]*)['"`]/;
const COMMAND =
  /^\s*@([A-Za-z_]\w*)\.command\(\s*(?:['"]([\w-]+)['"])?|\.command\(\s*['"]([\w-]+)|add_parser\(\s*['"]([\w-]+)|^\s*Use:\s*"([\w-]+)|\.subcommand\(\s*['"]([\w-]+)/;
const CODE = /\.(ts|tsx|js|jsx|mjs|cjs|py|go|rs|rb|java|kt|php)$/;
/** A source file of the project: code, not a test, an example or a doc. */
const isSource = (search: TreeSearch, file: string) => CODE.test(file) && roleOf(search, file) === 'source';

/** What a request may need that the project already does, with the calls that do it. */
const NEEDS: Array<{ need: string; asks: RegExp; calls: string[] }> = [
  {
    need: 'sends mail',
    asks: /\b(e-?mails?|mail(s|ed|ing)?|smtp)\b/i,
    calls: ['sendMail(', 'send_mail(', 'send_message(', 'smtp.SendMail(', 'sendEmail(', 'send_email('],
  },
  {
    need: 'sends a text message',
    asks: /\b(sms|text messages?)\b/i,
    calls: ['messages.create(', 'sendSms(', 'send_sms('],
  },
  {
    need: 'queues work for later',
    asks: /\b(background|queue[ds]?|later|asynchronously|job|worker)\b/i,
    calls: ['.delay(', '.apply_async(', '.enqueue(', 'queue.add('],
  },
  {
    need: 'charges a payment',
    asks: /\b(pay(ment)?s?|charge|checkout|invoice|refund)\b/i,
    calls: ['paymentIntents.create(', 'PaymentIntent.create(', 'charges.create(', 'Charge.create('],
  },
];

/** A request for something new opens with one of these; "make the tool nicer" asks for nothing to follow. */
const VERBS = /^(please\s+)?(add|create|implement|support|introduce|allow|let|provide|offer|expose)\s+/i;
const CUT =
  /\s+(by|with|for|to|when|via|in|on|from|so|that|using|into|after|before|as|at|per|without|through)\s+.*$/i;
/** Words that name nothing (the tokenizer's stop words would drop `export`, `import`, `default`). */
const FILLER = /^(the|an?|their|our|my|its|his|her|your|some|all|any|each|every|of|and|or|not|yet|is|are)$/;
const KIND_WORDS = new Set([
  'endpoint',
  'endpoints',
  'route',
  'routes',
  'api',
  'command',
  'commands',
  'subcommand',
  'subcommands',
  'service',
  'feature',
  'way',
  'ability',
  'new',
  'user',
  'users',
]);

/** The thing a behaviour request asks for, named from its words ("add password reset by email" → password-reset). */
export function behaviourRequested(requirement: string): Requested | null {
  const title = requirement.trim().split('\n')[0] ?? '';
  // "an endpoint to cancel an order": the kind word and its link go, what it does stays.
  if (!VERBS.test(title)) return null;
  const core = title
    .replace(VERBS, '')
    // "let users export …", "allow callers to …": who it is for is not what it does.
    .replace(/^(users?|people|callers?|customers?|admins?)\s+(to\s+)?/i, '')
    .replace(/^(a|an|the)\s+(new\s+)?/i, '')
    .replace(
      /^([\w-]+\s+)?(endpoints?|routes?|api|(sub-?)?commands?|services?)\s+(to|for|that|which)\s+/i,
      // "a cancel endpoint for orders": the word before says what it does; "an HTTP endpoint to …" does not.
      (_m, pre: string | undefined, _k, _s, link: string) => (pre && /^for$/i.test(link) ? pre : ''),
    )
    .replace(CUT, '');
  const words = wordsOf(core)
    .filter((w) => w.length > 1 && !FILLER.test(w) && !KIND_WORDS.has(w))
    .slice(0, 3);
  if (!words.length) return null;
  const purpose = wordsOf(requirement).filter((w) => w.length > 2 && !STOP.has(w) && !KIND_WORDS.has(w));
  return {
    kind: /\b(sub-?)?commands?\b/i.test(requirement) ? 'command' : 'behaviour',
    name: words.join('-'),
    words,
    // No flag spelling: a behaviour is not an option.
    spellings: spellingsOf(words).filter((x) => !x.startsWith('--')),
    named: false,
    purpose: [...new Set(purpose)],
    accepts: [],
    targets: [],
    alternatives: [],
    modules: [],
    // A behaviour is not given anywhere: no command line, configuration or environment side.
    side: null,
  };
}

/** Which family of units the request belongs to: routes for endpoints, commands for commands, else both. */
function familyOf(requirement: string, requested: Requested): Array<Unit['kind']> {
  if (requested.kind === 'command' || /\b(cli|command[- ]line|subcommand)\b/i.test(requirement))
    return ['command'];
  if (/\b(endpoints?|routes?|api|http|webhooks?|url)\b/i.test(requirement)) return ['route'];
  return ['route', 'command'];
}

/** Every route and command the project registers, with its handler's lines. */
export function unitsOf(search: TreeSearch, kinds: Array<Unit['kind']>): Unit[] {
  const marks = [
    ...(kinds.includes('route') ? ROUTE_MARKS : []),
    ...(kinds.includes('command') ? COMMAND_MARKS : []),
  ];
  const hits = search
    .lines(marks, { maxPerFile: 60, maxTotal: 3000 })
    .filter((h) => isSource(search, h.file));
  const out: Unit[] = [];
  for (const h of hits) {
    const lines = search.read(h.file)?.split('\n');
    if (!lines) continue;
    const r = kinds.includes('route') ? ROUTE.exec(h.text) : null;
    if (r) {
      const method = /^(route|api_route|HandleFunc|Handle)$/.test(r[2]!) ? '' : `${r[2]!.toUpperCase()} `;
      out.push({
        name: `${method}${r[3]}`,
        kind: 'route',
        file: h.file,
        line: h.line,
        text: h.text.trim(),
        ...bodyOf(lines, h.line),
      });
      continue;
    }
    const c = kinds.includes('command') ? COMMAND.exec(h.text) : null;
    if (c) {
      const body = bodyOf(lines, h.line);
      const name = (c[2] ?? c[3] ?? c[4] ?? c[5] ?? c[6] ?? body.handler?.replace(/_/g, '-'))?.trim();
      if (name) out.push({ name, kind: 'command', file: h.file, line: h.line, text: h.text.trim(), ...body });
    }
  }
  return out;
}

/**
 * The handler's lines: a decorated Python function to the end of its block; otherwise the registration to
 * the line that closes it at the registration's indentation (`});`), or the next registration.
 */
function bodyOf(lines: string[], line: number): { body: [number, number]; handler?: string } {
  const indent = (s: string) => /^\s*/.exec(s)![0].length;
  const first = lines[line - 1] ?? '';
  const at = indent(first);
  let handler: string | undefined;
  let start = line;
  for (let i = line; i < Math.min(lines.length, line + 4); i++) {
    const m = /^\s*(?:async\s+)?def\s+(\w+)|^\s*func\s+(\w+)/.exec(lines[i]!);
    if (m) {
      handler = m[1] ?? m[2];
      start = i + 1;
      break;
    }
    if (!/^\s*@/.test(lines[i]!)) break;
  }
  let end = start;
  for (let i = start; i < Math.min(lines.length, start + 80); i++) {
    const l = lines[i]!;
    if (!l.trim()) continue;
    if (indent(l) <= at) {
      // A closing line at the registration's indentation belongs to it; anything else starts the next thing.
      if (/^\s*[})\]]/.test(l)) end = i + 1;
      break;
    }
    end = i + 1;
  }
  return { body: [line, end], ...(handler ? { handler } : {}) };
}

const idea = (w: string) => w.replace(/(ing|ed|es|s)$/, '');

/** How much a unit is about the request: its name, its file's name, then what its handler uses. */
function relevance(u: Unit, lines: string[], words: string[]): number {
  const ideas = new Set(words.map(idea));
  const count = (text: string) =>
    new Set(
      wordsOf(text)
        .map(idea)
        .filter((w) => ideas.has(w)),
    ).size;
  const body = lines.slice(u.body[0] - 1, u.body[1]).join('\n');
  return 3 * count(u.name) + 2 * count(fileStem(u.file)) + count(body);
}

export function behaviourPrecedent(
  requirement: string,
  requested: Requested,
  search: TreeSearch,
  profile: CodebaseProfile,
): BehaviourPrecedent | null {
  const family = familyOf(requirement, requested);
  const units = unitsOf(search, family);
  const uses = usesOf(requirement, search);
  if (!units.length)
    return uses.length
      ? { requested, verdict: 'unsure', evidence: [], footprint: [], uses, candidates: [] }
      : null;
  const place = (u: Unit): Place => ({
    file: u.file,
    line: u.line,
    text: u.text,
    why: `${u.kind} ${u.name}`,
  });
  // Met: a unit whose name is the requested action ("empty" for "a command to empty a jar"): every word
  // of its name is asked for, and it leads with the same word.
  const named = units.find((u) => {
    const have = wordsOf(u.name.replace(/^[A-Z]+ /, '').replace(/[{<:][^/]*/g, '')).map(idea);
    const want = new Set(requested.words.map(idea));
    return have.length > 0 && have[0] === idea(requested.words[0] ?? '') && have.every((w) => want.has(w));
  });
  if (named)
    return { requested, verdict: 'met', evidence: [place(named)], footprint: [], uses, candidates: [] };
  const words = [...new Set([...requested.words, ...requested.purpose])];
  const scored = units
    .map((u) => ({ u, s: relevance(u, search.read(u.file)?.split('\n') ?? [], words) }))
    .sort((a, b) => b.s - a.s || a.u.file.localeCompare(b.u.file) || a.u.line - b.u.line);
  const top = scored[0]!;
  const rivals = scored.filter((x) => x.s === top.s && x.u.file !== top.u.file);
  // As much in another file, or nothing it is about: unsure, unless the request names the kind (an
  // endpoint, a subcommand) and one file registers them all, so the structure says where it goes.
  if (rivals.length || (top.s === 0 && family.length > 1)) {
    // Nothing the request is about, or as much in another file: the places weighed, no sibling.
    return {
      requested,
      verdict: 'unsure',
      evidence: [],
      footprint: [],
      uses,
      candidates: scored
        .filter((x) => x.s === top.s)
        .slice(0, 6)
        .map((x) => place(x.u)),
    };
  }
  const sib = top.u;
  return {
    requested,
    verdict: 'new',
    evidence: [],
    sibling: { name: sib.name, kind: sib.kind, file: sib.file, line: sib.line },
    footprint: footprintOfUnit(sib, search, profile),
    uses,
    candidates: scored
      .filter((x) => x.u !== sib && x.u.file === sib.file)
      .slice(0, 4)
      .map((x) => place(x.u)),
  };
}

/** The outline item around a line (the narrowest), read once per file. */
function enclosing(search: TreeSearch, file: string, line: number): OutlineItem | undefined {
  const text = search.read(file);
  if (!text) return undefined;
  return innermost(outline(text, languageOf(file)), line);
}

/** Where a unit lives: its registration, where its group is mounted, the service it calls, its tests and docs. */
function footprintOfUnit(u: Unit, search: TreeSearch, profile: CodebaseProfile): FootprintEntry[] {
  const lines = search.read(u.file)?.split('\n') ?? [];
  const out: FootprintEntry[] = [
    {
      file: u.file,
      line: u.line,
      ...(u.handler ? { symbol: u.handler } : {}),
      role: 'registration',
      area: 'code',
      source: 'occurrence',
      why: `where ${u.name} is registered`,
      text: u.text,
    },
  ];
  // Where the group is mounted: another file that names the registering object's exported binding.
  const owner = /^\s*@?([A-Za-z_$][\w$]*)\./.exec(u.text)?.[1];
  if (owner && owner !== 'app') {
    const mounts = search
      .lines([owner], { word: true, maxPerFile: 3, maxTotal: 40 })
      .filter(
        (h) =>
          h.file !== u.file &&
          /\.use\(|include_router\(|register_blueprint\(|add_command\(|AddCommand\(|mount\(/.test(h.text),
      );
    const viaModule = fileStem(u.file);
    const pyMounts = search
      .lines([`${viaModule}.${owner}`], { maxPerFile: 3, maxTotal: 10 })
      .filter((h) => h.file !== u.file && /include_router\(|register_blueprint\(/.test(h.text));
    const once = [...mounts, ...pyMounts].filter(
      (m, i, all) => all.findIndex((x) => x.file === m.file && x.line === m.line) === i,
    );
    for (const m of once.slice(0, 2))
      out.push({
        file: m.file,
        line: m.line,
        role: 'registration',
        area: 'code',
        source: 'occurrence',
        why: `where the group of ${u.name} is mounted`,
        text: m.text.trim(),
      });
  }
  // The service its handler calls: `x.method(` with `x = new Class()`, or `Class(...).method(`.
  const body = lines.slice(u.body[0] - 1, u.body[1]).join('\n');
  const bound = new Map<string, string>();
  for (const m of lines.join('\n').matchAll(/\b([A-Za-z_$][\w$]*)\s*=\s*(?:new\s+)?([A-Z][\w$]*)\(/g))
    bound.set(m[1]!, m[2]!);
  const calls: Array<[string, string]> = [];
  // `Service(session).place(`, `Pantry.load().fill(`, then `Service.method(`.
  for (const m of body.matchAll(/\b([A-Z][\w$]*)(?:\.[\w$]+)?\([^()\n]*\)\.([A-Za-z_$][\w$]*)\(/g))
    calls.push([m[1]!, m[2]!]);
  for (const m of body.matchAll(/\b([A-Z][\w$]*)\.([a-z_$][\w$]*)\(/g)) calls.push([m[1]!, m[2]!]);
  for (const m of body.matchAll(/\b([A-Za-z_$][\w$]*)\.([A-Za-z_$][\w$]*)\(/g))
    if (bound.has(m[1]!)) calls.push([bound.get(m[1]!)!, m[2]!]);
  const classes: string[] = [];
  for (const [cls, method] of calls.slice(0, 3)) {
    const def = search
      .lines([`class ${cls}`], { word: true, maxPerFile: 1, maxTotal: 3 })
      .find((h) => isSource(search, h.file));
    if (!def) continue;
    const text = search.read(def.file);
    const item = text
      ? outline(text, languageOf(def.file)).find(
          (i) => i.name === method && i.qualified.startsWith(`${cls}.`),
        )
      : undefined;
    if (!item || out.some((e) => e.symbol === item.qualified)) continue;
    classes.push(cls);
    out.push({
      file: def.file,
      line: item.start_line,
      symbol: item.qualified,
      role: 'other',
      area: 'code',
      source: 'occurrence',
      why: `the method ${u.name} calls`,
      text: text!.split('\n')[item.start_line - 1]!.trim(),
    });
  }
  // Tests and docs that name the unit (its path or command name as a string) or the service it calls.
  const path = u.kind === 'route' ? u.name.replace(/^[A-Z]+ /, '') : u.name;
  const needles = [
    ...(path.length > 2 && path !== '/' ? [`'${path}`, `"${path}`, `\`${path}`] : []),
    ...classes,
  ];
  const seen = new Set<string>();
  for (const h of search.lines(needles, { maxPerFile: 3, maxTotal: 200 })) {
    const area = areaOf(fileOf(search, h.file), h.file, profile);
    if (area === 'code' || area === 'changelog' || seen.has(`${h.file}:${h.line}`)) continue;
    if (needles.length && !needles.some((n) => h.text.includes(n))) continue;
    seen.add(`${h.file}:${h.line}`);
    const sym = enclosing(search, h.file, h.line)?.qualified;
    out.push({
      file: h.file,
      line: h.line,
      ...(sym ? { symbol: sym } : {}),
      role: area === 'test' ? 'test' : 'docs',
      area,
      source: 'occurrence',
      why:
        area === 'test'
          ? `exercises ${classes.find((c) => h.text.includes(c)) ?? u.name}`
          : `documents ${u.name}`,
      text: h.text.trim(),
    });
  }
  return out;
}

/** What the request needs that the code already does: the function around each call that does it. */
export function usesOf(requirement: string, search: TreeSearch): Place[] {
  const out: Place[] = [];
  for (const n of NEEDS) {
    if (!n.asks.test(requirement)) continue;
    const hits: Hit[] = search
      .lines(n.calls, { maxPerFile: 1, maxTotal: 20 })
      .filter((h) => isSource(search, h.file));
    for (const h of hits) {
      const item = enclosing(search, h.file, h.line);
      if (!item || out.some((o) => o.symbol === item.qualified)) continue;
      const text = search.read(h.file)?.split('\n')[item.start_line - 1]?.trim() ?? '';
      out.push({ file: h.file, line: item.start_line, text, symbol: item.qualified, why: n.need });
      if (out.length >= 2) break;
    }
  }
  return out;
}
