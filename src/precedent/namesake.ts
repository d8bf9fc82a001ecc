/**
 * A one-word sibling's namesakes: lines that write its word as a name (`exclude:`, `exclude=`, `exclude =`)
 * for something else. In the files that write the option, a weak form is its value only where the value
 * can be there: a parameter of the command function the option is registered on (click's `main(…,
 * exclude, …)`) or of a function some call passes the value to; a keyword argument whose value is the
 * option's value, or that fills such a parameter; a local bound from it. Another function's own parameter
 * (`def max_priority(self, exclude: …)`, called only with `exclude={…}`), a keyword whose value is not the
 * option's, and a local bound to something else (`exclude = set()`) merely share the word.
 *
 * Read from the text with the outline, the string mask and the argument splitter (`call-args.ts`), not a
 * parser; where the reading cannot tell (a module-level name, a function defined twice, a caller past the
 * bounds) the line stays a use, as before.
 */
import { type OutlineItem, outline } from '../explore/outline.js';
import { callArgs } from './call-args.js';
import { definesFunction, esc, maskStrings } from './code-shape.js';
import { enclosingOpen } from './follow.js';
import type { Hit, TreeSearch } from './search.js';

interface Text {
  text: string;
  masked: string;
  lines: string[];
  starts: number[];
  fns: OutlineItem[];
}

/** Functions whose callers are looked up, at most (one whole-word search each). */
const MAX_FUNCTIONS = 8;
const CALLS_PER_FUNCTION = 60;
/** Callees of keyword arguments whose definition is looked up (one whole-word search each), at most. */
const MAX_CALLEES = 12;

const OPEN = '([{';
const CLOSE = ')]}';

/** A decorator stack that registers options or a command (`@click.option(`, `@app.command(`, `@group.command`). */
const COMMAND_DECORATOR = /^\s*@[\w.]*\b(?:options?|commands?|group|argument|pass_context)\b/;

export interface NamesakeInput {
  search: TreeSearch;
  /** The one-word name (`exclude`). */
  word: string;
  language: (path: string) => string | null;
  /** Its dests of another word (`--pretty`, dest `prettify`): read as attributes too. */
  dests?: string[];
  /** Whether a file is the project's code or tests (callers and definitions are looked up there). */
  isProject: (path: string) => boolean;
}

/**
 * The weak-form hits (`w:`, `w=`, `w =`, `=w`) that name something else than the sibling's value, as
 * `file:line` keys. Attribute reads (`args.w`, `self.w`) are never judged here.
 */
