import { dirname, join, normalize } from 'node:path';
import type { FileRole } from './classify.js';
import type { SymbolDef } from './symbols.js';
import { extractImports } from './symbols.js';
import { eachTerm } from './tokenize.js';

export interface IndexedFile {
  path: string;
  role: FileRole;
  language: string | null;
  text: string;
  symbols: SymbolDef[];
}

export interface RelevantFile {
  /** Relative to the explored root, forward slashes. */
  path: string;
  score: number;
  reasons: string[];
}

export interface Relevance {
  query: string;
  /** Source files most likely to need changes, best first. */
  relevantFiles: RelevantFile[];
  tests: RelevantFile[];
  docs: RelevantFile[];
  configs: RelevantFile[];
}

const CODE_EXT =
  'py|pyi|js|jsx|mjs|cjs|ts|tsx|mts|cts|go|rs|java|kt|kts|rb|php|cs|xs|vue|svelte|scala|swift|c|h|cc|cpp|hpp';
const PATH_MENTION = new RegExp(`(?:[\\w.@-]+/)*[\\w.-]+\\.(?:${CODE_EXT})\\b`, 'g');
const PY_FRAME = /File "([^"]+)", line (\d+)/g;
const JS_FRAME = new RegExp(`\\(?((?:[A-Za-z]:)?[^\\s()'"]+\\.(?:${CODE_EXT})):(\\d+)(?::\\d+)?\\)?`, 'g');
const DOTTED = /\b[A-Za-z_]\w*(?:\.[A-Za-z_]\w*){1,6}\b/g;
/** A link to a file of a repository, maybe to a line: `github.com/o/r/blob/<ref>/src/x.js#L98` (GitLab's `/-/blob/`). */
const SOURCE_LINK =
  /\b(?:github\.com|gitlab\.com|bitbucket\.org)\/[\w.-]+\/[\w.-]+\/(?:-\/)?(?:blob|tree|src)\/[^/\s]+\/([^\s#?)\]>'"]+)(?:#L(\d+))?/g;
/** A path that begins with a host name: the URL around a path, not a path of the project. */
const HOSTED = /^(?:[\w-]+\.)+(?:com|org|io|net|dev)\//;
const CODE_SPAN = /`([^`\n]+)`|```[\s\S]*?```/g;

/** The requirement, analysed: weighted terms, mentioned paths and modules, stack frames, identifiers. */
export interface Query {
  weights: Map<string, number>;
  paths: string[];
  /**
   * Stack frames with a weight: where the error happened counts most. A link to a line of the project's
   * repository counts as a frame too (`linked`): the report points at that line; so does a line of code
   * the report quotes that the planner finds in one place (`quoted`).
   */
  frames: Array<{ path: string; line: number; weight: number; linked?: boolean; quoted?: boolean }>;
  identifiers: Set<string>;
}

export function readQuery(text: string): Query {
  const weights = new Map<string, number>();
  eachTerm(text, (t) => weights.set(t, Math.min((weights.get(t) ?? 0) + 1, 3)));
  // Terms inside code spans and identifier-like words weigh double: they name code.
  for (const m of text.matchAll(CODE_SPAN))
    eachTerm(m[1] ?? m[0], (t) => weights.set(t, (weights.get(t) ?? 1) + 1));
  for (const m of text.matchAll(/\b[a-z]+[A-Z]\w*|\b\w+_\w+\b|\b\w+(?=\()/g))
    eachTerm(m[0], (t) => weights.set(t, (weights.get(t) ?? 1) + 0.5));
  // Python prints the most recent call last, JavaScript first: weigh frames towards where it failed.
  const py = [...text.matchAll(PY_FRAME)].map((m) => ({ path: m[1]!, line: Number(m[2]) }));
  const js = [...text.matchAll(JS_FRAME)].map((m) => ({ path: m[1]!, line: Number(m[2]) }));
  const links = [...text.matchAll(SOURCE_LINK)].map((m) => ({ path: m[1]!, line: m[2] ? Number(m[2]) : 0 }));
  const frames: Query['frames'] = [
    ...py.map((f, i) => ({ ...f, weight: 0.5 + (1.5 * (i + 1)) / py.length })),
    ...js.map((f, i) => ({ ...f, weight: 2 - (1.5 * i) / Math.max(js.length, 1) })),
    ...links.filter((l) => l.line).map((l) => ({ ...l, weight: 1.5, linked: true })),
  ];
  const paths = [
    ...[...text.matchAll(PATH_MENTION)].map((m) => m[0]).filter((p) => !HOSTED.test(p)),
    ...links.map((l) => l.path),
  ];
  for (const m of text.matchAll(DOTTED)) {
    const d = m[0];
    if (/\.(com|org|io|net|html?|md|txt|png|jpg)$/i.test(d) || /^\d/.test(d)) continue;
    paths.push(d.replace(/\./g, '/'));
  }
  // Names that look like code: in a code span or block, called, snake_case, with an inner capital
  // (DataArray, getUser) or dotted. A plain word ("Sphinx", "which") names nothing, even if a symbol has it.
  const identifiers = new Set<string>();
  const codeShaped = /^(?:[a-z_$][\w$]*[A-Z_][\w$]*|[A-Z][a-z0-9]+[A-Z][\w$]*|_[\w$]+|[\w$]+_[\w$]*)$/;
  // A kebab-case word in code (`qop-options`, `--max-line-length`, `Content-Length`) is one name: its
  // parts are not identifiers of their own.
  for (const m of text.matchAll(CODE_SPAN))
    for (const id of (m[1] ?? m[0]).replace(/[\w$]+(?:-[\w$]+)+/g, ' ').matchAll(/[A-Za-z_$][\w$]{2,}/g))
      identifiers.add(id[0]);
  // Called: `name(` with no space (prose puts a space before a parenthesis: "a name (e.g. …)").
  for (const m of text.matchAll(/[A-Za-z_$][\w$]{2,}(?=\()/g)) identifiers.add(m[0]);
  for (const m of text.matchAll(/[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+/g))
    for (const part of m[0].split('.')) if (part.length >= 3) identifiers.add(part);
  for (const m of text.matchAll(/[A-Za-z_$][\w$]{2,}/g)) if (codeShaped.test(m[0])) identifiers.add(m[0]);
  return { weights, paths, frames, identifiers };
}

const CODE_SHAPED_NAME = /^[a-z][a-z0-9]*[A-Z][\w]*$|^[a-z][a-z0-9]*_[a-z0-9_]+$/;

/** A source file's module name: its stem, or its folder's name for an index file (`plugin/utc/index.js`: utc). */
function moduleName(f: IndexedFile): string | null {
  if (f.role !== 'source') return null;
  const parts = f.path.split('/');
  const stem = parts.at(-1)!.replace(/\.[^.]+$/, '');
  return /^(index|__init__|mod|main)$/.test(stem) ? (parts.at(-2) ?? null) : stem;
}

/** Normalises a mentioned path to the project-relative forms it could take. */
export function candidates(p: string): string[] {
  let s = p.replace(/\\/g, '/');
  const site = s.lastIndexOf('site-packages/');
  if (site >= 0) s = s.slice(site + 'site-packages/'.length);
  const nm = s.lastIndexOf('node_modules/');
  if (nm >= 0)
    s = s
      .slice(nm + 'node_modules/'.length)
      .split('/')
      .slice(1)
      .join('/');
  s = s.replace(/^(\.\/|\/)+/, '');
  if (new RegExp(`\\.(${CODE_EXT})$`).test(s)) return [s];
  return [`${s}.py`, `${s}/__init__.py`, `${s}.js`, `${s}.ts`, `${s}/index.js`, `${s}/index.ts`];
}

export function endsWithPath(file: string, cand: string): boolean {
  return file === cand || file.endsWith(`/${cand}`);
}

const K1 = 1.2;
const B = 0.75;
const W_PATH = 3;
const W_SYMBOL = 2;

export function rankFiles(files: IndexedFile[], query: string, options: { top?: number } = {}): Relevance {
  const top = options.top ?? 20;
  const q = readQuery(query);
  const qTerms = [...q.weights.keys()];
  const N = files.length || 1;
  interface Doc {
    f: IndexedFile;
    tf: Map<string, { path: number; sym: number; body: number }>;
    len: number;
    reasons: string[];
    boost: number;
  }
  const df = new Map<string, number>();
  const symbolDefs = new Map<string, number>();
  for (const f of files) for (const s of f.symbols) symbolDefs.set(s.name, (symbolDefs.get(s.name) ?? 0) + 1);

  const mentionCands = q.paths.flatMap(candidates);
  // A module named by its name alone (`customParseFormat`, `objectSupport.js` of a build for the source's
  // `plugin/objectSupport/index.js`): an identifier of the text that is a file's stem, or its folder's name
  // for an index file, when few files have that name and it is shaped like code (a plain word such as
  // `request` or the project's own name says nothing).
  const moduleNames = new Map<string, number>();
  for (const f of files) {
    const name = moduleName(f);
    if (name) moduleNames.set(name, (moduleNames.get(name) ?? 0) + 1);
  }
  const frameCands = q.frames.flatMap((f) =>
    candidates(f.path).map((c) => ({ c, weight: f.weight, linked: f.linked })),
  );
  const docs: Doc[] = files.map((f) => {
    const tf = new Map<string, { path: number; sym: number; body: number }>();
    const bump = (t: string, field: 'path' | 'sym' | 'body') => {
      if (!q.weights.has(t)) return;
      const e = tf.get(t) ?? { path: 0, sym: 0, body: 0 };
      e[field]++;
      tf.set(t, e);
    };
    eachTerm(f.path, (t) => bump(t, 'path'));
    for (const s of f.symbols) eachTerm(s.name, (t) => bump(t, 'sym'));
    let len = 0;
    eachTerm(f.text, (t) => {
      len++;
      bump(t, 'body');
    });
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    const reasons: string[] = [];
    let boost = 0;
    const inFrames = frameCands.filter((x) => endsWithPath(f.path, x.c));
    const frameWeight = Math.max(0, ...inFrames.map((x) => x.weight));
    if (frameWeight > 0) {
      boost += frameWeight;
      reasons.push(
        inFrames.every((x) => x.linked) ? 'the text links to a line of it' : 'in a stack frame of the text',
      );
    }
    const name = moduleName(f);
    if (mentionCands.some((c) => endsWithPath(f.path, c))) {
      boost += 1.5;
      reasons.push('named in the text');
    } else if (
      name &&
      CODE_SHAPED_NAME.test(name) &&
      q.identifiers.has(name) &&
      moduleNames.get(name)! <= 2
    ) {
      boost += 1;
      reasons.push(`the text names its module, ${name}`);
    }
    const named = f.symbols.filter((s) => q.identifiers.has(s.name) && s.name.length >= 4);
    if (named.length) {
      // Rare names say more: a symbol defined in one file points at that file.
      const strength = named.reduce(
        (acc, s) => acc + Math.log(1 + N / (symbolDefs.get(s.name) ?? 1)) / Math.log(1 + N),
        0,
      );
      boost += Math.min(strength, 2) * 0.8;
      reasons.push(
        `defines ${named
          .slice(0, 4)
          .map((s) => `${s.name} (line ${s.line})`)
          .join(', ')}`,
      );
    }
    return { f, tf, len, reasons, boost };
  });
  const avgLen = docs.reduce((a, d) => a + d.len, 0) / N || 1;
  const idf = (t: string) => Math.log(1 + (N - (df.get(t) ?? 0) + 0.5) / ((df.get(t) ?? 0) + 0.5));

  const scored = docs.map((d) => {
    let bm25 = 0;
    const contrib: Array<[string, number, string]> = [];
    const norm = K1 * (1 - B + (B * d.len) / avgLen);
    for (const t of qTerms) {
      const e = d.tf.get(t);
      if (!e) continue;
      const tf = W_PATH * e.path + W_SYMBOL * e.sym + e.body;
      const c = q.weights.get(t)! * idf(t) * ((tf * (K1 + 1)) / (tf + norm));
      bm25 += c;
      contrib.push([t, c, e.path ? 'path' : e.sym ? 'symbol' : 'content']);
    }
    return { d, bm25, contrib };
  });
  const maxBm25 = Math.max(1e-9, ...scored.map((s) => s.bm25));
  let ranked = scored.map(({ d, bm25, contrib }) => {
    const score = bm25 / maxBm25 + d.boost;
    const reasons = [...d.reasons];
    contrib.sort((a, b) => b[1] - a[1]);
    const byKind = (k: string) =>
      contrib
        .filter((c) => c[2] === k)
        .slice(0, 4)
        .map((c) => c[0]);
    if (byKind('path').length) reasons.push(`path terms: ${byKind('path').join(', ')}`);
    if (byKind('symbol').length) reasons.push(`symbol terms: ${byKind('symbol').join(', ')}`);
    if (byKind('content').length) reasons.push(`content terms: ${byKind('content').join(', ')}`);
    return { file: d.f, score, reasons };
  });

  // Import neighbours: what the strongest source files import is likely to change with them.
  const byPath = new Map(files.map((f) => [f.path, f]));
  const scoreOf = new Map(ranked.map((r) => [r.file.path, r]));
  const leaders = ranked
    .filter((r) => r.file.role === 'source' && r.score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, 5);
  // The strongest importer counts, once: a hub that every leader imports is not thereby the answer.
  const neighbour = new Map<string, { by: string; score: number }>();
  for (const lead of leaders) {
    for (const spec of extractImports(lead.file.text, lead.file.language)) {
      const target = resolveImport(lead.file.path, spec, lead.file.language, byPath);
      if (!target || target === lead.file.path) continue;
      const prior = neighbour.get(target);
      if (!prior || prior.score < lead.score)
        neighbour.set(target, { by: lead.file.path, score: lead.score });
    }
  }
  for (const [target, n] of neighbour) {
    const r = scoreOf.get(target);
    if (!r || r.score <= 0) continue;
    r.score += 0.15 * n.score;
    r.reasons.push(`imported by ${n.by}`);
  }

  ranked = ranked
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.file.path.localeCompare(b.file.path));
  const pick = (role: FileRole) =>
    ranked
      .filter((r) => r.file.role === role)
      .slice(0, top)
      .map((r) => ({ path: r.file.path, score: Math.round(r.score * 1000) / 1000, reasons: r.reasons }));
  return {
    query,
    relevantFiles: pick('source'),
    tests: pick('test'),
    docs: pick('doc'),
    configs: pick('config'),
  };
}

function resolveImport(
  from: string,
  spec: string,
  language: string | null,
  files: Map<string, unknown>,
): string | null {
  if (language === 'Python') {
    if (spec.startsWith('.')) {
      const dots = /^\.+/.exec(spec)![0].length;
      let base = dirname(from);
      for (let i = 1; i < dots; i++) base = dirname(base);
      const rest = spec.slice(dots).replace(/\./g, '/');
      const stem = rest ? join(base, rest) : base;
      for (const c of [`${stem}.py`, `${stem}/__init__.py`]) if (files.has(normalize(c))) return normalize(c);
      return null;
    }
    const stem = spec.replace(/\./g, '/');
    for (const f of [`${stem}.py`, `${stem}/__init__.py`, `src/${stem}.py`, `src/${stem}/__init__.py`])
      if (files.has(f)) return f;
    return null;
  }
  const base = normalize(join(dirname(from), spec));
  for (const ext of ['', '.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '/index.ts', '/index.js']) {
    const c = base + ext;
    if (files.has(c)) return c;
  }
  if (/\.js$/.test(base)) {
    const ts = base.replace(/\.js$/, '.ts');
    if (files.has(ts)) return ts;
  }
  return null;
}
