// The precedent bench's wider false-claim check: the kinds of defect a blind maintainer review found in the
// offline engine's plans, each checked against the tree by rules of its own (nothing here imports src/, so
// the engine's code never checks itself):
//
//   a  use      a footprint line listed as a registration/read/default/serialization/type of the sibling
//               that only has a same-named method call (`.hidden(true)`), a comment or prose
//   b  docs     a docs line listed as documenting the sibling where the name is only a word in prose
//               (no table row, heading, definition, option reference, list term or usage/code block)
//   c  history  a "from history" file whose commit did not add the sibling's name (it moved it), or
//               whose "changed `fn` here" line today does not define that function
//   d  met      a "met" verdict none of whose cited lines declares the requested name on the requested side
//   e  select   a test command whose selection (-k, -t, --grep, -run, a node id, a cargo filter) matches no
//               test name in the files it runs
//   f  symbol   an edit point whose symbol is defined nowhere in its file
//   g  field    a partly-met "the existing `x` (a field of `C`, file:line; read at …)" whose line declares
//               no member `x` of a `C` defined above it, or whose cited reads do not read `.x`
//
//   node bench/precedent-claims.mjs --self-check     (hand-made plan snippets on a scratch git tree)
//
// Each check returns { checked, failed: [text] }. The rules are deliberately simple and written from the
// review's lessons, not from the engine: where they cannot decide (an unknown runner, a file that is gone),
// the claim is not counted as checked.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { areaOf } from './precedent-mine.mjs';

export const KINDS = {
  a: 'use: a library call or prose counted as a use of the sibling',
  b: 'docs: prose counted as documenting the sibling',
  c: 'history: a commit that moved the sibling counted as its introduction, or a changed symbol cited where it is not',
  d: 'met: no cited line declares the requested name on its side',
  e: 'select: a test selection that matches no test name',
  f: 'symbol: an edit point whose symbol the file does not define',
  g: 'field: an existing field cited where no member of that name is declared or read',
};

const esc = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The words of a name: `--max-depth`, `max_depth`, `maxDepth`, `MAX_DEPTH` → [max, depth]. */
export function wordsOf(name) {
  return name
    .replace(/^[-&$@]+/, '')
    .split('.')
    .pop()
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[-_\s]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/** Every spelling of a name the ecosystems use (our own list, not the engine's). */
export function spellingsOf(name) {
  const w = wordsOf(name);
  if (!w.length) return [];
  const cap = (s) => s[0].toUpperCase() + s.slice(1);
  const bare = name
    .replace(/^[-&$@]+/, '')
    .split('.')
    .pop();
  return [
    ...new Set([
      bare,
      w.join('-'),
      w.join('_'),
      w[0] + w.slice(1).map(cap).join(''),
      w.map(cap).join(''),
      w.join('_').toUpperCase(),
      w.join(''),
    ]),
  ];
}

// ---- reading lines -----------------------------------------------------------------------------------

/** Line numbers (1-based) of a code file that are comments or inside a comment/docstring/multi-line string. */
const proseCache = new Map();
function proseLines(key, file, ls) {
  if (proseCache.has(key)) return proseCache.get(key);
  const out = new Set();
  const py = /\.pyi?$/.test(file);
  // Languages with // and /* */ comments; every other code file (Python, shells, YAML, TOML, …) has #.
  const cLike =
    /\.(c|h|cc|cpp|hpp|cs|java|kt|kts|scala|swift|go|rs|[cm]?[jt]sx?|php|dart|groovy|css|scss|less)$/.test(
      file,
    );
  const hashy = !cLike;
  let block = null; // the delimiter that closes the open block
  ls.forEach((l, i) => {
    const n = i + 1;
    const t = l.trim();
    if (block) {
      out.add(n);
      if (l.includes(block)) block = null;
      return;
    }
    if (hashy && t.startsWith('#') && !t.startsWith('#[') && !t.startsWith('#!')) out.add(n);
    if (cLike && /^(\/\/|\/\*|\*(?!\*?\/)|\*\/)/.test(t)) out.add(n);
    if (py) {
      // The line's quotes in order: a triple quote inside a one-line string (`'"""'`, as a tokenizer writes
      // it) or after a comment's `#` opens nothing.
      let k = 0;
      while (k < l.length && !block) {
        const c = l[k];
        if (c === '#') break;
        if (c !== '"' && c !== "'") {
          k++;
          continue;
        }
        const q = c.repeat(3);
        if (!l.startsWith(q, k)) {
          k++;
          while (k < l.length && l[k] !== c) k += l[k] === '\\' ? 2 : 1;
          k++;
          continue;
        }
        const end = l.indexOf(q, k + 3);
        if (end < 0) {
          // An opening triple quote: the string's lines are prose (docstrings, long help text).
          out.add(n);
          block = q;
        } else {
          if (new RegExp(`^\\s*(?:[rbuRBU]{0,2})${q}`).test(l.slice(0, k + 3))) out.add(n); // a one-line docstring
          k = end + 3;
        }
      }
    } else if (cLike) {
      // A block comment opens outside a string (`"*/*"` and a glob `*/*` in a raw string do not).
      const code = l.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g, '""');
      const at = code.search(/(^|[^*/])\/\*/);
      if (at >= 0 && !/\*\//.test(code.slice(at + 2))) {
        if (/^\s*\/\*/.test(code)) out.add(n);
        block = '*/';
      }
    }
  });
  proseCache.set(key, out);
  return out;
}

/**
 * A line with its prose taken out: string literals that contain a space, and a trailing comment. In a
 * Python file (`file` given) an f-string's replacement fields are code (`f"over {ramp:g}s"` reads `ramp`),
 * and `//` is floor division, not a comment.
 */
function codeOf(line, file = '') {
  const py = /\.pyi?$/.test(file);
  const fields = (body) => [...body.matchAll(/\{([^{}:!]+)[^{}]*\}/g)].map((x) => x[1]).join(' ');
  return (
    py
      ? line.replace(
          /\b(?:[rR]?[fF]|[fF][rR])("|')((?:[^\\]|\\.)*?)\1/g,
          (_, _q, body) => ` ${fields(body)} `,
        )
      : line
  )
    .replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (m, k, all) =>
      // Strings read in order from the line's start (the text between two strings is code: `", x + "`
      // is no string), a Rust lifetime no quote; a string with a space is prose.
      m[0] === "'" && lifetimeAt(all, k) ? m : /\s/.test(m) ? '""' : m,
    )
    .replace(py ? /(^|\s)#.*$/ : /(^|\s)(#|\/\/)(?!\[).*$/, '$1');
}

/**
 * Whether a code line names `name` as a name: a flag (`--name`), a quoted name (`"name"`), or an identifier
 * in code; a one-word name called as a method of the same name (`.hidden(true)`) does not count, nor
 * does the word inside prose.
 */
export function namesInCode(raw, name, file = '') {
  // A man page escapes its dashes (`\-\-max\-depth`) and marks fonts (`\fB--all\fR`).
  const line = raw.replace(/\\-/g, '-').replace(/\\f(?:[BIRP]|\(\w\w|\[\w*\])/g, ' ');
  const sp = spellingsOf(name);
  const oneWord = wordsOf(name).length === 1;
  for (const s of sp) {
    if (new RegExp(`(?<![\\w-])--?${esc(s)}(?![\\w-])`).test(line)) return true;
    if (new RegExp(`["'\`]${esc(s)}["'\`]`).test(line)) return true;
    // A configuration file's line written as a string (`'max-depth = 3\n'` in a test): the key it sets.
    if (wordsOf(name).length > 1 && new RegExp(`["'\`]\\s*${esc(s)}\\s*[=:]`).test(line)) return true;
  }
  let code = codeOf(line, file);
  // A one-word name called as a method (`.hidden(true)`, `WalkBuilder::hidden(x)`) is that type's method, not
  // the sibling; its arguments still count (`.hidden(args.hidden)` reads the flag).
  if (oneWord)
    for (const s of sp) code = code.replace(new RegExp(`(?:\\.|::)${esc(s)}\\s*\\(`, 'g'), '.call(');
  // An identifier; a dash joins words into another name (`--list-heading` is not `--list`).
  if (sp.some((s) => new RegExp(`(?<![\\w$-])${esc(s)}(?![\\w$-])`).test(code))) return true;
  // A name of two words or more as a part of a longer identifier (`DEFAULT_KNOWN_FIRST_PARTY`,
  // `_strict_parametrization_ids_enabled`, `validateIntersphinxMapping`): related, not an unrelated word.
  if (oneWord) return false;
  const w = wordsOf(name);
  const snake = w.join('_');
  const camelTail = w.map((x) => x[0].toUpperCase() + x.slice(1)).join('');
  return (
    new RegExp(`(?<![A-Za-z0-9])${esc(snake)}(?![a-z0-9])`, 'i').test(code) ||
    new RegExp(`(?<=[a-z0-9])${esc(camelTail)}(?![a-z0-9])`).test(code)
  );
}

// ---- a: uses -----------------------------------------------------------------------------------------

const USE_ROLES = new Set(['registration', 'read', 'default', 'serialization', 'type']);

/** The sibling's names: its own, plus an alias the engine followed if it is quoted beside the declaration. */
function siblingNames(p, lines, root) {
  const names = [p.sibling.name];
  const decl = lines(root, p.sibling.file) ?? [];
  const near = decl.slice(Math.max(0, p.sibling.line - 7), p.sibling.line + 6).join('\n');
  for (const e of p.footprint ?? [])
    for (const m of (e.why ?? '').matchAll(/`([^`]+)`/g)) {
      const id = m[1].replace(/^-+/, '');
      if (names.includes(id) || !/^[\w-]+$/.test(id)) continue;
      // A spelling already read; one that differs in case only (`ShowMTime` of `show-mtime`) is not.
      if (spellingsOf(p.sibling.name).includes(id)) continue;
      // Quoted beside it, or the variable its own line binds the flag to (Go's `BoolVar(&verbose, "v", …)`,
      // `&prefs.Verbose`): reading that variable reads the flag.
      // The call may open above the name's line (`Float64Var(` / `&x.Over,` / `"name",`): the lines from
      // the one with the `&` down to it all continue the call.
      let own = decl[p.sibling.line - 1] ?? '';
      for (let k = p.sibling.line - 2; k >= Math.max(0, p.sibling.line - 4); k--) {
        if (!/[,(]\s*$/.test(decl[k])) break;
        own = `${decl[k]} ${own}`;
      }
      if (
        new RegExp(`["']${esc(id)}["']`).test(near) ||
        new RegExp(`&(?:[A-Za-z_]\\w*\\.)*${esc(id)}(?![\\w$])`).test(own) ||
        derivedField(decl, p.sibling.line) === id
      )
        names.push(id);
    }
  return names;
}

/**
 * The field an attribute-declared option is stored in (clap's `#[arg(long = "dir")]` over `output_dir:`):
 * from the declaration's line down past the attribute and doc lines, the first field's name, or null.
 */
function derivedField(ls, n) {
  // The declaration's line opens the attribute, or is inside one opened just above it.
  let open = false;
  for (let k = n - 1; k >= Math.max(0, n - 5); k--) {
    if (k < n - 1 && /\)\]\s*$/.test(ls[k])) break;
    if (/#\[(?:arg|clap|structopt)\b/.test(ls[k])) {
      open = true;
      break;
    }
  }
  if (!open) return null;
  for (let k = n; k < Math.min(ls.length, n + 8); k++) {
    const l = ls[k];
    if (/^\s*[}]|\bfn\s/.test(l)) return null;
    if (/^\s*(#|\/\/)/.test(l)) continue;
    const m = /^\s*(?:pub(?:\([^)]*\))?\s+)?([A-Za-z_]\w*)\s*:(?!:)/.exec(l);
    if (m) return m[1];
  }
  return null;
}

