/**
 * Edit points: for a file to modify, the functions, classes or methods the change lands in, with their
 * line ranges, their signature as written, and why each was picked (named in the requirement, on the
 * traceback, its name or body carries the requirement's terms). Read from the file's outline.
 */
import type { EditPoint } from '../../domain/plan.js';
import { languageOf } from '../../explore/languages.js';
import type { OutlineItem } from '../../explore/outline.js';
import { outline } from '../../explore/outline.js';
import type { Query } from '../../explore/relevance.js';
import { candidates, endsWithPath, readQuery } from '../../explore/relevance.js';
import { STOP, stem, terms } from '../../explore/tokenize.js';
import { projectFiles } from '../../files/project-files.js';

export interface FileOutline {
  path: string;
  language: string | null;
  lines: string[];
  items: OutlineItem[];
}

/** The outline of a project file, or null when it cannot be read or has no symbols. */
export function readOutline(root: string, path: string): FileOutline | null {
  const language = languageOf(path);
  const text = projectFiles(root).readEvidence(path);
  if (text === null) return null;
  const items = outline(text, language);
  return items.length ? { path, language, lines: text.split('\n'), items } : null;
}

const termsOf = (s: string) => new Set(terms(s));

/**
 * The requirement's terms as its author wrote them: words, and identifiers split only where the author
 * separated them (`min-similarity-lines` → min, similarity, lines), never inside a camel-case name
 * (`ValueError` is one term, not "value" and "error"). Weighted by count (at most 3), code spans double.
 */
