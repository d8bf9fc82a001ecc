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
      for (const q of ['"""', "'''"]) {
        const k = l.split(q).length - 1;
        if (k % 2 === 1) {
          // An opening triple quote: the string's lines are prose (docstrings, long help text).
          out.add(n);
          block = q;
          break;
        }
        if (k >= 2 && new RegExp(`^\\s*(?:[rbuRBU]{0,2})${q}`).test(l)) out.add(n); // a one-line docstring
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

/** A line with its prose taken out: string literals that contain a space, and a trailing comment. */
function codeOf(line) {
  return line
    .replace(/"(?:[^"\\]|\\.)*\s(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*\s(?:[^'\\]|\\.)*'/g, '""')
    .replace(/(^|\s)(#|\/\/)(?!\[).*$/, '$1');
}

/**
 * Whether a code line names `name` as a name: a flag (`--name`), a quoted name (`"name"`), or an identifier
 * in code; a one-word name called as a method of the same name (`.hidden(true)`) does not count, nor
 * does the word inside prose.
 */
export function namesInCode(raw, name) {
  const line = raw.replace(/\\-/g, '-'); // a man page escapes its dashes (`\-\-max\-depth`)
  const sp = spellingsOf(name);
  const oneWord = wordsOf(name).length === 1;
  for (const s of sp) {
    if (new RegExp(`(?<![\\w-])--?${esc(s)}(?![\\w-])`).test(line)) return true;
    if (new RegExp(`["'\`]${esc(s)}["'\`]`).test(line)) return true;
  }
  let code = codeOf(line);
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
      if (spellingsOf(p.sibling.name).some((s) => s.toLowerCase() === id.toLowerCase())) continue;
      if (new RegExp(`["']${esc(id)}["']`).test(near)) names.push(id);
    }
  return names;
}

function checkUses(root, p, lines) {
  const r = { checked: 0, failed: [] };
  if (!p?.sibling) return r;
  const names = siblingNames(p, lines, root);
  for (const e of p.footprint ?? []) {
    if (e.source !== 'occurrence' || e.area !== 'code' || !USE_ROLES.has(e.role) || !e.line) continue;
    const ls = lines(root, e.file);
    if (!ls || e.line > ls.length) continue; // a wrong line is the narrow check's business
    r.checked++;
    const l = ls[e.line - 1];
    // The field that carries the sibling's value ("carries `--x`'s value as `x_field` (assigned at f:n)"):
    // it counts once the assignment it cites names the sibling.
    const carrier = /as `([\w$.]+)` \(assigned at ([^\s:()]+):(\d+)\)/.exec(e.why ?? '');
    const carried =
      carrier &&
      (() => {
        const at = lines(root, carrier[2])?.[Number(carrier[3]) - 1] ?? '';
        const id = carrier[1].split('.').pop();
        const re = new RegExp(`(?<![\\w$])${esc(id)}(?![\\w$])`);
        return re.test(at) && names.some((n) => namesInCode(at, n)) && re.test(codeOf(l));
      })();
    if (proseLines(`${root}\0${e.file}`, e.file, ls).has(e.line))
      r.failed.push(`${e.role} in a comment or docstring: ${e.file}:${e.line}`);
    else if (carried) continue;
    else if (!names.some((n) => namesInCode(l, n)))
      r.failed.push(`${e.role} without the name as a name: ${e.file}:${e.line} ${l.trim().slice(0, 60)}`);
  }
  return r;
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
  const l = ls[n - 1];
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
  // A definition or list term: the name first on its line, after a bullet or markup.
  const lead = /^\s*(?:[-*+]\s+|\d+\.\s+)?(?:\*\*|__|``?|\\fB|\[)?(-{0,2}[\w\\-]+)/.exec(l);
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
  // A reference: a role (:option:`--x`), a code span naming it, a quoted name, or the flag itself.
  for (const s of sp) {
    if (new RegExp(`:\\w+:\`[^\`]*${esc(s)}[^\`]*\``, 'i').test(l)) return true;
    if (new RegExp(`\`\`?[^\`]*(?<![\\w$])${esc(s)}(?![\\w$])[^\`]*\`\`?`, 'i').test(l)) return true;
    if (new RegExp(`(?:^|[\\s("'])--?${esc(s)}(?![\\w-])`).test(l)) return true;
    if (new RegExp(`["']${esc(s)}["']`).test(l)) return true;
  }
  return false;
}

function checkDocs(root, p, lines) {
  const r = { checked: 0, failed: [] };
  if (!p?.sibling) return r;
  const names = siblingNames(p, lines, root);
  for (const e of p.footprint ?? []) {
    if (e.source !== 'occurrence' || e.area !== 'docs' || !e.line) continue;
    const ls = lines(root, e.file);
    if (!ls || e.line > ls.length) continue;
    r.checked++;
    const blocks = blockLines(`${root}\0${e.file}`, e.file, ls);
    if (!names.some((n) => documents(ls, e.line, e.file, n, blocks)))
      r.failed.push(`docs by prose: ${e.file}:${e.line} ${ls[e.line - 1].trim().slice(0, 60)}`);
  }
  return r;
}

// ---- c: history --------------------------------------------------------------------------------------

function checkHistory(root, p, lines) {
  const r = { checked: 0, failed: [] };
  if (!p?.sibling) return r;
  const seen = new Set();
  for (const e of p.footprint ?? []) {
    if (e.source !== 'history') continue;
    // "changed `fn` here", at a line today: that line or one beside it (a decorator, a signature over two
    // lines) defines the name (kind f's rule, read on those lines only), not merely uses it.
    if (e.line && e.symbol) {
      const ls = lines(root, e.file);
      if (ls && e.line <= ls.length) {
        r.checked++;
        const near = ls.slice(Math.max(0, e.line - 2), e.line + 1).join('\n');
        if (!defines(near, e.symbol.split('.').pop()))
          r.failed.push(
            `history ${e.file}:${e.line} does not define ${e.symbol}: ${ls[e.line - 1].trim().slice(0, 60)}`,
          );
      }
    }
    const sha = /\b([0-9a-f]{7,40})\b/.exec(e.why ?? '')?.[1];
    if (!sha || seen.has(sha)) continue;
    seen.add(sha);
    r.checked++;
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
      r.failed.push(`history ${sha}: no such commit`);
      continue;
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
      forms.some((f) =>
        f === bare ? new RegExp(`(?<![\\w$-])${esc(f)}(?![\\w$-])`).test(d) : d.includes(f),
      );
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
    if (plus === 0) r.failed.push(`history ${sha} does not add ${p.sibling.name}`);
    else if (before === 0 && minus > 0)
      r.failed.push(
        `history ${sha}: ${p.sibling.name} was in its parent already and the commit removed it somewhere (moved)`,
      );
  }
  return r;
}

// ---- d: met ------------------------------------------------------------------------------------------

/** Which side the requirement puts the thing on, by its own words (our rule): cli, config, env, or any. */
export function sideOf(requirement, kind, name = '') {
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
  const ok = (p.evidence ?? []).some((e) => {
    const ls = lines(root, e.file);
    if (!ls || e.line > ls.length || areaOf(e.file) === 'docs' || areaOf(e.file) === 'changelog')
      return false;
    if (proseLines(`${root}\0${e.file}`, e.file, ls).has(e.line)) return false;
    return declares(ls, e.line, p.requested.name, side);
  });
  if (!ok)
    r.failed.push(
      `met, but no cited line declares ${p.requested.name} (${side}): ${(p.evidence ?? []).map((e) => `${e.file}:${e.line}`).join(', ') || 'no evidence'}`,
    );
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
export function checkSelection(root, cmd, read) {
  const a = splitArgs(cmd);
  const names = (files) =>
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
    });
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
  for (const cmd of commandsOf(o)) {
    const got = checkSelection(root, cmd, read);
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

/** Every wider check on one plan; `lines(root, file)` returns the file's lines or null. */
export function wideChecks(root, o, requirement, lines) {
  const p = o.plan?.precedent ?? null;
  return {
    a: checkUses(root, p, lines),
    b: checkDocs(root, p, lines),
    c: checkHistory(root, p, lines),
    d: checkMet(root, p, lines, requirement),
    e: checkSelections(root, o),
    f: checkSymbols(root, o, lines),
  };
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
  const plan = (precedent, phases = [], markdown = '') => ({ plan: { precedent, phases }, markdown });
  const cases = [
    // kind, plan, requirement, expected failures
    ['a', plan({ sibling, footprint: [fp('tool/cli.py', 10, 'read', 'code')] }), '', 1],
    ['a', plan({ sibling, footprint: [fp('tool/cli.py', 12, 'read', 'code')] }), '', 1],
    ['a', plan({ sibling, footprint: [fp('tool/cli.py', 13, 'read', 'code')] }), '', 1],
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
    [
      'a',
      plan({
        sibling,
        footprint: [fp('tool/cli.py', 5, 'registration', 'code'), fp('tool/cli.py', 11, 'read', 'code')],
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
    [
      'f',
      plan(null, [
        {
          steps: [
            {
              files_to_modify: [
                {
                  path: 'tool/cli.py',
                  edit_points: [{ symbol: 'parse_options', start_line: 3, end_line: 7 }],
                },
              ],
            },
          ],
        },
      ]),
      '',
      1,
    ],
    [
      'f',
      plan(null, [
        {
          steps: [
            {
              files_to_modify: [
                {
                  path: 'docs/usage.md',
                  edit_points: [{ symbol: 'Command line', start_line: 1, end_line: 3 }],
                },
              ],
            },
          ],
        },
      ]),
      '',
      1,
    ],
    [
      'f',
      plan(null, [
        {
          steps: [
            {
              files_to_modify: [
                {
                  path: 'tool/cli.py',
                  edit_points: [
                    { symbol: 'build', start_line: 3, end_line: 7 },
                    { symbol: 'run', start_line: 9, end_line: 13 },
                  ],
                },
                { path: 'docs/usage.md', edit_points: [{ symbol: 'Usage', start_line: 1, end_line: 10 }] },
              ],
            },
          ],
        },
      ]),
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