/** One use line: its failure, or null when it names the sibling (or carries its value); undefined: unreadable. */
function checkUse(x, e) {
  const { root, lines } = x;
  const ls = lines(root, e.file);
  if (!ls || e.line > ls.length) return undefined; // a wrong line is the narrow check's business
  const l = ls[e.line - 1];
  if (proseLines(`${root}\0${e.file}`, e.file, ls).has(e.line))
    return `${e.role} in a comment or docstring: ${e.file}:${e.line}`;
  // A line of another side's model (`of`: the configuration key a requested key is declared beside) claims
  // to name that declaration, not the sibling.
  if (e.of)
    return namesInCode(l, e.of, e.file)
      ? null
      : `${e.role} without \`${e.of}\` as a name: ${e.file}:${e.line}`;
  // "reads `TASK_X` today: `--x` … must feed the value read here": a line about the requested thing's other
  // side (an environment variable the request names), not the sibling's: it must read that name.
  const today = /^reads `([^`]+)` today:/.exec(e.why ?? '')?.[1];
  if (today)
    return readsName(l, today, e.file)
      ? null
      : `${e.role} without \`${today}\` as a name: ${e.file}:${e.line}`;
  if (carries(x, e, 0)) return null;
  if (!x.names().some((n) => namesInCode(l, n, e.file)))
    return `${e.role} without the name as a name: ${e.file}:${e.line} ${l.trim().slice(0, 60)}`;
  const other = namesakeParameter(x, e, ls, l);
  return other ? `${e.role} ${other}: ${e.file}:${e.line} ${l.trim().slice(0, 60)}` : null;
}

/**
 * Whether a code line reads `name`: names it, or, an environment variable, quotes its tail after a prefix
 * (`TASK_TEMP_DIR` read as `getTaskEnv("TEMP_DIR")`, a project's helper adding its own prefix) in a call
 * whose name says env.
 */
function readsName(l, name, file) {
  if (namesInCode(l, name, file)) return true;
  if (!/^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+$/.test(name)) return false;
  const tail = name.slice(name.indexOf('_') + 1);
  return new RegExp(`["'\`]${esc(tail)}["'\`]`).test(l) && /env\w*\s*\(/i.test(codeOf(l, file));
}

/**
 * A one-word sibling that a line names only as a parameter of a function defined on that line (`def
 * widest(cells, exclude=())`) is that function's own name for something else, unless the function gets the
 * sibling's value: it is a command (a decorator above it registers an option or a command), it is handed on
 * by name (`callback=f`: a framework calls it), or a call of it in the file or in a file the plan cites
 * passes an argument that names the sibling. The calls read are those files' lines, nothing else.
 */
function namesakeParameter(x, e, ls, l) {
  const { p, root, lines } = x;
  if (wordsOf(p.sibling.name).length !== 1) return null;
  const w = p.sibling.name.replace(/^-+/, '');
  const def = /\b(?:def|fn|function)\s+([A-Za-z_$][\w$]*)\s*(?:<[^>]*>)?\(/.exec(l);
  if (!def) return null;
  const params = bracketed(l, def.index + def[0].length - 1);
  if (params === null) return null;
  const word = new RegExp(`(?<![\\w$.-])${esc(w)}(?![\\w$-])`);
  // The word elsewhere on the line (a default read from it, the body of a one-line function) is a use.
  if (!word.test(params) || word.test(codeOf(l.replace(params, '')))) return null;
  const fn = def[1];
  for (let k = e.line - 2; k >= 0 && /^\s*(@|\)|$)|^\s{2,}\S/.test(ls[k]) && k >= e.line - 40; k--)
    if (/^\s*@[\w.]*\b(?:options?|commands?|group|argument)\b/.test(ls[k])) return null;
  const call = new RegExp(`(?<![\\w$])${esc(fn)}\\s*\\(`, 'g');
  const ref = new RegExp(`(?<![\\w$])${esc(fn)}(?![\\w$]|\\s*\\()`);
  const files = [...new Set([e.file, ...(p.footprint ?? []).map((f) => f.file)])];
  for (const file of files) {
    const text = (lines(root, file) ?? []).join('\n');
    for (const [i, line] of text.split('\n').entries()) {
      if (file === e.file && i === e.line - 1) continue;
      const code = codeOf(line);
      if (/\b(?:def|fn|function)\s/.test(code) && code.includes(fn)) continue;
      if (ref.test(code)) return null;
    }
    for (const m of text.matchAll(call)) {
      const before = text.slice(Math.max(0, m.index - 12), m.index);
      if (/\b(?:def|fn|function)\s+$/.test(before)) continue;
      const args = bracketed(text, m.index + m[0].length - 1);
      // An argument that names it: by position, or a keyword whose value names it (`exclude={0}` does not).
      const value = (a) => a.replace(new RegExp(`^\\s*${esc(w)}\\s*=(?!=)`), '');
      const named = new RegExp(`(?<![\\w$-])${esc(w)}(?![\\w$-])`);
      if (
        args !== null &&
        splitTop(args).some((a) => named.test(codeOf(value(a))) || /^\s*\*\*/.test(a)) &&
        !boundElsewhere(text, m.index, w)
      )
        return null;
    }
  }
  return `is a parameter of \`${fn}\`, which nothing calls with \`${w}\``;
}

/**
 * Whether the name `w` at a call (offset `at`) is a local of its own: the nearest line above, in the same
 * function, that assigns it binds something that does not name it (`exclude = set()`).
 */
function boundElsewhere(text, at, w) {
  const before = text.slice(0, at).split('\n');
  const indent = /^\s*/.exec(before[before.length - 1])[0].length;
  const bind = new RegExp(`^(\\s*)(?:(?:let|const|var)\\s+(?:mut\\s+)?)?${esc(w)}\\s*(?::[^=]*)?=(?!=)(.*)$`);
  for (let k = before.length - 2; k >= 0 && k >= before.length - 80; k--) {
    const l = before[k];
    if (/^\s*(?:async\s+)?(?:def|fn|function)\s/.test(l) && /^\s*/.exec(l)[0].length < indent) return false;
    const m = bind.exec(l);
    if (m) return !new RegExp(`(?<![\\w$-])${esc(w)}(?![\\w$-])|["']${esc(w)}["']`).test(codeOf(m[2]));
  }
  return false;
}

// The value carried under other names. A line that does not spell the sibling may still use its value: the
// engine cites the hop that put the value into the name the line reads ("carries `--x`'s value as `depth`
// (assigned at f:n)", "(passed to `walk` at f:n)", "(set when `x` is, at f:n)"). Each hop is read here in
// the tree: the line uses the name; the cited line binds it (an assignment naming it, a call of that
// function whose argument at the parameter's place has the value, a guarded call of a function whose first
// parameter it is); and the cited line has the value: it spells the sibling, or it reads a name that a
// footprint entry at that line carries, checked the same way (hop by hop, at most MAX_HOPS).
const MAX_HOPS = 4;
const HOP =
  /as `([\w$.]+)` \((assigned at|passed to `([\w$.]+)` at|set when `[^`]+` is, at) ([^\s:()]+):(\d+)\)/;

/** The hop an entry cites: the name it carries, how it got the value, and where. */
export function hopOf(why) {
  const m = HOP.exec(why ?? '');
  if (!m) return null;
  const kind = m[2].startsWith('assigned') ? 'assigned' : m[2].startsWith('passed') ? 'passed' : 'set';
  return {
    name: m[1].split('.').pop(),
    kind,
    callee: m[3]?.split('.').pop(),
    file: m[4],
    line: Number(m[5]),
  };
}

const ident = (id) => new RegExp(`(?<![\\w$])${esc(id)}(?![\\w$])`);

/** A Rust lifetime at `k` (`&'a str`, `<'a, 'b>`): no quote (as `lifetimeAt` in src/precedent/call-args.ts). */
function lifetimeAt(text, k) {
  return (
    text[k] === "'" &&
    /(?:(?<!&)&|<|'[A-Za-z_]\w*,\s*)$/.test(text.slice(Math.max(0, k - 40), k)) &&
    /^'[A-Za-z_]\w*(?![\w'])/.test(text.slice(k, k + 80))
  );
}

/** The text inside the bracket at `open` up to its closing one (strings skipped), or null. */
export function bracketed(text, open) {
  let depth = 0;
  let quote = null;
  for (let k = open; k < text.length; k++) {
    const c = text[k];
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = null;
      continue;
    }
    if ((c === '"' || c === "'" || c === '`') && !lifetimeAt(text, k)) quote = c;
    else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c) && --depth === 0) return text.slice(open + 1, k);
  }
  return null;
}

/** The parts of a list separated by commas outside brackets and strings. */
export function splitTop(s) {
  const out = [];
  let depth = 0;
  let quote = null;
  let from = 0;
  for (let k = 0; k < s.length; k++) {
    const c = s[k];
    if (quote) {
      if (c === '\\') k++;
      else if (c === quote) quote = null;
    } else if ((c === '"' || c === "'" || c === '`') && !lifetimeAt(s, k)) quote = c;
    else if ('([{<'.includes(c)) depth++;
    else if (')]}>'.includes(c) && !(c === '>' && s[k - 1] === '=')) depth--;
    else if (c === ',' && depth === 0) {
      out.push(s.slice(from, k));
      from = k + 1;
    }
  }
  out.push(s.slice(from));
  return out.map((a) => a.trim()).filter(Boolean);
}

