// Mines feature requests from the history of real repositories: commits that added a command-line option, a
// flag or a configuration value. Each becomes two cases: the requirement asked at the commit's parent (the
// thing is new; gold: the commit's files and functions) and asked again at the commit itself (the thing
// exists; gold verdict "met", at the line that registers it). Nothing mined here is stored in the project:
// the cases go to a file outside it, and the requirement is the repository's own changelog line or commit
// subject, read at run time.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const GIT = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null'];

export function git(dir, args, opts = {}) {
  return execFileSync('git', [...GIT, '--git-dir', dir, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    stdio: ['ignore', 'pipe', 'ignore'],
    ...opts,
  });
}

/** Where a changed file belongs: code, test, docs or changelog. */
export function areaOf(path) {
  const p = path.toLowerCase();
  const base = p.split('/').pop();
  if (/^(changes|changelog|history|news|release[-_]?notes)(\.|$)/.test(base)) return 'changelog';
  if (/(^|\/)(changelog|changes|newsfragments|news|changelog\.d|\.changeset|\.changes|whatsnew)\//.test(p))
    return 'changelog';
  if (/(^|\/)(tests?|spec|__tests__|testing|testdata|fixtures)\//.test(p)) return 'test';
  if (/(^|\/)(test_[^/]*|[^/]*_test\.(py|go|rs)|[^/]*\.(test|spec)\.[cm]?[jt]sx?)$/.test(p)) return 'test';
  if (/(^|\/)(docs?|documentation|man|doc-src)\//.test(p)) return 'docs';
  if (/\.(md|rst|txt|adoc)$/.test(p) && !/requirements/.test(p)) return 'docs';
  return 'code';
}

// Lines that register an option, a flag or a config value, per ecosystem. Group 1 is the name.
const REGISTRATIONS = [
  [/add_argument\(\s*(?:["']-\w["']\s*,\s*)?["'](--[a-z][\w-]+)["']/, 'flag'],
  [/(?:click|cloup)\.option\(\s*(?:["']-\w["']\s*,\s*)?["'](--[a-z][\w-]+)/, 'flag'],
  [/add_option\(\s*(?:["']-\w["']\s*,\s*)?["'](--[a-z][\w-]+)["']/, 'flag'],
  [/addoption\(\s*(?:["']-\w["']\s*,\s*)?["'](--[a-z][\w-]+)["']/, 'flag'],
  [/addini\(\s*["']([a-z][\w-]+)["']/, 'config-value'],
  [/add_config_value\(\s*["']([a-z][\w]+)["']/, 'config-value'],
  [/\.option\(\s*["'](?:-\w,?\s*)?(--[a-z][\w-]+)/, 'flag'],
  [/\.options?\(\s*["']([a-z][\w-]{2,})["']\s*,\s*\{/, 'flag'],
  [/Flags\(\)\.\w+\(\s*(?:&[\w.]+\s*,\s*)?"([a-z][\w-]+)"/, 'flag'],
  [/^\s*Name:\s*"([a-z][\w-]{2,})",\s*$/, 'flag'],
  [/\.long\(\s*"([a-z][\w-]+)"\s*\)/, 'flag'],
  [/Arg::new\(\s*"([a-z][\w-]+)"\s*\)/, 'flag'],
  [/fn name_long\(&self\) -> &'static str\s*\{\s*"([a-z][\w-]+)"/, 'flag'],
  // An option table entry: ("name-with-dashes", { … }) on its own line (pylint and others).
  [/^\s*\(\s*["']([a-z][a-z0-9]+(?:-[a-z0-9]+)+)["']\s*,\s*(?:\{\s*)?$/, 'flag'],
  // Go: the standard `flag` package and kingpin/kong-style `.Flag("name", …)`.
  [
    /\bflag\.(?:Bool|String|Int|Int64|Uint|Uint64|Float64|Duration|Func|Var|TextVar|(?:Bool|String|Int|Int64|Uint|Uint64|Float64|Duration)Var)\(\s*(?:&[\w.]+\s*,\s*)?"([a-z][\w-]+)"/,
    'flag',
  ],
  [/\.Flag\(\s*"([a-z][\w-]+)"/, 'flag'],
  // Go: a config struct field with a yaml/toml/mapstructure/koanf tag.
  [
    /^\s*[A-Z]\w*\s+[\w.*[\]]+\s+`[^`]*\b(?:yaml|toml|mapstructure|koanf):"([a-zA-Z][\w-]{2,})[,"]/,
    'config-value',
  ],
  // Python: typer options declared in a parameter's default or Annotated metadata.
  [/\btyper\.Option\([^)]*?["'](--[a-z][\w-]+)["']/, 'flag'],
];

// clap/structopt derive: `#[arg(long)]` (or `clap`, `structopt`) above a field; the flag is `long = "…"`
// when given, else the field's name in kebab case. Returns the name, or null.
function deriveFlag(lines, i) {
  const m = /^\s*#\[(?:arg|clap|structopt)\((.*)\)\]\s*$/.exec(lines[i].text);
  if (!m || !/\blong\b/.test(m[1])) return null;
  const named = /\blong\s*=\s*"([a-z][\w-]+)"/.exec(m[1]);
  if (named) return `--${named[1]}`;
  for (const b of lines.slice(i + 1, i + 8)) {
    if (b.file !== lines[i].file) break;
    if (/^\s*(#\[|\/\/)/.test(b.text)) continue;
    const f = /^\s*(?:pub(?:\([^)]*\))?\s+)?([a-z][a-z0-9_]*)\s*:/.exec(b.text);
    return f ? `--${f[1].replace(/_/g, '-')}` : null;
  }
  return null;
}

const STOP = new Set([
  'enable',
  'disable',
  'with',
  'without',
  'show',
  'hide',
  'allow',
  'only',
  'from',
  'into',
  'file',
  'files',
]);

function cleanRequirement(text) {
  return text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // markdown links
    .replace(/\(\s*``_\s*\)|`_(?=\W|$)/g, '`') // reStructuredText link ends
    .replace(/:(?:pr|issue|user|bug|gh)::?`[^`]*`/g, '')
    .replace(/:[\w:]+:`~?([^`<]*?)\s*(?:<[^>]*>)?`/g, '`$1`')
    .replace(/\(\s*#\d+\s*\)|(?:[\w.-]+\/[\w.-]+)?#\d+|\bby @[\w-]+|@[\w-]+|\bGH-\d+/gi, '')
    .replace(/\bsee\s*\(\s*\)|\(\s*(?:fix(?:es|ed)?|closes?|see|refs?)?\s*\)/gi, '')
    .replace(/^[\s:;.-]+/, '')
    .replace(/^\s*[-*+]\s*/, '')
    .replace(/\s+/g, ' ')
    .replace(/[\s,;(]+$/, '')
    .replace(/[,;]?\s*\bsee\s*$/i, '')
    .replace(/^[\s:;.-]+/, '')
    .trim();
}

/** Every commit of `dir` (newest first) that adds one new option or config value, as a case. */
export function mineRepo(dir, { repo, limit = 6, maxFiles = 14, since = '2016-01-01' }) {
  const log = git(dir, [
    'log',
    '--no-merges',
    `--since=${since}`,
    '--format=%H%x09%P%x09%s',
    '-i',
    '-E',
    '--grep=(add|new|introduc|support|allow).*(option|flag|setting|config|argument|--)',
  ]);
  const cases = [];
  for (const line of log.split('\n')) {
    if (cases.length >= limit) break;
    const [sha, parents, subject] = line.split('\t');
    if (!sha || !parents || parents.includes(' ')) continue;
    const files = git(dir, ['diff-tree', '--no-commit-id', '--name-status', '-r', '-M', sha])
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => {
        const parts = l.split('\t');
        return { status: parts[0][0], path: parts.at(-1) };
      });
    if (files.length === 0 || files.length > maxFiles) continue;
    if (!files.some((f) => areaOf(f.path) === 'code')) continue;
    let diff;
    try {
      diff = git(dir, ['show', '--format=', '-U0', '--no-color', sha]);
    } catch {
      continue; // a snapshot may leave its largest blobs out: such a commit cannot be read whole
    }
    const added = [];
    let file = '';
    let newLine = 0;
    for (const d of diff.split('\n')) {
      if (d.startsWith('+++ ')) file = d.slice(6);
      else if (d.startsWith('@@')) newLine = Number(/\+(\d+)/.exec(d)?.[1] ?? 0);
      else if (d.startsWith('+')) {
        added.push({ file, line: newLine, text: d.slice(1) });
        newLine++;
      }
    }
    let found = null;
    for (const [i, a] of added.entries()) {
      if (areaOf(a.file) !== 'code' || /(^|\/)(examples?|samples?|benchmarks?)\/|^scripts\//.test(a.file))
        continue;
      // A registration often spans lines (`@click.option(` then the name on the next line): read a window.
      const next = added.slice(i + 1, i + 3).filter((b) => b.file === a.file);
      const window = [a.text, ...next.map((b) => b.text.trim())].join(' ');
      const derived = deriveFlag(added, i);
      if (derived) {
        found = { name: derived, kind: 'flag', file: a.file, line: a.line, field: true };
        break;
      }
      for (const [re, kind] of REGISTRATIONS) {
        const m = re.exec(/\($/.test(a.text.trim()) ? window : a.text);
        if (!m?.[1]) continue;
        found = { name: m[1], kind, file: a.file, line: a.line };
        break;
      }
      if (found) break;
    }
    if (!found) continue;
    // New for real: the name appears nowhere in the parent's tracked files.
    const bare = found.name.replace(/^--/, '');
    let before = '';
    // A derived flag is also spelled as its field (`no_ignore`): neither spelling may exist before.
    const forms = found.field ? [bare, bare.replace(/-/g, '_')] : [bare];
    try {
      before = git(dir, ['grep', '-F', '-w', '-l', ...forms.flatMap((f) => ['-e', f]), parents, '--']);
    } catch {
      before = '';
    }
    if (before.trim()) continue;
    // The requirement: the changelog line this commit added about it, else the subject if it names it.
    // The requirement is read from the release notes it was read from before `whatsnew/` counted as one
    // (pylint's towncrier fragments): the cases' texts stay those of earlier sessions, comparable.
    const log = added.filter(
      (a) => areaOf(a.file) === 'changelog' && !/(^|\/)whatsnew\//i.test(a.file) && a.text.includes(bare),
    );
    let requirement = log.length ? cleanRequirement(log[0].text) : '';
    if (requirement.length < 12 && subject.toLowerCase().includes(bare.replace(/[-_]/g, '').slice(0, 4)))
      requirement = cleanRequirement(subject);
    if (requirement.length < 12) requirement = cleanRequirement(subject);
    if (requirement.length < 12 || requirement.length > 400 || /^note\b/i.test(requirement)) continue;
    // The case must be about that name: one of its words (or the name itself) is in the requirement.
    const words = bare
      .toLowerCase()
      .split(/[-_]/)
      .filter((w) => w.length >= 4 && !STOP.has(w));
    const req = requirement.toLowerCase();
    if (!req.includes(bare.toLowerCase()) && !words.some((w) => req.includes(w))) continue;
    const functions = goldFunctions(dir, sha);
    cases.push({
      id: `${repo.replace('/', '__')}-${sha.slice(0, 10)}`,
      repo,
      commit: sha,
      parent: parents,
      requirement,
      requested: { name: found.name, kind: found.kind },
      registered_at: { file: found.file, line: found.line },
      gold_files: files.map((f) => ({ path: f.path, area: areaOf(f.path), added: f.status === 'A' })),
      gold_functions: functions,
    });
  }
  return cases;
}

/** The functions a commit changed, from the hunk headers of a language-aware diff. */
function goldFunctions(dir, sha) {
  const attrs = join(import.meta.dirname, 'precedent-diff.attributes');
  const out = git(dir, [
    '-c',
    `core.attributesFile=${attrs}`,
    '-c',
    'diff.js.xfuncname=^[ \\t]*((export[ \\t]+)?(async[ \\t]+)?(function\\*?[ \\t]+[A-Za-z_$][\\w$]*|(const|let|var)[ \\t]+[A-Za-z_$][\\w$]*[ \\t]*=|[A-Za-z_$][\\w$]*[ \\t]*\\([^)]*\\)[ \\t]*\\{|class[ \\t]+[A-Za-z_$][\\w$]*).*)$',
    'show',
    '--format=',
    '-U0',
    '--no-color',
    sha,
  ]);
  const names = new Set();
  let file = '';
  for (const d of out.split('\n')) {
    if (d.startsWith('+++ ')) file = d.slice(6);
    const m = /^@@[^@]*@@\s*(.*)$/.exec(d);
    if (!m?.[1] || areaOf(file) !== 'code') continue;
    const head = m[1];
    const n =
      /\b(?:def|fn|func(?:\s*\([^)]*\))?|function\*?|class|struct|impl|const|let|var)\s+([A-Za-z_$][\w$]*)/.exec(
        head,
      ) ?? /^\s*([A-Za-z_$][\w$]*)\s*\(/.exec(head);
    if (n?.[1] && n[1].length > 2) names.add(n[1]);
  }
  return [...names];
}

export function mirrorDir(mirrors, repo) {
  const d = join(mirrors, repo.replace('/', '+'), 'repo');
  return existsSync(d) ? d : null;
}
