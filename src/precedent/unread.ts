/**
 * A met option whose value nothing reads. Declared, its value stored into a field of a struct or class,
 * and that field read nowhere in the project's code: a maintainer calls the request partly met, the read
 * (the effect) being the gap. Said only on strong evidence:
 *
 * - a name of two words or more (a one-word name is every library's word);
 * - the value is stored into a field that has a declaration of its own (a struct or interface member, a
 *   class-body field: its type says it is one), in a language whose fields are read by name (Rust, Go,
 *   TypeScript, JavaScript, Python);
 * - every line of the project's code that names the option or that field is the option's registration,
 *   the field's declaration, the line that stores the value, a write of a literal into the field, or a
 *   comment. Any other line (a read, a destructuring, the value passed on, an unknown form) reads it.
 *
 * Where it would take effect: the calls of the project's own functions whose name holds the field's
 * (`set_terminal_title_to(…)` for `set_terminal_title`), the thing the option would switch.
 */

import { esc } from './code-shape.js';
import type { Declaration } from './declaration.js';
import type { EffectPlace } from './effect.js';
import { declares, fieldSpellings } from './field.js';
import { CodeReader, carrierOf, readsValue } from './follow.js';
import { inSourceTest } from './footprint.js';
import { Enclosing } from './places.js';
import { contains, type Hit, languageOf, type TreeSearch } from './search.js';
import { wordsOf } from './words.js';

export interface Unread {
  /** The field the value is stored in, as the code spells it. */
  field: string;
  /** The field's declaration. */
  declared: Hit;
  /** The line that stores the option's value in it. */
  set: Hit;
  /** Calls of the project's functions named after the field: where it would take effect (at most two). */
  effect: EffectPlace[];
}

const LANGUAGES = new Set(['Rust', 'Go', 'TypeScript', 'JavaScript', 'Python']);
const COMMENT = /^\s*(#|\/\/|\/\*|\*|--)/;
/** A literal stored into the field: `x: false,`, `self.x = None`, `.x = 0`. */
const LITERAL =
  /^(?:true|false|True|False|None|nil|null|undefined|-?\d[\w.]*|""|''|Default::default\(\)|vec!\[\]|\[\]|\{\})[,;]?$/;
const MAX_HITS = 400;

/**
 * The met declaration's value read nowhere, or null. `own(file)` is the project's own code (not a test,
 * a doc, an example).
 */
export function unreadValue(
  search: TreeSearch,
  d: Declaration,
  own: (file: string) => boolean,
): Unread | null {
  const words = wordsOf(d.name);
  if (words.length < 2) return null;
  const names = [d.name, ...d.aliases].map((n) => n.replace(/^-+/, '')).filter((n) => wordsOf(n).length >= 2);
  const ids = [...new Set([...names, ...fieldSpellings(words)])];
  const hits = search.lines(ids, { word: true, maxPerFile: 50, maxTotal: MAX_HITS });
  if (hits.length >= MAX_HITS) return null;
  const reader = new CodeReader((p) => search.read(p));
  let set: (Hit & { field: string }) | null = null;
  let declared: Hit | null = null;
  for (const h of hits) {
    const lang = languageOf(search, h.file);
    // Tests, docs and files of other languages (a completion script, a config example) read nothing.
    if (!own(h.file) || !lang || !LANGUAGES.has(lang) || inSourceTest(search, h.file, h.line)) continue;
    if (COMMENT.test(h.text) || (h.file === d.file && reader.inRegistration(h.file, h.line, [d]))) continue;
    if (reader.onlyInSentence(h.file, h.line, ids.find((i) => contains(h.text, i, true)) ?? '')) continue;
    const stored = ids
      .map((id) => carrierOf(h.text, id, (s, n) => contains(s, n, true) && readsValue(s, n), true))
      .find((f): f is string => Boolean(f));
    if (stored && ids.includes(stored) && !set) {
      // The field stored into, and the option read on the right: nothing else on the line names them.
      set = { ...h, text: h.text.trim(), field: stored };
      continue;
    }
    const field = ids.find((id) => declares(h.text, id, lang));
    const rest = field
      ? h.text.trim().replace(new RegExp(`^.*?\\b${esc(field)}\\b\\??\\s*[:=]?\\s*`), '')
      : '';
    if (field && isType(rest, lang)) {
      declared ??= { ...h, text: h.text.trim() };
      continue;
    }
    if (field && LITERAL.test(rest.trim())) continue;
    return null;
  }
  if (!set || !declared) return null;
  return {
    field: set.field,
    declared,
    set: { file: set.file, line: set.line, text: set.text },
    effect: effectOf(search, set.field, own),
  };
}

/** The right side of a member declaration is a type (`bool,`, `Option<String>`, `*string \`yaml:"x"\``, `bool = False`). */
function isType(rest: string, language: string): boolean {
  const t = (language === 'Python' ? rest.split(/\s=\s/)[0]! : rest.split('`')[0]!)
    .trim()
    .replace(/[,;]$/, '');
  return (
    /^&?(?:'\w+\s+)?(?:mut\s+)?(?:\*|\[\])*[A-Za-z_][\w.]*(?:<[^=]*>|\[[^=]*\])?(?:\s*\|\s*[\w.]+)*\??$/.test(
      t,
    ) && !/^(?:true|false|True|False|None|nil|null)$/.test(t)
  );
}

/**
 * The calls of the project's own functions whose name holds the field's as a part of it
 * (`set_terminal_title_to(…)`), outside their definitions and tests: what the option would switch.
 */
function effectOf(search: TreeSearch, field: string, own: (file: string) => boolean): EffectPlace[] {
  const part = new RegExp(`\\b(\\w*${esc(field)}\\w*)\\s*\\(`, 'g');
  const hits = search.lines([field], { maxPerFile: 20, maxTotal: 200 }).filter((h) => own(h.file));
  const defined = new Set<string>();
  const calls: Array<Hit & { callee: string }> = [];
  for (const h of hits)
    for (const m of h.text.matchAll(part)) {
      const callee = m[1]!;
      if (callee === field) continue;
      if (new RegExp(`\\b(?:fn|def|function|func)\\s+${esc(callee)}\\b`).test(h.text)) defined.add(callee);
      else calls.push({ ...h, callee });
    }
  const enclosing = new Enclosing((p) => search.read(p));
  return calls
    .filter((c) => defined.has(c.callee) && !inSourceTest(search, c.file, c.line))
    .slice(0, 2)
    .map((c) => ({
      file: c.file,
      line: c.line,
      text: c.text.trim(),
      symbol: enclosing.symbolAt(c.file, languageOf(search, c.file), c.line) ?? c.callee,
      why: `calls \`${c.callee}\`, named after \`${field}\`: the value is read where it is called`,
      sure: true,
    }));
}

/** What is missing, in words: the read, where the value is kept, and where it would take effect. */
export function unreadText(u: Unread, name: string): { reason: string; missing: string } {
  const where = u.effect.length
    ? `; it would take effect where \`${u.effect[0]!.text.replace(/\(.*$/, '')}\` is called (${u.effect.map((e) => `${e.file}:${e.line}`).join(', ')})`
    : '';
  return {
    reason: `\`${name}\` is declared, and its value is stored in \`${u.field}\` (${u.set.file}:${u.set.line}; declared at ${u.declared.file}:${u.declared.line}), which no line of the code reads: the option changes nothing yet`,
    missing: `a read of \`${u.field}\` (set at ${u.set.file}:${u.set.line}, read nowhere)${where}`,
  };
}