export function requirementTerms(text: string): Map<string, number> {
  const out = new Map<string, number>();
  const add = (raw: string, w: number) => {
    for (const piece of raw.split(/[-_.]+/)) {
      const t = stem(piece.toLowerCase());
      if (t.length < 3 || STOP.has(t) || /^\d+$/.test(t)) continue;
      out.set(t, Math.min(3, (out.get(t) ?? 0) + w));
    }
    const whole = raw.replace(/[-_.]/g, '').toLowerCase();
    if (/[-_.]/.test(raw) && whole.length >= 4) out.set(whole, Math.min(3, (out.get(whole) ?? 0) + w));
  };
  for (const m of text.matchAll(/[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*/g)) add(m[0], 1);
  for (const m of text.matchAll(/`([^`\n]+)`/g))
    for (const id of m[1]!.matchAll(/[A-Za-z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*/g)) add(id[0], 1);
  return out;
}

interface Scored {
  item: OutlineItem;
  score: number;
  reasons: string[];
}

/** How many items mention each term, over a set of files: a term every function uses tells nothing. */
export interface TermStats {
  items: number;
  df: Map<string, number>;
  /** Identifiers the requirement names outside its code blocks. */
  prose: Set<string>;
  /** Terms in the paths of most candidate files: the project's own name (`pytest`, `axios`), not a topic. */
  common: Set<string>;
  /** Capitalised words inside a sentence of the prose ("when a Shelf is given an empty label"): maybe a class's name. */
  capitalised: Set<string>;
}

export function termStats(files: FileOutline[], words: Map<string, number>, requirement = ''): TermStats {
  const df = new Map<string, number>();
  let items = 0;
  for (const f of files)
    for (const it of f.items) {
      items++;
      for (const t of termsOf(f.lines.slice(it.start_line - 1, it.end_line).join('\n')))
        if (words.has(t)) df.set(t, (df.get(t) ?? 0) + 1);
    }
  // Prose only: no code blocks or indented code, and no kebab-case names (`qop-options` is a directive,
  // not a function called `options`).
  const text = requirement
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/^(?: {4}|\t).*$/gm, ' ')
    .replace(/\b[\w$]+(?:-[\w$]+)+\b/g, ' ');
  const inPaths = new Map<string, number>();
  for (const f of files) for (const t of termsOf(f.path)) inPaths.set(t, (inPaths.get(t) ?? 0) + 1);
  const common = new Set(
    [...inPaths].filter(([, n]) => files.length >= 3 && n >= files.length / 2).map(([t]) => t),
  );
  // Not the first word of a sentence or a title ("Request with binary payload fails"): after a lowercase
  // word. A plural names the class too ("name for Blueprints").
  const capitalised = new Set<string>();
  for (const m of text.matchAll(/(?<=\b[a-z][\w,]*\s)[A-Z][a-z0-9]{2,}\b/g)) {
    capitalised.add(m[0]);
    if (m[0].endsWith('s')) capitalised.add(m[0].slice(0, -1));
  }
  return { items, df, prose: readQuery(text).identifiers, common, capitalised };
}

function scoreItems(
  file: FileOutline,
  q: Query,
  words = requirementTerms([...q.identifiers].join(' ')),
  stats: TermStats = termStats([file], words),
): Scored[] {
  // Symbols are split fully (`prepare_content_length`, `iterBlueprints`); the requirement only as written.
  q = { ...q, weights: words };
  // How many items of the file mention each query term: a term in every function tells nothing.
  const bodies = file.items.map((it) => termsOf(file.lines.slice(it.start_line - 1, it.end_line).join('\n')));
  const idf = (t: string) => Math.log(1 + stats.items / (stats.df.get(t) ?? 1));
  const frames = framesIn(file, q);
  const out: Scored[] = [];
  for (const [i, it] of file.items.entries()) {
    let score = 0;
    const reasons: string[] = [];
    // Named in the prose ("fails due to calling to_native_string") points at the culprit; a name only
    // used in the report's example (`requests.put(…)`) is how the caller got there.
    const prose = stats.prose;
    // A dunder (`__init__`) names a kind of method, not one method.
    const dunder = /^__\w+__$/.test(it.name);
    if ((prose.has(it.name) && !dunder) || prose.has(it.qualified)) {
      score += 6;
      reasons.push('named in the requirement');
    } else if ((q.identifiers.has(it.name) && !dunder) || q.identifiers.has(it.qualified)) {
      score += 2;
      reasons.push("called in the report's example");
    }
    const hit = frames.find((f) => f.line >= it.start_line && f.line <= it.end_line);
    if (hit && it.kind === 'function') {
      score += 5 * hit.weight;
      reasons.push(frameWhy(hit));
    }
    const nameTerms = [...termsOf(it.name)].filter((t) => q.weights.has(t) && !stats.common.has(t));
    if (nameTerms.length) {
      score += nameTerms.reduce((s, t) => s + 1.5 * q.weights.get(t)! * idf(t), 0);
      reasons.push(`its name matches ${nameTerms.map((t) => `"${t}"`).join(', ')}`);
    }
    // A signature that already takes the input: `__init__(self, name, …)` for "an empty name". Whole
    // parameter names only: `download_name` does not take "a name".
    const params = it.signature.includes('(') ? it.signature.slice(it.signature.indexOf('(') + 1) : '';
    const paramTerms = [
      ...new Set(
        params
          .split(',')
          .map((p) => /^\s*\**\s*([A-Za-z_$][\w$]*)/.exec(p)?.[1] ?? '')
          .map((p) => stem(p.toLowerCase()))
          .filter((t) => t && q.weights.has(t) && !nameTerms.includes(t)),
      ),
    ];
    if (paramTerms.length) {
      score += paramTerms.reduce((s, t) => s + 0.75 * q.weights.get(t)! * idf(t), 0);
      reasons.push(`it takes ${paramTerms.map((t) => `"${t}"`).join(', ')}`);
    }
    // A constructor stands for its class: `Blueprint.__init__` when the requirement is about blueprints.
    const parent = it.qualified.includes('.') ? it.qualified.slice(0, it.qualified.lastIndexOf('.')) : '';
    if (/^(__init__|constructor|initialize|new)$/.test(it.name) && parent) {
      const cls = parent.split('.').pop()!;
      const classTerms = [...termsOf(cls)].filter((t) => q.weights.has(t));
      if (classTerms.length) {
        score += classTerms.reduce((s, t) => s + 0.75 * q.weights.get(t)! * idf(t), 0);
        reasons.push(`it constructs ${cls}`);
      }
      // The requirement says what a `Shelf` is given: the constructor is where that input arrives.
      if (stats.capitalised.has(cls)) {
        score += 4;
        reasons.push(`the requirement names its class, ${cls}`);
      }
    }
    const body = [...bodies[i]!].filter(
      (t) => q.weights.has(t) && !nameTerms.includes(t) && !paramTerms.includes(t),
    );
    if (body.length) {
      const weighted = body
        .map((t) => ({ t, w: q.weights.get(t)! * idf(t) }))
        .sort((a, b) => b.w - a.w || a.t.localeCompare(b.t));
      // A long body mentions many words by chance: damp by length, and cap what the body alone can add.
      const lines = it.end_line - it.start_line + 1;
      const damp = lines > 20 ? Math.sqrt(20 / lines) : 1;
      score += Math.min(3, 0.35 * damp * weighted.reduce((s, x) => s + x.w, 0));
      if (weighted.length >= 2 || nameTerms.length === 0)
        reasons.push(
          `its body uses ${weighted
            .slice(0, 3)
            .map((x) => `"${x.t}"`)
            .join(', ')}`,
        );
    }
    const span = it.end_line - it.start_line + 1;
    // A class or a very long function is a region, not a place to edit: prefer its members.
    if (it.kind === 'class') score *= 0.5;
    else if (span > 150) score *= 0.7;
    if (score > 0) out.push({ item: it, score, reasons });
  }
  return out.sort((a, b) => b.score - a.score || a.item.start_line - b.item.start_line);
}

/**
 * The one to three edit points of a file: the best items, never an item and its own enclosing class;
 * `best` is the top item's score (how clearly the file has a place for the change).
 */
export function editPointsOf(
  file: FileOutline,
  q: Query,
  words: Map<string, number>,
  stats?: TermStats,
  max = 3,
): { points: EditPoint[]; best: number } {
  const scored = scoreItems(file, q, words, stats);
  const best = scored[0]?.score ?? 0;
  if (best < 2) return { points: [], best: 0 };
  const picked: Scored[] = [];
  for (const s of scored) {
    if (picked.length >= max || s.score < Math.max(2, best * 0.5)) break;
    if (picked.some((p) => inside(s.item, p.item) || inside(p.item, s.item))) continue;
    picked.push(s);
  }
  // Best first: the first edit point is the one the plan talks about.
  return { points: picked.map((s) => asPoint(s.item, s.reasons.join('; '))), best };
}

/** An outline item as an edit point: its qualified name, lines and signature, and why it was picked. */
export const asPoint = (i: OutlineItem, why: string): EditPoint => ({
  symbol: i.qualified,
  start_line: i.start_line,
  end_line: i.end_line,
  signature: i.signature,
  why,
});

/** The report's frames (traceback, links, quoted lines) in this file. */
const framesIn = (file: FileOutline, q: Query) =>
  q.frames.filter((f) => candidates(f.path).some((c) => endsWithPath(file.path, c)));

/** Whether place `a` lies within place `b`. */
const inside = (a: Span, b: Span) => a.start_line >= b.start_line && a.end_line <= b.end_line;
type Span = { start_line: number; end_line: number };

/** Why a frame of the report points at a line: quoted, linked, or on the traceback. */
const frameWhy = (f: Query['frames'][number]) =>
  f.quoted
    ? `the report quotes line ${f.line}`
    : f.linked
      ? `the report links to line ${f.line}`
      : `the traceback passes through line ${f.line}`;

/** The requirement points at this place itself: names it, or its traceback, a link or a quoted line is in it. */
export const pointedAt = (e: EditPoint) =>
  /named in the requirement|the traceback|the report (links|quotes)/.test(e.why);

/**
 * An edit point the requirement points at clearly: named, on the traceback or linked, the constructor of a
 * class it names, or two of its terms in the name.
 */
export const clearPoint = (e: EditPoint) =>
  pointedAt(e) || /names its class|its name matches "[^"]+", "/.test(e.why);

/**
 * The places a feature request names itself: a function or class it spells, a traceback frame, a link. No
 * word scoring: features are placed by the precedent, and only a place named outright is taken as given.
 */
export function namedPoints(file: FileOutline, q: Query): EditPoint[] {
  const frames = framesIn(file, q);
  const out: EditPoint[] = [];
  for (const it of file.items) {
    const frame =
      it.kind === 'function'
        ? frames.find((f) => f.line >= it.start_line && f.line <= it.end_line)
        : undefined;
    const named =
      (q.identifiers.has(it.name) && !/^__\w+__$/.test(it.name)) || q.identifiers.has(it.qualified);
    if (!named && !frame) continue;
    out.push(asPoint(it, named ? 'named in the requirement' : frameWhy(frame!)));
  }
  // `Shelf.label_text` names the method, not its whole class: an item around another named one goes.
  return out.filter((b) => !out.some((a) => a !== b && inside(a, b))).slice(0, 3);
}