/** The arguments of the call of `callee` whose argument list spans line `n` (opened up to 8 lines above). */
function callAt(ls, n, callee) {
  const re = new RegExp(`(?<![\\w$])${esc(callee)}\\s*(?:::<[^>]*>\\s*)?\\(`, 'g');
  for (let k = n; k >= Math.max(1, n - 8); k--) {
    const text = ls.slice(k - 1, k + 40).join('\n');
    const first = ls[k - 1].length;
    for (const m of text.slice(0, first).matchAll(re)) {
      const inner = bracketed(text, m.index + m[0].length - 1);
      if (inner === null) continue;
      const endLine = k + text.slice(0, m.index + m[0].length + inner.length).split('\n').length - 1;
      if (endLine >= n) return splitTop(inner);
    }
  }
  return null;
}

/** The parameter lists of every definition of `callee` in a file (self, this and cls left out). */
function paramsOf(ls, callee) {
  const c = esc(callee);
  const def = new RegExp(
    `\\b(?:def|fn|function|func(?:\\s*\\([^)]*\\))?)\\s+${c}\\s*[(<]|(?:^|[\\s.])${c}\\s*[:=]\\s*(?:async\\s+)?(?:function\\b|\\()|^\\s*(?:(?:pub(?:\\([^)]*\\))?|public|private|protected|static|async)\\s+)*${c}\\s*\\([^)]*\\)\\s*(?:->[^{]*)?\\{`,
  );
  const out = [];
  for (const [i, l] of ls.entries()) {
    const m = def.exec(l);
    if (!m) continue;
    const text = ls.slice(i, i + 30).join('\n');
    const open = text.indexOf('(', text.indexOf(callee, m.index) + callee.length);
    const inner = open < 0 ? null : bracketed(text, open);
    if (inner === null) continue;
    out.push(
      splitTop(inner)
        .map((p) => /^(\*{0,2}|\.\.\.)\s*(?:&\s*)?(?:'\w+\s+)?(?:mut\s+)?([A-Za-z_$][\w$]*)/.exec(p))
        .filter((m) => m && !/^(self|this|cls)$/.test(m[2]))
        .map((m) => ({ name: m[2], rest: m[1] !== '' })),
    );
  }
  return out;
}

/**
 * Whether line `n` of `file` has the sibling's value: a test of a text (a line, an argument) for it, or
 * null. The value is the sibling spelt as a name, or a name that a verified entry at that line carries.
 */
function valueAt(x, file, n, depth, path) {
  const l = x.lines(x.root, file)?.[n - 1];
  if (l === undefined) return null;
  const names = x.names();
  const direct = names.some((s) => namesInCode(l, s));
  const ids = [];
  if (depth < MAX_HOPS)
    for (const f of x.p.footprint ?? []) {
      const key = `${f.file}:${f.line}:${f.why}`;
      if (f.file !== file || f.line !== n || path.has(key)) continue;
      if (carries(x, f, depth + 1, new Set([...path, key]))) ids.push(hopOf(f.why).name);
    }
  if (!direct && !ids.length) return null;
  return (t) =>
    (direct && names.some((s) => namesInCode(t, s))) || ids.some((id) => ident(id).test(codeOf(t)));
}

/** Whether an entry's cited hop holds in the tree, back to a line that spells the sibling. */
function carries(x, e, depth, path = new Set([`${e.file}:${e.line}:${e.why}`])) {
  const hop = hopOf(e.why);
  if (!hop || !x.p?.footprint) return false;
  const ls = x.lines(x.root, e.file);
  const at = x.lines(x.root, hop.file);
  const h = at?.[hop.line - 1];
  if (!ls || h === undefined || !ident(hop.name).test(codeOf(ls[e.line - 1] ?? ''))) return false;
  if (proseLines(`${x.root}\0${hop.file}`, hop.file, at).has(hop.line)) return false;
  const value = valueAt(x, hop.file, hop.line, depth, path);
  if (!value) return false;
  if (hop.kind === 'assigned') return ident(hop.name).test(h) && value(h);
  const defs = (callee) => paramsOf(ls, callee);
  if (hop.kind === 'set') {
    // The guard spells the sibling; a call below it, of a function whose first parameter is the name.
    if (!x.names().some((s) => namesInCode(h, s))) return false;
    for (let k = hop.line + 1; k <= Math.min(at.length, hop.line + 4); k++)
      for (const m of at[k - 1].matchAll(/([A-Za-z_$][\w$]*)\s*\(/g))
        if (defs(m[1]).some((ps) => ps[0]?.name === hop.name)) return true;
    return false;
  }
  // Passed: the argument with the value sits at the parameter's place (position, keyword, or a spread
  // of options into the parameter named as the sibling).
  const args = hop.callee && callAt(at, hop.line, hop.callee);
  if (!args) return false;
  const keyOf = (a) => /^([A-Za-z_$][\w$]*)\s*=(?![=>])/.exec(a)?.[1];
  const spread = (a) => /^(\*\*|\.\.\.)/.test(a);
  const positional = args.filter((a) => !keyOf(a));
  return defs(hop.callee).some((ps) =>
    args.some((a) => {
      if (!value(a)) return false;
      const key = keyOf(a);
      if (key) return key === hop.name && ps.some((p) => p.name === hop.name);
      if (spread(a))
        return spellingsOf(x.p.sibling.name).includes(hop.name) && ps.some((p) => p.name === hop.name);
      const i = positional.indexOf(a);
      return !ps.slice(0, i).some((p) => p.rest) && ps[i]?.name === hop.name;
    }),
  );
}

// ---- b: docs -----------------------------------------------------------------------------------------

const UNDERLINE = /^\s*([=\-~^"'`#*+:.])\1{2,}\s*$/;

/** Lines of a docs file inside a code, usage or literal block (Markdown fences and indents, rst `::`). */
const blockCache = new Map();
function blockLines(key, file, ls) {
  if (blockCache.has(key)) return blockCache.get(key);
  const out = new Set();
  const rst = /\.(rst|txt)$/.test(file);
  let fence = null;
  let literal = -1; // rst: the indent of the paragraph that opened a literal block
  let prevBlank = true;
  ls.forEach((l, i) => {
    const n = i + 1;
    const m = /^\s*(`{3,}|~{3,})/.exec(l);
    if (fence) {
      out.add(n);
      if (m && m[1][0] === fence[0] && m[1].length >= fence.length) fence = null;
      return;
    }
    if (m) {
      fence = m[1];
      out.add(n);
      return;
    }
    const indent = l.length - l.trimStart().length;
    if (rst) {
      if (literal >= 0) {
        if (l.trim() === '' || indent > literal) {
          out.add(n);
          return;
        }
        literal = -1;
      }
      if (/::\s*$/.test(l) || /^\s*\.\.\s+(code-block|code|sourcecode|prompt|parsed-literal)::/.test(l))
        literal = indent;
    } else if (indent >= 4 && prevBlank && l.trim() && !/^\s*([-*+]|\d+\.)\s/.test(l)) out.add(n);
    prevBlank = l.trim() === '' || (prevBlank && out.has(n));
  });
  blockCache.set(key, out);
  return out;
}

/** Whether a docs line documents `name`: a row, heading, definition, term, reference, or a usage line. */
export function documents(ls, n, file, name, blocks) {
  // A man page's escaped dash (`**\\--max-depth**` in pandoc's Markdown source of one) is a dash.
  const l = ls[n - 1].replace(/\\-/g, '-');
  const sp = spellingsOf(name);
  const word = (s) => new RegExp(`(?<![\\w$])${esc(s)}(?![\\w$])`, 'i');
  if (!sp.some((s) => word(s).test(l) || l.includes(s.replace(/-/g, '\\-')))) return false;
  if (/\.(ya?ml|toml|ini|cfg|json|conf)$/.test(file)) return true; // a configuration example
  if (blocks.has(n)) return true; // code, usage or literal block
  if (/^\s*\|.*\|/.test(l) || /\S\s+\|\s+\S.*\|/.test(l)) return true; // a table row
  if (/^\s*[*-]\s+-?\s*\S/.test(l) && /^\s*\*\s+-\s/.test(l)) return true; // an rst list-table cell
  if (/^\s*#{1,6}\s/.test(l)) return true; // a Markdown heading
  if (
    (ls[n] && UNDERLINE.test(ls[n])) ||
    (n > 1 && UNDERLINE.test(ls[n - 2]) && ls[n] && UNDERLINE.test(ls[n]))
  )
    return true; // an rst heading
  if (/^\s*\.\.\s+[\w:-]+::/.test(l)) return true; // a directive (`.. option::`, `.. confval::`)
  if (/^\.(TP|IP|B|BI|BR|It|Fl|Op|SH|SS)\b/.test(l) || /\\fB/.test(l)) return true; // man page markup
  if (/^\s*(\$|>>>|usage:)\s/i.test(l)) return true; // a prompt or usage line
  // A definition or list term: the name first on its line, after a bullet or markup (an rst substitution
  // reference, `* |--flag|__`, is a link to the option's own entry).
  const lead = /^\s*(?:[-*+]\s+|\d+\.\s+)?(?:\*\*|__|``?|\\fB|\[|\|)?(-{0,2}[\w\\-]+)/.exec(l);
  if (
    lead &&
    sp.some((s) => lead[1].replace(/\\-/g, '-').replace(/^-+/, '').toLowerCase() === s.toLowerCase())
  )
    return true;
  // A field of a definition: "**Config name:** name", "Default: …" beside the name, short and label first.
  const field =
    /^\s*(?:[-*+]\s+)?(?:\*\*|__)?[\w &/.'-]{1,40}:(?:\*\*|__)?\s*(?:\*\*|`|``)?(-{0,2}[\w-]+)/.exec(l);
  if (
    field &&
    l.length <= 120 &&
    sp.some((s) => field[1].replace(/^-+/, '').toLowerCase() === s.toLowerCase())
  )
    return true;
  // A reference: a role (:option:`--x`), a code span naming it, a quoted name, or the flag itself; an
  // environment variable is the name upper-cased behind the program's prefix (`TOOL_MAX_DEPTH`).
  const upper = sp.find((s) => /^[A-Z0-9_]+$/.test(s) && s.includes('_'));
  if (upper && new RegExp(`\`[A-Z][A-Z0-9]*_${esc(upper)}\``).test(l)) return true;
  for (const s of sp) {
    if (new RegExp(`:\\w+:\`[^\`]*${esc(s)}[^\`]*\``, 'i').test(l)) return true;
    if (new RegExp(`\`\`?[^\`]*(?<![\\w$])${esc(s)}(?![\\w$])[^\`]*\`\`?`, 'i').test(l)) return true;
    if (new RegExp(`(?:^|[\\s("'*|])--?${esc(s)}(?![\\w-])`).test(l)) return true;
    if (new RegExp(`["']${esc(s)}["']`).test(l)) return true;
  }
  return false;
}

/** One docs line: its failure, or null when it documents the sibling; undefined: unreadable. */
function checkDoc(x, e) {
  const ls = x.lines(x.root, e.file);
  if (!ls || e.line > ls.length) return undefined;
  const blocks = blockLines(`${x.root}\0${e.file}`, e.file, ls);
  if (x.names().some((n) => documents(ls, e.line, e.file, n, blocks))) return null;
  return `docs by prose: ${e.file}:${e.line} ${ls[e.line - 1].trim().slice(0, 60)}`;
}

// ---- c: history --------------------------------------------------------------------------------------

/**
 * "changed `fn` here", at a line today: that line or one beside it (a decorator, a signature over two
 * lines) defines the name (kind f's rule, read on those lines only), not merely uses it.
 */
function checkChangedSymbol(x, e) {
  const ls = x.lines(x.root, e.file);
  if (!ls || e.line > ls.length) return undefined;
  const near = ls.slice(Math.max(0, e.line - 2), e.line + 1).join('\n');
  if (defines(near, e.symbol.split('.').pop())) return null;
  return `history ${e.file}:${e.line} does not define ${e.symbol}: ${ls[e.line - 1].trim().slice(0, 60)}`;
}

/** The commit a history entry cites (each commit is checked once a plan). */
const commitOf = (e) => /\b([0-9a-f]{7,40})\b/.exec(e.why ?? '')?.[1];

/** One history entry: its failure, or null when its commit introduced the sibling. */
function checkCommit(x, e) {
  const { root, p } = x;
  const sha = commitOf(e);
  let diff = '';
  try {
    diff = execFileSync(
      'git',
      [
        '-c',
        'core.fsmonitor=false',
        '-C',
        root,
        'show',
        '--format=',
        '--no-renames',
        '--no-textconv',
        '--no-ext-diff',
        '-U0',
        '--no-color',
        sha,
      ],
      { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] },
    );
  } catch {
    return `history ${sha}: no such commit`;
  }
  // An introduction adds the name. A commit that moved the sibling finds it in its parent already and
  // removes it somewhere (a word the parent had elsewhere, with nothing removed, is still an introduction).
  // The name as registered: the flag, the quoted name, or (a name of two words or more) the name as written.
  const bare = p.sibling.name.replace(/^-+/, '');
  const multi = wordsOf(p.sibling.name).length > 1;
  const forms = [
    ...(p.sibling.name.startsWith('-') ? [`--${bare}`] : []),
    `"${bare}"`,
    `'${bare}'`,
    ...(multi && !p.sibling.name.startsWith('-') ? [bare] : []),
  ];
  const has = (d) =>
    forms.some((f) => (f === bare ? new RegExp(`(?<![\\w$-])${esc(f)}(?![\\w$-])`).test(d) : d.includes(f)));
  const changed = diff.split('\n');
  // Added: any spelling as a whole word (a clap derive field `endianness` has no quoted form).
  const any = new RegExp(
    spellingsOf(p.sibling.name)
      .map((x) => `(?<![\\w$-])${esc(x)}(?![\\w$-])`)
      .join('|'),
  );
  const plus = changed.filter(
    (d) => d.startsWith('+') && !d.startsWith('+++') && (has(d) || any.test(d)),
  ).length;
  const minus = changed.filter((d) => d.startsWith('-') && !d.startsWith('---') && has(d)).length;
  const before = spawnSync(
    'git',
    [
      '-c',
      'core.fsmonitor=false',
      '-C',
      root,
      'grep',
      '-q',
      '-F',
      ...(multi ? ['-w'] : []),
      ...forms.flatMap((f) => ['-e', f]),
      `${sha}^`,
      '--',
    ],
    { stdio: 'ignore' },
  ).status;
  if (plus === 0) return `history ${sha} does not add ${p.sibling.name}`;
  if (before === 0 && minus > 0)
    return `history ${sha}: ${p.sibling.name} was in its parent already and the commit removed it somewhere (moved)`;
  return null;
}

// ---- d: met ------------------------------------------------------------------------------------------

/** Which side the requirement puts the thing on, by its own words (our rule): cli, config, env, or any. */
export function sideOf(requirement, kind, name = '') {
  // A sub-command is declared as a command, whatever else the request says (`config show-default`).
  if (kind === 'command') return 'command';
  const t = requirement.toLowerCase();
  const kebab = wordsOf(name).join('-');
  if (kebab && requirement.includes(`--${kebab}`)) return 'cli';
  if (/environment variable|\benv var/.test(t)) return 'env';
  if (/(^|[\s`(])--[a-z]/.test(requirement) || /command[- ]line|\bcli\b|\bflag\b|\bswitch\b/.test(t))
    return 'cli';
  if (/\bconfig(uration)?\b|\bsetting\b|\bini\b|\btoml\b|\byaml\b|conf\.py|settings file/.test(t))
    return 'config';
  if (kind === 'flag') return 'cli';
  if (kind === 'config-value' || kind === 'setting') return 'config';
  return 'any';
}

const CLI_CALL =
  /add_argument|add_option|addoption|\boption\(|\.option|Option\(|\.long\(|\bArg\b|Arg::|[Ff]lag|#\[(?:arg|clap|structopt)|\bName:|\bLong:|usage|argv/;
const ENV_CALL = /getenv|environ|env::var|process\.env|Getenv|LookupEnv|\benv\(|ENV\[/;

/**
 * A command registered by name: a parser's sub-parser, a CLI library's command call or field (urfave's
 * `cli.Command{`, on the line or the list's opening just above it).
 */
const COMMAND_CALL =
  /add_parser|\.command\(|\bcommand\(|Command::new|SubCommand::with_name|\.subcommand|\bUse:\s*"|\w\.Command\s*\{|#\[(?:command|clap)\([^\]]*\bname\b/;

/**
 * Whether line `n` declares the command `name`: a clap sub-command enum's variant (`ShowDefault {`, the
 * name in PascalCase opening its line, inside an `enum`), or the name quoted in a command registration.
 */
function declaresCommand(ls, n, name, w, quoted) {
  const pascal = wordsOf(name)
    .map((s) => s[0].toUpperCase() + s.slice(1))
    .join('');
  if (pascal && new RegExp(`^\\s*${esc(pascal)}\\s*(?:[{(,]|$)`).test(ls[n - 1] ?? ''))
    for (let k = n - 2; k >= 0; k--) {
      if (/^\s*(?:pub(?:\([^)]*\))?\s+)?enum\s/.test(ls[k])) return true;
      if (/^[}\w]/.test(ls[k]) && !/^#/.test(ls[k])) break;
    }
  return quoted && COMMAND_CALL.test(w);
}

export function declares(ls, n, name, side) {
  const w = ls.slice(Math.max(0, n - 3), n + 2).join('\n');
  const sp = spellingsOf(name);
  const quoted = sp.some((s) => new RegExp(`["'\`]-{0,2}${esc(s)}["'\`=]`).test(w));
  const flag = sp.some((s) => new RegExp(`(?:^|[\\s"'\`(\\[,])--${esc(s)}(?![\\w-])`).test(w));
  const field = sp.some((s) => new RegExp(`(?<![\\w$.])${esc(s)}\\s*[:=]`).test(w));
  const derive = /#\[(?:arg|clap|structopt)\([^\]]*\blong\b/.test(w) && field;
  const upper = sp.find((s) => /^[A-Z0-9_]+$/.test(s));
  const env = upper && new RegExp(`[A-Z0-9_]*${esc(upper)}(?![A-Z0-9_])`).test(w) && ENV_CALL.test(w);
  // An option table's entry: `("name", {` with the name alone on its line (pylint and others).
  const table = quoted && /^\s*\(?\s*["'][\w-]+["']\s*,\s*(?:\{\s*)?$/.test(ls[n - 1] ?? '');
  const cli = flag || derive || table || (quoted && CLI_CALL.test(w));
  // Many tools read their configuration file into the same options (black, pylint, isort): a flag counts.
  const config = quoted || field || flag || /\b(yaml|toml|mapstructure|koanf):"/.test(w);
  if (side === 'command') return declaresCommand(ls, n, name, w, quoted);
  if (side === 'cli') return cli;
  if (side === 'env') return !!env;
  if (side === 'config') return config;
  return cli || config || !!env;
}

function checkMet(root, p, lines, requirement) {
  const r = { checked: 0, failed: [] };
  // A request that spells no name (the engine made one from its words) is met by what a declaration does,
  // not by its name: not a claim this check can decide.
  if (p?.verdict !== 'met' || !p.requested || p.requested.named === false) return r;
  r.checked++;
  const side = sideOf(requirement ?? '', p.requested.kind, p.requested.name);
  const code = (e) => {
    const ls = lines(root, e.file);
    if (!ls || e.line > ls.length || areaOf(e.file) === 'docs' || areaOf(e.file) === 'changelog') return null;
    return proseLines(`${root}\0${e.file}`, e.file, ls).has(e.line) ? null : ls;
  };
  // "`--b` (f:n) already does this under another name: "help"": the cited line declares `--b` on the side
  // asked, and `--b`'s name and help say at least half the words of the requested name (the same stem);
  // "…, as the requirement says it": the requirement spells `--b`.
  const other =
    /^`([^`]+)` \(([^\s:()]+):(\d+)\) already does this(, as the requirement says it| under another name)(?:: "(.*)")?$/.exec(
      p.reason ?? '',
    );
  // "`table.key` is read at f:n: … (the key's type is declared outside the files read)": the line reads the
  // dotted path, and no code file of the tree declares the key as a typed member.
  const read =
    /^`([\w-]+(?:\.[\w-]+)+)` is read at ([^\s:()]+):(\d+): .*\(the key's type is declared outside the files read\)$/.exec(
      p.reason ?? '',
    );
  const stem = (w) => w.toLowerCase().slice(0, 4);
  const ok = (p.evidence ?? []).some((e) => {
    const ls = code(e);
    if (!ls) return false;
    if (declares(ls, e.line, p.requested.name, side)) return true;
    if (other && e.file === other[2] && e.line === Number(other[3])) {
      if (!declares(ls, e.line, other[1], side)) return false;
      if (other[4].startsWith(',')) return spellingsOf(other[1]).some((s) => (requirement ?? '').includes(s));
      const theirs = new Set([...wordsOf(other[1]), ...wordsOf(other[5] ?? '')].map(stem));
      const want = wordsOf(p.requested.name);
      return want.filter((w) => theirs.has(stem(w))).length * 2 >= want.length;
    }
    if (read && e.file === read[2] && e.line === Number(read[3])) {
      const path = read[1]
        .split('.')
        .map((w) => esc(w.replace(/-/g, '_')))
        .join('\\.');
      const key = read[1].split('.').pop();
      return (
        new RegExp(`(?<![\\w$])(?:[\\w$]+\\.)*${path}(?![\\w$])`).test(codeOf(ls[e.line - 1], e.file)) &&
        spawnSync(
          'git',
          [
            '-c',
            'core.fsmonitor=false',
            '-C',
            root,
            'grep',
            '-q',
            '-E',
            // A member typed (`pub key: bool`, `key: Option<…>`), not a value set in a literal.
            `(^|[^[:alnum:]_.])${key}[[:space:]]*:[[:space:]]*(bool|boolean|str|string|String|number|int|float|[uif][0-9]+|usize|Option|Vec|PathBuf|Path|HashMap|Duration)([^[:alnum:]_]|$)`,
            '--',
            '*.rs',
            '*.go',
            '*.py',
            '*.ts',
            '*.js',
          ],
          { stdio: 'ignore' },
        ).status !== 0
      );
    }
    return false;
  });
  if (!ok)
    r.failed.push(
      `met, but no cited line declares ${p.requested.name} (${side}): ${(p.evidence ?? []).map((e) => `${e.file}:${e.line}`).join(', ') || 'no evidence'}`,
    );
  return r;
}

// ---- g: an existing field -----------------------------------------------------------------------------

/** "the existing `x` (a field of `C`, file:line; read at a:1, b:2)" in a partly-met plan's `missing`. */
const FIELD_CLAIM =
  /the existing `([^`]+)` \((?:a field|an attribute) of `([^`]+)`, ([^\s;,()]+):(\d+); (?:read at ((?:[^\s;,()]+:\d+(?:, )?)+)|read nowhere)/;

/** Whether line `n` declares a member `name`: a struct, interface or class field, a Go field, an attribute set on self. */
export function declaresMember(ls, n, name) {
  const l = ls[n - 1] ?? '';
  const x = esc(name);
  return [
    new RegExp(
      `^\\s*(?:(?:pub(?:\\([^)]*\\))?|public|private|protected|readonly|static)\\s+)*${x}[?!]?\\s*:(?!:)`,
    ),
    new RegExp(`^\\s*${x}\\s+[\\w*\\[\\].]`),
    new RegExp(`^\\s*(?:self|cls|this)\\.${x}\\s*(?::[^=]*)?=(?!=)`),
    new RegExp(`^\\s*${x}\\s*(?::[^=]*)?=(?![=>])`),
  ].some((re) => re.test(l));
}

function checkField(root, p, lines) {
  const r = { checked: 0, failed: [] };
  const m = p?.verdict === 'partly-met' ? FIELD_CLAIM.exec(p.missing ?? '') : null;
  if (!m) return r;
  const [, name, container, file, at, reads] = m;
  const n = Number(at);
  const ls = lines(root, file);
  r.checked++;
  const declared =
    ls !== null &&
    n <= ls.length &&
    areaOf(file) === 'code' &&
    !proseLines(`${root}\0${file}`, file, ls).has(n) &&
    declaresMember(ls, n, name) &&
    ls
      .slice(0, n)
      .some((l) => new RegExp(`\\b(?:struct|class|interface|type)\\s+${esc(container)}\\b`).test(l));
  if (!declared)
    r.failed.push(`field ${name} of ${container} at ${file}:${n}: ${(ls?.[n - 1] ?? '').trim()}`);
  for (const ref of reads ? reads.split(', ') : []) {
    const [f, k] = [ref.slice(0, ref.lastIndexOf(':')), Number(ref.slice(ref.lastIndexOf(':') + 1))];
    const rl = lines(root, f);
    r.checked++;
    const read =
      rl !== null &&
      k <= rl.length &&
      !proseLines(`${root}\0${f}`, f, rl).has(k) &&
      new RegExp(`\\.${esc(name)}(?![\\w$])`).test(rl[k - 1]);
    if (!read) r.failed.push(`read of ${name} at ${ref}: ${(rl?.[k - 1] ?? '').trim()}`);
  }
  return r;
}

// ---- e: test selections ------------------------------------------------------------------------------

/** Test names in a file, by language (our own reading: functions, classes and titles). */
export function testNamesIn(text, file) {
  const out = [];
  if (/\.py$/.test(file)) {
    let cls = '';
    for (const l of text.split('\n')) {
      const c = /^class\s+(\w+)/.exec(l);
      if (c) cls = c[1];
      else if (/^\S/.test(l)) cls = '';
      const d = /^(\s*)(?:async\s+)?def\s+(test\w*)/.exec(l);
      if (d) out.push({ name: d[2], parents: d[1] && cls ? [cls] : [] });
    }
  } else if (/\.rs$/.test(file)) {
    const re = /#\[(?:\w+::)*test[^\]]*\][\s\S]{0,300}?fn\s+(\w+)/g;
    for (const m of text.matchAll(re)) out.push({ name: m[1], parents: [] });
  } else if (/\.go$/.test(file)) {
    for (const m of text.matchAll(/^func\s+((?:Test|Benchmark|Example|Fuzz)\w*)\s*\(/gm))
      out.push({ name: m[1], parents: [] });
  } else if (/\.[cm]?[jt]sx?$/.test(file)) {
    for (const m of text.matchAll(
      /\b(?:it|test|describe|context|suite|specify)(?:\.\w+)*\(\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g,
    ))
      out.push({ name: m[2], parents: [] });
  }
  return out;
}

function splitArgs(cmd) {
  const out = [];
  for (const m of cmd.matchAll(/"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g)) out.push(m[1] ?? m[2] ?? m[3]);
  return out;
}

/** pytest's -k: identifiers joined by and/or/not; each matches a test whose name, class or module contains it. */
function pytestK(expr, item) {
  const words = [item.name, ...item.parents, item.module].map((s) => s.toLowerCase());
  const js = expr
    .replace(/\(|\)/g, (c) => ` ${c} `)
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => {
      if (t === 'and') return '&&';
      if (t === 'or') return '||';
      if (t === 'not') return '!';
      if (t === '(' || t === ')') return t;
      return String(words.some((w) => w.includes(t.toLowerCase())));
    })
    .join(' ');
  try {
    return Function(`return (${js});`)();
  } catch {
    return true; // an expression we cannot read: not a claim we can check
  }
}

function testFilesOf(root, paths, re) {
  const ls = spawnSync('git', ['-c', 'core.fsmonitor=false', '-C', root, 'ls-files', '--', ...paths], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  }).stdout;
  return (ls ?? '').split('\n').filter((f) => f && re.test(f));
}

/** One command: null when it selects nothing narrower than files, else { ok, what }. */
export function checkSelection(root, cmd, read, planned = []) {
  const a = splitArgs(cmd);
  // A test the plan has written first, named so that the selection picks it (`test_x…` for `-k x`): it
  // counts as in the files the command runs, by the name the plan gives it.
  const names = (files) =>
    (files.length ? planned.map((name) => ({ name, parents: [], module: '' })) : []).concat(
      files.flatMap((f) => {
        const t = read(f);
        return t === null
          ? []
          : testNamesIn(t, f).map((x) => ({
              ...x,
              module: f
                .split('/')
                .pop()
                .replace(/\.\w+$/, ''),
            }));
      }),
    );
  if (a.some((t) => /(^|\/)pytest$|^py\.test$/.test(t)) || /-m pytest\b/.test(cmd)) {
    const k = a.indexOf('-k');
    const ids = a.filter((t) => t.includes('::'));
    if (k < 0 && !ids.length) return null;
    if (ids.length) {
      for (const id of ids) {
        const [file, ...parts] = id.split('::');
        const got = names([file]);
        const want = parts.map((x) => x.replace(/\[.*$/, ''));
        const fn = want.at(-1);
        const hit = got.some((t) => t.name === fn || t.parents.includes(fn));
        if (!hit) return { ok: false, what: `no test ${want.join('::')} in ${file}` };
      }
      if (k < 0) return { ok: true };
    }
    const paths = a.filter(
      (t, i) =>
        i > 0 &&
        !t.startsWith('-') &&
        a[i - 1] !== '-k' &&
        /\.py$|\/|^tests?$|^testing$/.test(t) &&
        !t.includes('::'),
    );
    const files = testFilesOf(
      root,
      paths.length ? paths : ['.'],
      /(^|\/)(test_[^/]*|[^/]*_test)\.py$|(^|\/)tests?\/.*\.py$/,
    );
    if (!files.length) return null;
    const items = names(files);
    return items.some((it) => pytestK(a[k + 1] ?? '', it))
      ? { ok: true }
      : { ok: false, what: `-k ${a[k + 1]} selects none of ${items.length} tests in ${files.length} files` };
  }
  if (a[0] === 'cargo' && a[1] === 'test') {
    let i = 2;
    let target = null;
    let filter = null;
    for (; i < a.length && a[i] !== '--'; i++) {
      if (a[i] === '--test') target = a[++i];
      else if (/^--(package|features|manifest-path|bin|lib|target|profile|jobs)$|^-p$/.test(a[i])) i++;
      else if (!a[i].startsWith('-')) filter = a[i];
    }
    if (!filter) return null;
    const files = target
      ? [`tests/${target}.rs`, `tests/${target}/main.rs`]
      : testFilesOf(root, ['.'], /\.rs$/);
    const items = names(files);
    if (!items.length) return target ? { ok: false, what: `no test target ${target}` } : null;
    const last = filter.split('::').pop();
    return items.some((t) => t.name.includes(last) || filter.includes(t.name))
      ? { ok: true }
      : { ok: false, what: `cargo filter ${filter} matches none of ${items.length} tests` };
  }
  if (a[0] === 'go' && a[1] === 'test') {
    const r = a.findIndex((t) => t === '-run' || t.startsWith('-run='));
    if (r < 0) return null;
    const pat = a[r].startsWith('-run=') ? a[r].slice(5) : a[r + 1];
    const pkgs = a
      .filter((t) => t.startsWith('./'))
      .map((t) => t.replace(/\/?\.\.\.$/, '').replace(/^\.\/?/, '') || '.');
    const files = testFilesOf(root, pkgs.length ? pkgs : ['.'], /_test\.go$/).filter(
      (f) =>
        !pkgs.length || a.some((t) => t.endsWith('...')) || pkgs.includes(dirname(f)) || pkgs.includes('.'),
    );
    const items = names(files);
    if (!items.length) return null;
    let re;
    try {
      re = new RegExp(pat.split('/')[0]);
    } catch {
      return null;
    }
    return items.some((t) => re.test(t.name))
      ? { ok: true }
      : { ok: false, what: `-run ${pat} matches none of ${items.length} tests` };
  }
  // JavaScript runners: mocha --grep/-g/-f, jest/vitest -t/--testNamePattern.
  const sel = a.findIndex((t) =>
    /^(-g|--grep|-f|--fgrep|-t|--testNamePattern|--test-name-pattern)(=|$)/.test(t),
  );
  if (sel >= 0 && /\b(mocha|jest|vitest|npx|npm|yarn|pnpm|node)\b/.test(cmd)) {
    const pat = a[sel].includes('=') ? a[sel].split('=').slice(1).join('=') : a[sel + 1];
    if (!pat) return null;
    const paths = a.filter((t, i) => i > 0 && i !== sel + 1 && /\.[cm]?[jt]sx?$/.test(t));
    const files = paths.length
      ? paths
      : testFilesOf(
          root,
          ['.'],
          /(^|\/)(test|tests|spec|__tests__)\/.*\.[cm]?[jt]sx?$|\.(test|spec)\.[cm]?[jt]sx?$/,
        );
    const items = names(files);
    if (!items.length) return null;
    let re;
    try {
      re = /^(-f|--fgrep)/.test(a[sel]) ? null : new RegExp(pat);
    } catch {
      re = null;
    }
    const all = items.map((t) => t.name);
    // A full title is the describe titles and the test's own, joined by spaces: test each title and the
    // file's titles joined, so a pattern spanning a describe and an it still matches.
    const joined = all.join(' ');
    const hit = re
      ? all.some((t) => re.test(t)) || re.test(joined)
      : all.some((t) => t.includes(pat)) || joined.includes(pat);
    return hit
      ? { ok: true }
      : { ok: false, what: `${a[sel]} ${pat} matches none of ${items.length} titles` };
  }
  return null;
}

function commandsOf(o) {
  const plan = o.plan;
  const cmds = new Set();
  for (const ph of plan.phases ?? [])
    for (const c of ph.automated_checks ?? []) if (c.command) cmds.add(c.command);
  for (const t of plan.precedent?.tests ?? []) if (t.command) cmds.add(t.command);
  for (const m of (o.markdown ?? '').matchAll(/`([^`\n]+)`/g))
    if (
      /^(uv run |python3? -m |npx |npm |yarn |pnpm |poetry run |hatch run |tox |nox )?(pytest|py\.test|cargo test|go test|mocha|jest|vitest)\b/.test(
        m[1],
      )
    )
      cmds.add(m[1]);
  return [...cmds];
}

function checkSelections(root, o) {
  const r = { checked: 0, failed: [] };
  const read = (f) => {
    const p = join(root, f);
    return !f.includes('..') && existsSync(p) ? readFileSync(p, 'utf8') : null;
  };
  // "Name the test after it (`test_x…`) so `-k x` selects it": the new test's name, for that selection.
  const planned = [...(o.markdown ?? '').matchAll(/\(`([\w$.-]+)…`\) so `([^`]+)` selects it/g)];
  for (const cmd of commandsOf(o)) {
    const mine = planned.filter((m) => cmd.includes(m[2])).map((m) => m[1]);
    const got = checkSelection(root, cmd, read, mine);
    if (!got) continue;
    r.checked++;
    if (!got.ok) r.failed.push(`${cmd}: ${got.what}`);
  }
  return r;
}

// ---- f: edit-point symbols ---------------------------------------------------------------------------

export function defines(text, sym) {
  const s = esc(sym);
  const res = [
    `(?:^|\\s)(?:async\\s+)?def\\s+${s}\\b`,
    `\\bclass\\s+${s}\\b`,
    `\\bfunction\\s*\\*?\\s*${s}\\b`,
    `\\b(?:const|let|var|static|type|interface|enum|struct|trait|mod|union|macro_rules!)\\s+(?:mut\\s+)?${s}\\b`,
    `\\bfn\\s+${s}\\b`,
    `\\bfunc\\s+(?:\\([^)]*\\)\\s*)?${s}\\b`,
    `\\bimpl\\b[^{\\n]*\\b${s}\\b`,
    `^\\s*(?:(?:export|default|public|private|protected|static|async|readonly|override|get|set|pub(?:\\([^)]*\\))?)\\s+)*\\*?${s}\\s*(?:<[^>]*>)?\\s*[(=:]`,
    `^\\s*["']?${s}["']?\\s*[:=]`,
    `\\bself\\.${s}\\s*(?::[^=]+)?=(?!=)`,
    `\\bthis\\.${s}\\s*=(?!=)`,
    `^\\s*[\\w$.]+\\.${s}\\s*=(?!=)`,
    `^\\s*\\[(?:[\\w.-]+\\.)?${s}\\]`,
    `^\\s*${s}\\s+[\\w.*\\[\\]]+\\s*(?:\`|$)`,
  ];
  return res.some((re) => new RegExp(re, 'm').test(text));
}

function headingIn(ls, title) {
  const t = title.replace(/`/g, '').trim().toLowerCase();
  return ls.some((l, i) => {
    const clean = l
      .replace(/`/g, '')
      .replace(/^\s*#{1,6}\s*/, '')
      .trim()
      .toLowerCase();
    if (clean !== t) return false;
    return (
      /^\s*#{1,6}\s/.test(l) || (ls[i + 1] !== undefined && UNDERLINE.test(ls[i + 1])) || /^\.S[HS]\b/.test(l)
    );
  });
}

function checkSymbols(root, o, lines) {
  const r = { checked: 0, failed: [] };
  for (const ph of o.plan.phases ?? [])
    for (const st of ph.steps ?? [])
      for (const f of st.files_to_modify ?? [])
        for (const e of f.edit_points ?? []) {
          const ls = lines(root, f.path);
          if (!ls || !e.symbol) continue;
          r.checked++;
          const text = ls.join('\n');
          if (/\s/.test(e.symbol.trim()) || /\.(md|rst|txt|adoc)$/.test(f.path)) {
            if (!headingIn(ls, e.symbol)) r.failed.push(`${f.path}: no heading "${e.symbol}"`);
            continue;
          }
          const parts = e.symbol
            .split(/::|[.#:]/)
            .map((x) => x.replace(/\(.*$/, '').replace(/^[<[]|[>\]]$/g, ''))
            .filter((x) => /^[A-Za-z_$][\w$-]*$/.test(x));
          const missing = parts.filter((x) => !defines(text, x));
          if (!parts.length || missing.length)
            r.failed.push(`${f.path}: ${e.symbol} not defined (${missing.join(', ') || 'no name'})`);
        }
  return r;
}

// ---- all ---------------------------------------------------------------------------------------------

/** The kinds read entry by entry from the precedent's footprint: which entries, once by what key, and how. */
const EACH = {
  a: {
    pick: (e) => e.source === 'occurrence' && e.area === 'code' && USE_ROLES.has(e.role) && e.line,
    check: checkUse,
  },
  b: { pick: (e) => e.source === 'occurrence' && e.area === 'docs' && e.line, check: checkDoc },
  c: [
    { pick: (e) => e.source === 'history', once: commitOf, check: checkCommit },
    { pick: (e) => e.source === 'history' && e.line && e.symbol, check: checkChangedSymbol },
  ],
};

/** The kinds read from the whole plan. */
const WHOLE = {
  d: (x) => checkMet(x.root, x.p, x.lines, x.requirement),
  e: (x) => checkSelections(x.root, x.o),
  f: (x) => checkSymbols(x.root, x.o, x.lines),
  g: (x) => checkField(x.root, x.p, x.lines),
};

/**
 * Every wider check on one plan; `lines(root, file)` returns the file's lines or null. An entry's check
 * returns its failure, null when it holds, or undefined when it cannot decide (not counted as checked).
 */
export function wideChecks(root, o, requirement, lines) {
  const p = o.plan?.precedent ?? null;
  let names;
  const x = { root, o, p, requirement, lines, names: () => (names ??= siblingNames(p, lines, root)) };
  const out = {};
  for (const k of Object.keys(KINDS)) {
    if (WHOLE[k]) {
      out[k] = WHOLE[k](x);
      continue;
    }
    const r = { checked: 0, failed: [] };
    out[k] = r;
    if (!p?.sibling) continue;
    for (const { pick, once, check } of [EACH[k]].flat()) {
      const seen = new Set();
      for (const e of p.footprint ?? []) {
        if (!pick(e)) continue;
        if (once) {
          const key = once(e);
          if (!key || seen.has(key)) continue;
          seen.add(key);
        }
        const got = check(x, e);
        if (got === undefined) continue;
        r.checked++;
        if (got) r.failed.push(got);
      }
    }
  }
  return out;
}

// ---- self-check: hand-made plan snippets on a scratch tree, each kind once wrong and once right --------

function selfCheck() {
  const root = mkdtempSync(join(tmpdir(), 'pbench-claims-'));
  const put = (f, t) => {
    mkdirSync(dirname(join(root, f)), { recursive: true });
    writeFileSync(join(root, f), t);
  };
  const g = (...a) =>
    execFileSync('git', ['-C', root, '-c', 'user.name=b', '-c', 'user.email=b@b', ...a], {
      encoding: 'utf8',
    });
  g('init', '-q');
  // A small CLI of our own: a walker with a --hidden flag, written first in one file, then moved.
  const cli = [
    'import argparse', // 1
    '', // 2
    'def build(p):', // 3
    '    """Options: hidden files are skipped unless asked."""', // 4
    '    p.add_argument("--hidden", action="store_true", help="show hidden files")', // 5
    '    p.add_argument("--max-depth", type=int)', // 6
    '    return p', // 7
    '', // 8
    'def run(args, walker):', // 9
    '    walker.hidden(True)  # the library call', // 10
    '    walker.skip(not args.hidden).hidden(opts.show_all)  # show_all = args.hidden', // 11
    '    # hidden entries are listed last; see also (-H --hidden)--hidden', // 12
    '    return walker.hidden(opts.show_all)', // 13
    '',
  ];
  put('old.py', cli.filter((l) => !l.includes('max-depth')).join('\n'));
  g('add', '.');
  g('commit', '-qm', 'add --hidden');
  const intro = g('rev-parse', 'HEAD').trim();
  rmSync(join(root, 'old.py'));
  put('tool/cli.py', cli.join('\n'));
  put('doc/tool.1', '.TP\n\\fB\\-H\\fR, \\fB\\-\\-hidden\\fR\nSearch hidden files.\n');
  // A clap sub-command enum of our own: `Shelf list` and `Shelf prune-empty` (a variant with a field).
  put(
    'src/cmds.rs',
    [
      '#[derive(clap::Subcommand)]', // 1
      'pub enum ShelfCommand {', // 2
      '    /// List the shelves.', // 3
      '    List,', // 4
      '    /// Drop shelves that hold nothing.', // 5
      '    PruneEmpty {', // 6
      '        #[arg(long)]', // 7
      '        dry_run: bool,', // 8
      '    },', // 9
      '}', // 10
      '', // 11
      'struct PruneEmpty {}', // 12
      '',
    ].join('\n'),
  );
  // A triple quote inside a one-line string opens no docstring: the line below it is code.
  put(
    'tool/quotes.py',
    [
      'def strip(s, args):',
      '    if s[:3] == \'"""\':',
      '        s = s[3:]',
      '    return s if args.hidden else s',
      '',
    ].join('\n'),
  );
  // A parameter spelled `hidden` in a function called only with other values, beside one called with it.
  put(
    'tool/names.py',
    [
      'def widest(cells, hidden=()):', // 1
      '    return max(c for c in cells if c not in hidden)', // 2
      '', // 3
      'def shown(args, hidden=False):', // 4
      '    return widest([1, 2], hidden={0}), shown(args, hidden=args.hidden)', // 5
      '', // 6
      'def table(rows):', // 7
      '    hidden = set()', // 8
      '    return widest(rows, hidden=hidden)', // 9
      '',
    ].join('\n'),
  );
  put(
    'docs/usage.md',
    [
      '# Usage', // 1
      '', // 2
      'Some files are hidden by the system and you may want them.', // 3
      '', // 4
      '| option | meaning |', // 5
      '| `--hidden` | list hidden files |', // 6
      '', // 7
      '```', // 8
      'tool --hidden .', // 9
      '```', // 10
      '',
    ].join('\n'),
  );
  put(
    'tests/test_cli.py',
    'def test_hidden_flag():\n    pass\n\nclass TestDepth:\n    def test_max_depth_zero(self):\n        pass\n',
  );
  // The flag's value under other names: a local, a parameter, a parameter of a parameter, a guarded call.
  put(
    'tool/scan.py',
    [
      'def main(args):', // 1
      '    show = args.hidden', // 2
      '    return scan(".", show)', // 3
      '', // 4
      '', // 5
      'def scan(top, include):', // 6
      '    # include is documented here', // 7
      '    found = list_dir(top, include)', // 8
      '    return [f for f in found if include or not f.startswith(".")]', // 9
      '', // 10
      '', // 11
      'def list_dir(top, wanted=False):', // 12
      '    return sorted(top) if wanted else []', // 13
      '', // 14
      '', // 15
      'def other(top, include):', // 16
      '    return top', // 17
      '', // 18
      'class Walker:', // 19
      '    def reveal(self, on):', // 20
      '        self.on = on', // 21
      '', // 22
      'def main2(args):', // 23
      '    if args.hidden:', // 24
      '        Walker().reveal(True)', // 25
      '',
    ].join('\n'),
  );
  // Python: `//` divides, an f-string's fields are code, a plain string's braces are prose.
  put(
    'tool/rate.py',
    [
      'def pace(args, total):', // 1
      '    per = total // 2 if args.hidden else total', // 2
      '    print(f"showing {args.hidden!r} of {total}")', // 3
      '    print("showing hidden: {args.hidden}")', // 4
      '',
    ].join('\n'),
  );
  // Go: a flag bound to a variable on its own line; another variable is not it.
  put(
    'tool/main.go',
    [
      'var showAll, showEvery bool', // 1
      'func init() { flag.BoolVar(&showAll, "all", false, "list every entry") }', // 2
      'func run() { if showAll { list() } }', // 3
      'func other() { if showEvery { list() } }', // 4
      '',
    ].join('\n'),
  );
  // Go: a call over lines binds `--max-age` to `cfg.MaxAGE` (a name cased otherwise); an env variable read
  // through the project's own prefixing helper; two strings on a line with code between them.
  put(
    'tool/age.go',
    [
      'func init() {', // 1
      '\tflag.IntVar(', // 2
      '\t\t&cfg.MaxAGE,', // 3
      '\t\t"max-age",', // 4
      '\t\t0, "drop older entries")', // 5
      '}', // 6
      'func prune() { if cfg.MaxAGE > 0 { drop() } }', // 7
      'func limit() string { return getToolEnv("MAX_AGE") }', // 8
      'func show() { say("age", cfg.MaxAGE, "days old") }', // 9
      'func warn() { say("Unknown MAX_AGE value", v) }', // 10
      'func conf() string { return "max-age = 3\\n" }', // 11
      '',
    ].join('\n'),
  );
  put(
    'docs/age.md',
    [
      '# Age',
      '',
      '- **Environment variable**: `TOOL_MAX_AGE`',
      '**-a**, **\\--max-age** Drop entries.',
      '',
    ].join('\n'),
  );
  // Rust: a clap derive field stores `--out` under its own name; a field below another attribute does not.
  put(
    'src/args.rs',
    [
      'struct Args {', // 1
      '    /// Where results go', // 2
      '    #[arg(short = \'o\', long = "out")]', // 3
      '    target_dir: Option<PathBuf>,', // 4
      '    #[arg(long)]', // 5
      '    quiet: bool,', // 6
      '}', // 7
      'fn run(a: Args) { let d = a.target_dir; }', // 8
      'fn hush(a: Args) { let q = a.quiet; }', // 9
      '',
    ].join('\n'),
  );
  // rst: an option listed as a substitution reference, beside prose naming it.
  put(
    'README.rst',
    ['Options', '=======', '', '* |--out|__', '', 'Results go out to the folder.', ''].join('\n'),
  );
  g('add', '-A');
  g('commit', '-qm', 'move the CLI into a package');
  const moved = g('rev-parse', 'HEAD').trim();
  const lines = (r, f) => (existsSync(join(r, f)) ? readFileSync(join(r, f), 'utf8').split('\n') : null);
  const sibling = { name: '--hidden', kind: 'flag', file: 'tool/cli.py', line: 5 };
  const fp = (file, line, role, area, source = 'occurrence', why = 'names `hidden`') => ({
    file,
    line,
    role,
    area,
    source,
    why,
    text: '',
  });
  // A line of tool/scan.py said to carry the flag's value as `name`, and the chain that holds there.
  const carried = (line, name, how, at) =>
    fp(
      'tool/scan.py',
      line,
      'read',
      'code',
      'occurrence',
      `carries \`--hidden\`'s value as \`${name}\` (${how} tool/scan.py:${at})`,
    );
  const chain = [
    carried(3, 'show', 'assigned at', 2),
    carried(8, 'include', 'passed to `scan` at', 3),
    carried(9, 'include', 'passed to `scan` at', 3),
    carried(13, 'wanted', 'passed to `list_dir` at', 8),
    fp(
      'tool/scan.py',
      21,
      'read',
      'code',
      'occurrence',
      "carries `--hidden`'s value as `on` (set when `hidden` is, at tool/scan.py:24)",
    ),
  ];
  const plan = (precedent, phases = [], markdown = '') => ({ plan: { precedent, phases }, markdown });
  // A plan of one step editing files, each given as [path, ...[symbol, start, end]].
  const edits = (...files) =>
    plan(null, [
      {
        steps: [
          {
            files_to_modify: files.map(([path, ...points]) => ({
              path,
              edit_points: points.map(([symbol, start_line, end_line]) => ({ symbol, start_line, end_line })),
            })),
          },
        ],
      },
    ]);
  const cases = [
    // kind, plan, requirement, expected failures
    ['a', plan({ sibling, footprint: [fp('tool/cli.py', 10, 'read', 'code')] }), '', 1],
    ['a', plan({ sibling, footprint: [fp('tool/cli.py', 12, 'read', 'code')] }), '', 1],
    ['a', plan({ sibling, footprint: [fp('tool/cli.py', 13, 'read', 'code')] }), '', 1],
    ['a', plan({ sibling, footprint: [fp('tool/quotes.py', 4, 'read', 'code')] }), '', 0],
    ['a', plan({ sibling, footprint: [fp('tool/names.py', 1, 'type', 'code')] }), '', 1],
    ['a', plan({ sibling, footprint: [fp('tool/names.py', 4, 'type', 'code')] }), '', 0],
    [
      'a',
      plan({
        sibling,
        footprint: [
          fp(
            'tool/cli.py',
            13,
            'read',
            'code',
            'occurrence',
            "carries `--hidden`'s value as `show_all` (assigned at tool/cli.py:11)",
          ),
          fp(
            'tool/cli.py',
            13,
            'read',
            'code',
            'occurrence',
            "carries `--hidden`'s value as `show_all` (assigned at tool/cli.py:5)",
          ),
        ],
      }),
      '',
      1,
    ],
    ['a', plan({ sibling, footprint: [fp('tool/cli.py', 4, 'registration', 'code')] }), '', 1],
    ['a', plan({ sibling, footprint: [fp('doc/tool.1', 2, 'read', 'code')] }), '', 0],
    ['a', plan({ sibling, footprint: [2, 3].map((n) => fp('tool/rate.py', n, 'read', 'code')) }), '', 0],
    ['a', plan({ sibling, footprint: [fp('tool/rate.py', 4, 'read', 'code')] }), '', 1],
    [
      'a',
      plan({
        sibling: { name: '--all', kind: 'flag', file: 'tool/main.go', line: 2 },
        footprint: [
          fp('tool/main.go', 3, 'read', 'code', 'occurrence', 'names `showAll`'),
          fp('tool/main.go', 4, 'read', 'code', 'occurrence', 'names `showEvery`'),
        ],
      }),
      '',
      1,
    ],
    // Hops, each cited at its line and read in the tree: all hold.
    ['a', plan({ sibling, footprint: [carried(3, 'show', 'assigned at', 2), ...chain] }), '', 0],
    // The same last hop without the entry that carries the value into line 3: not shown.
    ['a', plan({ sibling, footprint: [carried(9, 'include', 'passed to `scan` at', 3)] }), '', 1],
    // A parameter at another place than the value's argument, and a call the cited line does not make.
    ['a', plan({ sibling, footprint: [...chain, carried(17, 'top', 'passed to `scan` at', 3)] }), '', 1],
    ['a', plan({ sibling, footprint: [...chain, carried(9, 'include', 'passed to `other` at', 3)] }), '', 1],
    // A line that does not read the name it is said to carry the value as.
    ['a', plan({ sibling, footprint: [...chain, carried(17, 'include', 'passed to `other` at', 3)] }), '', 1],
    [
      'a',
      plan({
        sibling,
        footprint: [fp('tool/cli.py', 5, 'registration', 'code'), fp('tool/cli.py', 11, 'read', 'code')],
      }),
      '',
      0,
    ],
    [
      'a',
      plan({
        sibling: { name: '--out', kind: 'flag', file: 'src/args.rs', line: 3 },
        footprint: [
          fp('src/args.rs', 8, 'read', 'code', 'occurrence', 'names `target_dir`'),
          fp('src/args.rs', 9, 'read', 'code', 'occurrence', 'names `quiet`'),
        ],
      }),
      '',
      1,
    ],
    [
      'b',
      plan({
        sibling: { name: '--out', kind: 'flag', file: 'src/args.rs', line: 3 },
        footprint: [fp('README.rst', 4, 'docs', 'docs'), fp('README.rst', 6, 'docs', 'docs')],
      }),
      '',
      1,
    ],
    // A bound variable cased otherwise, read beside other strings; a prefixed env variable read for the
    // request ("reads `X` today"); a configuration line in a string; an error message naming it is prose.
    [
      'a',
      plan({
        sibling: { name: 'max-age', kind: 'option', file: 'tool/age.go', line: 4 },
        footprint: [
          fp('tool/age.go', 7, 'read', 'code', 'occurrence', 'names `MaxAGE`'),
          fp('tool/age.go', 9, 'read', 'code', 'occurrence', 'names `MaxAGE`'),
          fp(
            'tool/age.go',
            8,
            'read',
            'code',
            'occurrence',
            'reads `TOOL_MAX_AGE` today: `--max-age` must feed the value read here',
          ),
          fp('tool/age.go', 11, 'read', 'code', 'occurrence', 'names `max-age`'),
          fp('tool/age.go', 10, 'read', 'code', 'occurrence', 'names `MAX_AGE`'),
        ],
      }),
      '',
      1,
    ],
    [
      'a',
      plan({
        sibling: { name: 'max-age', kind: 'option', file: 'tool/age.go', line: 4 },
        footprint: [
          fp(
            'tool/age.go',
            8,
            'read',
            'code',
            'occurrence',
            'reads `TOOL_MAX_LEN` today: `--max-len` must feed the value read here',
          ),
        ],
      }),
      '',
      1,
    ],
    [
      'b',
      plan({
        sibling: { name: 'max-age', kind: 'option', file: 'tool/age.go', line: 4 },
        footprint: [fp('docs/age.md', 3, 'docs', 'docs'), fp('docs/age.md', 4, 'docs', 'docs')],
      }),
      '',
      0,
    ],
    ['b', plan({ sibling, footprint: [fp('docs/usage.md', 3, 'docs', 'docs')] }), '', 1],
    [
      'b',
      plan({
        sibling,
        footprint: [fp('docs/usage.md', 6, 'docs', 'docs'), fp('docs/usage.md', 9, 'docs', 'docs')],
      }),
      '',
      0,
    ],
    [
      'c',
      plan({
        sibling,
        footprint: [
          fp(
            'tests/test_cli.py',
            undefined,
            'test',
            'test',
            'history',
            `changed with \`hidden\` in ${moved.slice(0, 10)} ("move")`,
          ),
        ],
      }),
      '',
      1,
    ],
    [
      'c',
      plan({
        sibling,
        footprint: [
          fp(
            'old.py',
            undefined,
            'other',
            'code',
            'history',
            `changed with \`hidden\` in ${intro.slice(0, 10)} ("add")`,
          ),
          {
            ...fp('tool/cli.py', 9, 'other', 'code', 'history', `changed \`run\` in ${intro.slice(0, 10)}`),
            symbol: 'run',
          },
        ],
      }),
      '',
      0,
    ],
    [
      'c',
      plan({
        sibling,
        footprint: [
          {
            ...fp('tool/cli.py', 11, 'other', 'code', 'history', `changed \`run\` in ${intro.slice(0, 10)}`),
            symbol: 'run',
          },
        ],
      }),
      '',
      1,
    ],
    [
      'd',
      plan({
        verdict: 'met',
        requested: { name: 'max-depth', kind: 'option' },
        evidence: [{ file: 'tests/test_cli.py', line: 5, text: '' }],
      }),
      'Add a --max-depth option',
      1,
    ],
    [
      'd',
      plan({
        verdict: 'met',
        requested: { name: 'hidden', kind: 'option' },
        evidence: [{ file: 'tool/cli.py', line: 4, text: '' }],
      }),
      'Add a --hidden flag',
      1,
    ],
    [
      'd',
      plan({
        verdict: 'met',
        requested: { name: 'max-depth', kind: 'option' },
        evidence: [{ file: 'tool/cli.py', line: 6, text: '' }],
      }),
      'Add a --max-depth option',
      0,
    ],
    [
      'd',
      plan({
        verdict: 'met',
        requested: { name: 'max-depth', kind: 'config-value' },
        evidence: [{ file: 'tool/cli.py', line: 6, text: '' }],
      }),
      'Add a max_depth setting to the configuration file',
      0,
    ],
    [
      'd',
      plan({
        verdict: 'met',
        requested: { name: 'max-depth', kind: 'option' },
        evidence: [{ file: 'tool/cli.py', line: 6, text: '' }],
      }),
      'Read MAX_DEPTH from an environment variable',
      1,
    ],
    // A sub-command met at its enum variant; not at a field of it, nor at a struct of the same name.
    ...[
      [6, 0],
      [8, 1],
      [12, 1],
    ].map(([line, want]) => [
      'd',
      plan({
        verdict: 'met',
        requested: { name: 'prune-empty', kind: 'command' },
        evidence: [{ file: 'src/cmds.rs', line, text: '' }],
      }),
      'Add a `shelf prune-empty` sub-command with an option to try it dry',
      want,
    ]),
    [
      'e',
      plan(null, [{ automated_checks: [{ command: 'pytest tests/test_cli.py -k "walker and recursion"' }] }]),
      '',
      1,
    ],
    [
      'e',
      plan(null, [{ automated_checks: [{ command: 'pytest tests/test_cli.py::test_symlinks' }] }]),
      '',
      1,
    ],
    [
      'e',
      plan(null, [
        {
          automated_checks: [
            { command: 'pytest tests/test_cli.py -k "hidden or depth"' },
            { command: 'pytest tests/test_cli.py::TestDepth::test_max_depth_zero' },
          ],
        },
      ]),
      '',
      0,
    ],
    // A selection the plan makes for the test it has written first, by the name it gives that test.
    ...[
      ['test_symlinks', 0],
      ['test_links', 1],
    ].map(([name, want]) => [
      'e',
      {
        ...plan(null, [{ automated_checks: [{ command: 'pytest tests/test_cli.py -k symlinks' }] }]),
        markdown: `Name the test after it (\`${name}…\`) so \`-k symlinks\` selects it.`,
      },
      '',
      want,
    ]),
    // Met under another name: the other flag declared, its name and help saying the requested name's words
    // (`--hidden` for `--show-hidden`: right; for `--sort-order`: wrong); a dotted key met at its read.
    ...[
      ['show-hidden', 0],
      ['sort-order', 1],
    ].map(([name, want]) => [
      'd',
      plan({
        verdict: 'met',
        requested: { name, kind: 'flag' },
        evidence: [{ file: 'tool/cli.py', line: 5, text: '' }],
        reason: '`--hidden` (tool/cli.py:5) already does this under another name: "show hidden files"',
      }),
      `Add a --${name} flag`,
      want,
    ]),
    ...[
      ['tool/rate.py', 2, 0],
      ['tool/rate.py', 1, 1],
    ].map(([file, line, want]) => [
      'd',
      plan({
        verdict: 'met',
        requested: { name: 'hidden', kind: 'setting' },
        evidence: [{ file, line, text: '' }],
        reason: `\`args.hidden\` is read at ${file}:${line}: "x" (the key's type is declared outside the files read)`,
      }),
      'Support the args.hidden setting in the config',
      want,
    ]),
    ...[
      ['`on` (an attribute of `Walker`, tool/scan.py:21; read nowhere yet', 0],
      ['`on` (an attribute of `Walker`, tool/scan.py:20; read nowhere yet', 1],
      ['`on` (an attribute of `Walker`, tool/scan.py:21; read at tool/scan.py:2', 1],
      ['`include` (a field of `Walker`, tool/scan.py:9; read nowhere yet', 1],
    ].map(([claim, want]) => [
      'g',
      plan({
        verdict: 'partly-met',
        requested: { name: '--on', kind: 'flag' },
        missing: `a command-line option that sets the existing ${claim}): register it`,
      }),
      'Add an --on flag',
      want,
    ]),
    ['f', edits(['tool/cli.py', ['parse_options', 3, 7]]), '', 1],
    ['f', edits(['docs/usage.md', ['Command line', 1, 3]]), '', 1],
    [
      'f',
      edits(['tool/cli.py', ['build', 3, 7], ['run', 9, 13]], ['docs/usage.md', ['Usage', 1, 10]]),
      '',
      0,
    ],
  ];
  let bad = 0;
  for (const [kind, o, req, want] of cases) {
    const got = wideChecks(root, o, req, lines)[kind];
    const ok = got.failed.length === want && got.checked > 0;
    if (!ok) bad++;
    console.log(
      `${ok ? 'ok  ' : 'FAIL'} ${kind}: expected ${want} failed, got ${got.failed.length} of ${got.checked}${got.failed.length ? ` (${got.failed.join('; ')})` : ''}`,
    );
  }
  rmSync(root, { recursive: true, force: true });
  console.log(bad ? `${bad} of ${cases.length} self-checks wrong` : `all ${cases.length} self-checks right`);
  process.exitCode = bad ? 1 : 0;
}

if (process.argv[1] && import.meta.filename === process.argv[1] && process.argv.includes('--self-check'))
  selfCheck();