export function namesakeHits(input: NamesakeInput, hits: Hit[]): Set<string> {
  const { search, word: w } = input;
  const texts = new Map<string, Text | null>();
  const fileOf = (path: string): Text | null => {
    if (!texts.has(path)) {
      const text = search.read(path);
      if (text === null) texts.set(path, null);
      else {
        const starts = [0];
        for (let k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) starts.push(k + 1);
        texts.set(path, {
          text,
          masked: maskStrings(text),
          lines: text.split('\n'),
          starts,
          fns: outline(text, input.language(path)).filter((i) => i.kind === 'function'),
        });
      }
    }
    return texts.get(path)!;
  };
  const python = (p: string) => p.endsWith('.py') || input.language(p) === 'Python';
  const word = new RegExp(`(?<![\\w$.])${esc(w)}(?![\\w$])`);
  /** An expression that reads the value wherever it stands: `args.w`, `opts["w"]`, `m.get_flag("w")`, `--w`. */
  // An attribute named for it or for its dest (`args.w`, `self._given_w`) or the name quoted as a key.
  const attrs = [w, ...(input.dests ?? [])].map(esc).join('|');
  const direct = new RegExp(
    `\\.(?:[\\w$]*_)?(?:${attrs})(?![\\w$])|[\\w$)\\]>]\\s*[([]\\s*[brf]?(["'])(?:-{1,2})?${esc(w)}\\1`,
  );
  const readsDirect = (v: string) => direct.test(v);
  const lineOf = (f: Text, off: number) => {
    let lo = 0;
    let hi = f.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (f.starts[mid]! <= off) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };

  /** The function whose parameter list holds offset `at` (its `(` opens on the definition's line). */
  const signatureAt = (f: Text, at: number): { name: string; open: number } | null => {
    const open = enclosingOpen(f.masked, at);
    if (open < 0 || f.masked[open] !== '(') return null;
    const name = /([A-Za-z_$][\w$]*)\s*(?:<[^<>()]*>)?\s*$/.exec(
      f.masked.slice(Math.max(0, open - 200), open),
    );
    const line = f.lines[lineOf(f, open) - 1] ?? '';
    if (!name || !definesFunction([line], name[1]!)) return null;
    return { name: name[1]!, open };
  };
  const paramsOf = (path: string, f: Text, open: number): string[] =>
    (callArgs(f.text, open, { hashComments: python(path), limit: 4000 })?.args ?? []).map((a) => {
      const m = /^\s*(?:\*{1,2}|\.\.\.)?\s*(?:&\s*)?(?:mut\s+)?([A-Za-z_$][\w$]*)/.exec(a.key ?? a.value);
      return m ? m[1]! : '';
    });
  /** The innermost function around `line`, its signature's `(` and parameters; outer ones after it. */
  const scopesAt = (path: string, f: Text, line: number) =>
    f.fns
      .filter((i) => i.start_line <= line && line <= i.end_line)
      .sort((a, b) => b.start_line - a.start_line)
      .map((fn) => {
        const from = f.starts[fn.start_line - 1]!;
        const k = f.masked
          .slice(from, from + 400)
          .search(new RegExp(`(?<![\\w$])${esc(fn.name)}\\s*(?:<[^<>()]*>)?\\s*\\(`));
        const open = k < 0 ? -1 : f.masked.indexOf('(', from + k);
        return { fn, open, params: open < 0 ? [] : paramsOf(path, f, open) };
      });

  /** A command function: its decorator stack registers options or the command (click, typer). */
  const isCommand = (f: Text, fn: OutlineItem): boolean => {
    const indent = /^\s*/.exec(f.lines[fn.start_line - 1] ?? '')![0];
    for (let l = fn.start_line - 1; l >= 1 && l >= fn.start_line - 200; l--) {
      const t = f.lines[l - 1]!;
      if (COMMAND_DECORATOR.test(t)) return true;
      const inStack = !t.trim() || t.startsWith(`${indent} `) || /^[@)\]]/.test(t.slice(indent.length));
      if (!inStack) return false;
    }
    return false;
  };

  // Whether a function's parameter `w` receives the value: memo by `file:line` of its definition.
  const carries = new Map<string, boolean>();
  let looked = 0;
  const functionCarries = (path: string, fn: OutlineItem, depth: number): boolean => {
    const key = `${path}:${fn.start_line}`;
    const had = carries.get(key);
    if (had !== undefined) return had;
    carries.set(key, true); // a call from inside itself (recursion) counts for nothing either way
    const f = fileOf(path);
    let out = true;
    if (f && !isCommand(f, fn)) {
      if (looked >= MAX_FUNCTIONS || depth > 3) out = true;
      else {
        looked++;
        out = calledWithValue(fn.name, depth);
      }
    }
    carries.set(key, out);
    return out;
  };

  /** Whether some call of `name` in the project passes the value (by keyword, by position, or spread). */
  const calledWithValue = (name: string, depth: number): boolean => {
    const call = new RegExp(`(?<![\\w$])${esc(name)}\\s*\\(`, 'g');
    const calls = search
      .lines([name], { word: true, maxPerFile: 20, maxTotal: CALLS_PER_FUNCTION * 4 })
      .filter((h) => input.isProject(h.file));
    if (calls.length >= CALLS_PER_FUNCTION * 4) return true;
    for (const h of calls) {
      const f = fileOf(h.file);
      if (!f) continue;
      const from = f.starts[h.line - 1]!;
      const line = f.masked.slice(from, from + (f.lines[h.line - 1]?.length ?? 0));
      // Handed on by name (`callback=_handle_debug`, `map(f, …)`): a caller we cannot read passes its values.
      if (
        !/^\s*(?:#|\/\/|\*)/.test(line) &&
        !definesFunction([f.lines[h.line - 1]!], name) &&
        new RegExp(`(?<![\\w$])${esc(name)}(?![\\w$]|\\s*\\()`).test(line)
      )
        return true;
      for (const m of line.matchAll(call)) {
        const open = from + m.index! + m[0].length - 1;
        if (definesFunction([f.lines[h.line - 1]!], name)) continue;
        const args = callArgs(f.text, open, { hashComments: python(h.file), limit: 4000 })?.args ?? [];
        for (const a of args) {
          const v = a.value.trim();
          if (/^\*\*/.test(v)) return true;
          if (a.key === w || (!a.key && (word.test(maskStrings(v)) || readsDirect(v)))) {
            if (valueReads(h.file, f, lineOf(f, a.at), v, depth + 1)) return true;
          }
        }
      }
    }
    return false;
  };

  /** Whether `w` at `line` is the value: a parameter that receives it, or a local bound from it; unknown → yes. */
  const nameIsValue = (path: string, f: Text, line: number, depth: number): boolean => {
    for (const s of scopesAt(path, f, line)) {
      if (s.params.includes(w)) return functionCarries(path, s.fn, depth);
      const bound = boundIn(f, s.fn.start_line + 1, Math.min(line, s.fn.end_line));
      if (bound !== undefined) return bound;
    }
    return true;
  };
  /**
   * The right side of a binding that starts at `line` with `first`, over the lines the statement spans
   * (`let theme = matches` then `.value_of("theme")`): while a bracket is open or the next line continues a
   * chain; at most 12 lines.
   */
  const rhsAt = (f: Text, line: number, first: string): string => {
    let rhs = first;
    const open = (t: string) => {
      let d = 0;
      for (const c of maskStrings(t)) d += OPEN.includes(c) ? 1 : CLOSE.includes(c) ? -1 : 0;
      return d;
    };
    for (let l = line + 1; l <= Math.min(f.lines.length, line + 12); l++) {
      const next = f.lines[l - 1]!;
      if (open(rhs) <= 0 && !/^\s*(?:\.|\?\.|\|\||&&|\+|\?|:(?!:))/.test(next) && !/[=(,+]\s*$/.test(rhs))
        break;
      rhs += `\n${next}`;
    }
    return rhs;
  };
  /** The bindings of `w` between two lines: whether one reads the value; undefined when none binds it. */
  const boundIn = (f: Text, from: number, to: number): boolean | undefined => {
    const bind = new RegExp(
      `^\\s*(?:(?:let|const|var)\\s+(?:mut\\s+)?)?${esc(w)}\\s*(?::[^=]+)?(?::=|=(?![=>]))\\s*(.+)$`,
    );
    let any: boolean | undefined;
    for (let l = from; l < to; l++) {
      const m = bind.exec(f.lines[l - 1]!);
      if (!m) continue;
      const rhs = rhsAt(f, l, m[1]!);
      // `w = f(w)` keeps what `w` was.
      if (word.test(maskStrings(rhs))) continue;
      any = Boolean(any) || readsDirect(rhs);
    }
    return any;
  };
  /** Whether an expression at `line` holds the value. */
  const valueReads = (path: string, f: Text, line: number, v: string, depth: number): boolean =>
    readsDirect(v) || (word.test(maskStrings(v)) && nameIsValue(path, f, line, depth));

  /** The definition of `name` with a parameter `w`, when the project has exactly one. */
  const defined = new Map<string, { path: string; fn: OutlineItem } | null | undefined>();
  const definitionOf = (name: string): { path: string; fn: OutlineItem } | null | undefined => {
    if (defined.has(name)) return defined.get(name);
    // Past the bound, unknown: the line stays.
    const d = defined.size >= MAX_CALLEES ? undefined : lookUp(name);
    defined.set(name, d);
    return d;
  };
  const lookUp = (name: string): { path: string; fn: OutlineItem } | null | undefined => {
    const found = search
      .lines([name], { word: true, maxPerFile: 20, maxTotal: 400 })
      .filter((h) => input.isProject(h.file));
    // A class of the project (`Options(quiet=True)`): the keyword fills its field, which may carry the value.
    const type = new RegExp(`\\b(?:class|struct)\\s+${esc(name)}\\b`);
    if (found.some((h) => type.test(h.text))) return undefined;
    const defs = found.filter((h) => definesFunction([h.text], name));
    if (!defs.length) return null;
    if (defs.length > 1) return undefined;
    const f = fileOf(defs[0]!.file);
    const fn = f?.fns.find((i) => i.start_line === defs[0]!.line && i.name === name);
    return fn ? { path: defs[0]!.file, fn } : undefined;
  };

  const out = new Set<string>();
  const weakAt = new RegExp(
    `(?<![\\w$.])${esc(w)}\\s*(?:=(?![=>])|:(?!:))|(?<![=!<>])=\\s*${esc(w)}(?![\\w$(])`,
    'g',
  );
  for (const h of hits) {
    const f = fileOf(h.file);
    if (!f) continue;
    const from = f.starts[h.line - 1]!;
    const masked = f.masked.slice(from, from + h.text.length);
    // Every weak form on the line must be a namesake for the line to be one.
    const forms = [...masked.matchAll(weakAt)];
    if (!forms.length || new RegExp(`\\.${esc(w)}(?![\\w$])`).test(masked)) continue;
    const judged = forms.map((m): boolean | undefined => {
      const at = from + m.index! + (m[0].startsWith('=') ? m[0].length - w.length : 0);
      if (m[0].startsWith('=')) return !nameIsValue(h.file, f, h.line, 0);
      const sig = signatureAt(f, at);
      if (sig) {
        const fn = f.fns.find((i) => i.name === sig.name && lineOf(f, sig.open) === i.start_line);
        return fn ? !functionCarries(h.file, fn, 0) : undefined;
      }
      const open = enclosingOpen(f.masked, at);
      const after = f.masked.slice(at + w.length).trimStart();
      if (open >= 0 && f.masked[open] === '(' && after.startsWith('=')) {
        // A keyword argument: the value's or the parameter's that carries it.
        const callee = /([A-Za-z_$][\w$]*)\s*$/.exec(f.masked.slice(Math.max(0, open - 200), open))?.[1];
        const arg = callArgs(f.text, open, { hashComments: python(h.file), limit: 4000 })?.args.find(
          (a) => a.key === w && a.at > at,
        );
        if (!callee || !arg) return undefined;
        if (valueReads(h.file, f, h.line, arg.value.trim(), 0)) return false;
        const def = definitionOf(callee);
        // A library's keyword (no definition here) or a parameter no call hands the value to.
        if (def === undefined) return undefined;
        return def === null ? true : !functionCarries(def.path, def.fn, 0);
      }
      // A statement that binds it: `w = set()`.
      if (open < 0 || f.masked[open] === '{') {
        const bind = new RegExp(
          `^\\s*(?:(?:let|const|var)\\s+(?:mut\\s+)?)?${esc(w)}\\s*(?::[^=]+)?=(?![=>])\\s*(.+)$`,
        ).exec(h.text);
        const rhs = bind ? rhsAt(f, h.line, bind[1]!) : '';
        if (bind && !word.test(maskStrings(rhs))) {
          const s = scopesAt(h.file, f, h.line)[0];
          if (s?.params.includes(w)) return !functionCarries(h.file, s.fn, 0);
          // A local that another binding of the function fills from the value (`cert = None`, then
          // `cert = args.cert`) carries it.
          return s ? !boundIn(f, s.fn.start_line + 1, s.fn.end_line + 1) : undefined;
        }
      }
      return undefined;
    });
    if (judged.every((j) => j === true)) out.add(`${h.file}:${h.line}`);
  }
  return out;
}
