/**
 * Catch-all passthroughs: code that hands a family of flags on to another program without declaring each
 * one. A requested `--flag` such a passthrough already accepts exists in part (it is forwarded; what its
 * declared neighbours have besides is the gap), so it is never designed again from scratch. Three forms:
 *
 * - prefix: an argument tested against a flag prefix (`arg.indexOf('--trace') === 0`, `startsWith`,
 *   `startswith`, `HasPrefix`, `starts_with`, a regular expression `^--(?:trace|inspect)`), the argument
 *   then added to a list (`push`, `unshift`, `append`, `insert`, `extend`), in a file that starts another
 *   program;
 * - list: the flag quoted in a list of quoted flags (two or more, on its line or the lines beside it) in a
 *   file that starts another program;
 * - catch-all: every unknown flag let through (commander `allowUnknownOption`/`passThroughOptions`,
 *   argparse `parse_known_args`, click `ignore_unknown_options`, clap `trailing_var_arg`/
 *   `allow_hyphen_values`, cobra `DisableFlagParsing`) in a file that starts a program the requirement
 *   names ("a flag for node": `process.execPath`, `spawn('node'`). Without that name nothing says where
 *   an unknown flag goes, so it accepts nothing in particular;
 * - after `--`: the arguments after a literal `--` handed on (the code looks for the `--` argument:
 *   `indexOf('--')`, `.index("--")`, `== "--"`, `'--' in argv`, yargs' `argv['--']` and `populate--`,
 *   cobra's `ArgsLenAtDash`), under the catch-all's rule: in a file that starts a program the requirement
 *   names. `--` passed to a program (`['log', '--', path]`) is no such test.
 *
 * Reads lines through the core's `TreeSearch` only; the project's own code (not tests, docs or examples).
 */
import type { Declaration } from './declaration.js';
import type { Requested } from './requested.js';
import { fileOf, type Hit, type TreeSearch } from './search.js';

export interface Passthrough {
  form: 'prefix' | 'list' | 'catch-all' | 'after-dash';
  file: string;
  line: number;
  text: string;
  /** What it accepts: the prefix (`--trace`), the flag itself (a list), or the program (catch-all). */
  accepts: string;
}

/** Calls that start another program, in the languages the extractors read. */
const STARTS =
  /\b(?:spawn|spawnSync|execFile|execFileSync|execa|fork|execvp?e?|Popen|subprocess\.\w+|os\.exec\w*|exec\.Command|Command::new|process\.execPath|execArgv|sys\.executable)\b/;
const ADDS = /\.(?:push|unshift|append|insert|extend|concat|splice)\s*\(|\+=|append\s*\(/;
const PREFIX_TESTS = [
  "indexOf('--",
  'indexOf("--',
  "startsWith('--",
  'startsWith("--',
  "startswith('--",
  'startswith("--',
  'HasPrefix(',
  'starts_with("--',
  '^--',
];
const CATCH_ALL = [
  'allowUnknownOption',
  'passThroughOptions',
  'parse_known_args',
  'parse_known_intermixed_args',
  'ignore_unknown_options',
  'trailing_var_arg',
  'allow_hyphen_values',
  'TrailingVarArg',
  'AllowHyphenValues',
  'DisableFlagParsing',
];
/** Lines that carry a literal `--` argument, and the forms that look for it (not pass it on). */
const DASH_NEEDLES = ["'--'", '"--"', 'ArgsLenAtDash', 'populate--'];
const DASH_TEST =
  /\b(?:indexOf|lastIndexOf|index|findIndex|includes|position)\s*\(\s*(['"])--\1|[=!]==?\s*(['"])--\2|(['"])--\3\s*(?:[=!]==?|in\b)|\[\s*(['"])--\4\s*\]|\bArgsLenAtDash\b|(['"])populate--\5|\bcase\s+(['"])--\6\s*:/;

/** Tests, docs, examples and scripts beside the project: they show flags, they do not forward them. */
const ASIDE =
  /(^|\/)(tests?|spec|__tests__|examples?|docs?|samples?|fixtures?|benchmarks?|bench)\/|\.(md|rst|txt|adoc|html?)$/;
const COMMENT = /^\s*(\/\/|#|\/\*|\*)/;
/** Programs a requirement may name, and how code starts them besides by name. */
const PROGRAM_CALLS: Record<string, RegExp> = {
  node: /process\.execPath|execArgv|NODE_OPTIONS|['"]node['"]/,
  python: /sys\.executable|['"]python3?['"]/,
};

/** The flag prefixes a line tests an argument against: `--trace` of `indexOf('--trace') === 0`. */
export function prefixesOf(line: string): string[] {
  const out: string[] = [];
  const call =
    /\b(?:indexOf|startsWith|startswith|HasPrefix|starts_with)\s*\(\s*(?:\w+\s*,\s*)?(['"`])(--[\w-]+)\1\s*\)(\s*===?\s*0|\s*!==?\s*-1)?/g;
  for (const m of line.matchAll(call)) {
    // `indexOf` answers where, not whether: only `=== 0` (or `0 ==` before it) tests a prefix.
    if (m[0].startsWith('indexOf') && !m[3] && !/\b0\s*===?\s*[\w.]*$/.test(line.slice(0, m.index))) continue;
    if (m[3] && /!=/.test(m[3])) continue;
    out.push(m[2]!);
  }
  // A regular expression anchored at `--`: `^--trace`, `^--(?:trace|inspect)`, `^--(trace|inspect)-?`.
  for (const m of line.matchAll(/\^--(?:\((?:\?:)?([\w|-]+)\)|([\w-]+))/g)) {
    if (m[1]) out.push(...m[1].split('|').map((a) => `--${a}`));
    else out.push(`--${m[2]}`);
  }
  // A prefix must name something: `--` alone or one letter is any flag, which says nothing.
  return out.filter((p) => /^--[a-z][\w]{2,}/i.test(p));
}

/**
 * The branch of the test at `line` (1-based) adds the argument to a list: on the test's own line after
 * it, or within the next three lines, before the next branch (`} else`, `elif`, `case`) begins.
 */
function handsOn(lines: string[], line: number): boolean {
  const own = lines[line - 1] ?? '';
  if (ADDS.test(own.slice(own.search(/\)\s*[{:]?|\)\s*\w/) + 1))) return true;
  for (const l of lines.slice(line, line + 3)) {
    if (/^\s*(?:\}|else\b|elif\b|case\b|default\b|except\b)/.test(l)) return false;
    if (ADDS.test(l)) return true;
  }
  return false;
}

/**
 * The list holding line `line` (1-based) is bound to a name (`NODE_FLAGS = [`, `= new Set([`, `= (`) whose
 * bracket stays open down to that line, and the file tests membership in it (`.includes(`, `.has(`, `in`).
 */
function membershipList(lines: string[], line: number, flag: string): boolean {
  const binding =
    /\b([A-Za-z_$][\w$]*)\s*(?::[^=]*)?=\s*(?:new\s+Set\s*\(\s*|frozenset\s*\(\s*|set\s*\(\s*)?[[({]/;
  for (let i = line - 1; i >= Math.max(0, line - 30); i--) {
    const m = binding.exec(lines[i]!);
    if (!m) continue;
    // From the list's opening bracket to the start of the flag's line (its own line: up to the flag).
    const from = m.index + m[0].length;
    const span =
      i === line - 1
        ? lines[i]!.slice(from, Math.max(from, lines[i]!.indexOf(flag) - 1))
        : [lines[i]!.slice(from), ...lines.slice(i + 1, line - 1)].join('\n');
    let depth = 1;
    for (const c of span.replace(/(['"`])(?:\\.|(?!\1).)*\1/g, '')) {
      if ('[({'.includes(c)) depth++;
      else if (')]}'.includes(c) && --depth === 0) return false;
    }
    const name = m[1]!.replace(/\$/g, '\\$');
    return new RegExp(
      `\\b${name}\\s*\\.\\s*(?:includes|has|indexOf|contains)\\s*\\(|\\bin\\s+${name}\\b`,
    ).test(lines.join('\n'));
  }
  return false;
}

const quotedFlags = (line: string) => [...line.matchAll(/(['"`])(--[\w-]+)\1/g)].map((m) => m[2]!);

/** The program the requirement names ("a flag for node") that the file's text starts, or undefined. */
function programNamed(text: string, requirement: string): string | undefined {
  const words = new Set(requirement.toLowerCase().match(/[a-z][\w.-]*/g) ?? []);
  return [...words].find(
    (w) =>
      w.length > 2 &&
      (PROGRAM_CALLS[w]?.test(text) ||
        text.split('\n').some((l) => STARTS.test(l) && new RegExp(`['"\`]${w}['"\`]`).test(l))),
  );
}

/** Flags a file of the project hands on to the program the requirement names (`forwardedFlags`). */
export interface Forwarded {
  program: string;
  file: string;
  /** The first line that hands a flag on. */
  line: number;
  flags: Set<string>;
  prefixes: string[];
}

/**
 * The program the requirement names and the flags the project hands on to it: in a file of the
 * project's own code that starts that program ("a flag for node": `spawn(process.execPath, …)`), the
 * flags of `case '--x':` labels or of comparisons (`flag === '--x'`) whose branch adds the argument to a
 * list, the prefixes of prefix tests that do (`--trace` of `arg.indexOf('--trace') === 0`), and the members of a named list the file tests
 * an argument against. The requested flag joins them: its siblings are the declared flags among them,
 * not the option beside it by position. Null when the requirement names no program such a file starts,
 * or the file hands on fewer than two flags.
 */
export function forwardedFlags(search: TreeSearch, requirement: string): Forwarded | null {
  const own = (file: string) => {
    const f = fileOf(search, file);
    return Boolean(f && f.role !== 'test' && !ASIDE.test(file));
  };
  const files = [
    ...new Set(
      search
        .lines(["case '--", 'case "--', "== '--", '== "--', ...PREFIX_TESTS], {
          maxPerFile: 1,
          maxTotal: 200,
        })
        .map((h) => h.file),
    ),
  ];
  for (const file of files) {
    const text = search.read(file) ?? '';
    if (!own(file) || !STARTS.test(text)) continue;
    const program = programNamed(text, requirement);
    if (!program) continue;
    const lines = text.split('\n');
    const flags = new Set<string>();
    const prefixes: string[] = [];
    let first = 0;
    const label = /^\s*case\s+(['"`])(--[\w-]+)\1\s*:/;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i]!;
      if (COMMENT.test(l)) continue;
      const m = label.exec(l);
      if (m) {
        // The labels of one group share its branch: past the labels, up to `break` or the next label.
        let j = i + 1;
        while (j < lines.length && label.test(lines[j]!)) j++;
        // The argument itself handed on (`args.unshift(arg)`, or its own flag written out), not another
        // flag the branch adds in its place (`args.push('--no-timeouts')`).
        const labels = lines.slice(i, j).map((x) => label.exec(x)![2]!);
        let adds = false;
        for (let k = j; k < Math.min(lines.length, j + 6); k++) {
          if (/^\s*(?:break\b|return\b|case\b|default\b)/.test(lines[k]!)) break;
          const arg =
            /\.(?:push|unshift|append|insert|extend|concat)\s*\(\s*(?:(['"`])(--[\w-]+)\1|([A-Za-z_$][\w$.]*)\s*\))/.exec(
              lines[k]!,
            );
          if (arg && (arg[3] || labels.includes(arg[2]!))) adds = true;
        }
        if (adds) {
          for (const f of labels) flags.add(f);
          first ||= i + 1;
        }
        i = j - 1;
        continue;
      }
      const pre = prefixesOf(l);
      // An argument compared with flags (`flag === '--inspect' || …`) whose branch hands it on.
      const equal = [...l.matchAll(/[^!<>]==?=?\s*(['"`])(--[\w-]+)\1/g)].map((x) => x[2]!);
      if ((pre.length || equal.length) && handsOn(lines, i + 1)) {
        prefixes.push(...pre);
        for (const f of equal) flags.add(f);
        first ||= i + 1;
        continue;
      }
      for (const f of quotedFlags(l))
        if (
          membershipList(lines, i + 1, f) &&
          !/\b(?:option|add_argument|addoption|Flag|flag|long|arg)\s*\(/i.test(l)
        ) {
          flags.add(f);
          first ||= i + 1;
        }
    }
    if (flags.size + prefixes.length >= 2) return { program, file, line: first, flags, prefixes };
  }
  return null;
}

/** The declared flag is one `f` hands on: one of its flags, or under one of its prefixes. */
export function isForwarded(f: Forwarded, d: Declaration): boolean {
  return [d.name, ...d.aliases].some((n) => f.flags.has(n) || f.prefixes.some((p) => n.startsWith(p)));
}

/**
 * The passthrough that accepts the requested flag, or null. `requirement` is read for the program a
 * catch-all hands flags to ("for node").
 */
export function passthroughFor(
  search: TreeSearch,
  requested: Requested | null,
  requirement: string,
): Passthrough | null {
  if (!requested?.named || !/^--[a-z]/i.test(requested.name)) return null;
  const name = requested.name;
  const own = (h: Hit) => {
    const f = fileOf(search, h.file);
    return Boolean(f && f.role !== 'test' && !ASIDE.test(h.file) && !COMMENT.test(h.text));
  };
  const starts = new Map<string, boolean>();
  const startsProgram = (file: string) => {
    if (!starts.has(file)) starts.set(file, STARTS.test(search.read(file) ?? ''));
    return starts.get(file)!;
  };
  const linesOf = (file: string) => (search.read(file) ?? '').split('\n');

  // Prefix: the test, then the argument added to a list within the next three lines.
  for (const h of search.lines(PREFIX_TESTS, { maxPerFile: 40, maxTotal: 400 })) {
    if (!own(h)) continue;
    const prefix = prefixesOf(h.text).find((p) => name.startsWith(p));
    if (!prefix || !startsProgram(h.file)) continue;
    if (!handsOn(linesOf(h.file), h.line)) continue;
    return { form: 'prefix', file: h.file, line: h.line, text: h.text.trim(), accepts: prefix };
  }

  // List: the flag quoted among other quoted flags, in a file that starts another program.
  for (const h of search.lines([`'${name}'`, `"${name}"`], { maxPerFile: 5, maxTotal: 100 })) {
    if (!own(h) || !startsProgram(h.file)) continue;
    if (!quotedFlags(h.text).includes(name)) continue;
    // A registration call (`.option('--x'`) is a declaration, which the extractors read; not a list.
    if (/\b(?:option|add_argument|addoption|Flag|flag|long|arg)\s*\(/i.test(h.text)) continue;
    const ls = linesOf(h.file);
    const beside = [ls[h.line - 2] ?? '', h.text, ls[h.line] ?? ''].flatMap(quotedFlags);
    if (beside.filter((f) => f !== name).length < 1) continue;
    // Not a `case '--x':` label: a switch is a hand-written parser, which the verdict reads itself.
    if (/^\s*case\b/.test(h.text)) continue;
    // A named list the code tests an argument against (`NODE_FLAGS.includes(flag)`, `flag in PASSED`), not
    // the arguments of a call (`["git", "--no-pager"]`): the project passing a flag is no passthrough.
    if (!membershipList(ls, h.line, name)) continue;
    return { form: 'list', file: h.file, line: h.line, text: h.text.trim(), accepts: name };
  }

  // Catch-all and after `--`: only toward a program the requirement names, started in the same file.
  const programOf = (file: string) => programNamed(search.read(file) ?? '', requirement);
  // A literal `--` is also passed to programs (`git log -- path`): more lines are read to find the test.
  for (const [form, needles, test, maxPerFile] of [
    ['catch-all', CATCH_ALL, null, 3],
    ['after-dash', DASH_NEEDLES, DASH_TEST, 20],
  ] as const) {
    for (const h of search.lines([...needles], { maxPerFile, maxTotal: maxPerFile * 16 })) {
      if (!own(h) || (test && !test.test(h.text)) || !startsProgram(h.file)) continue;
      const program = programOf(h.file);
      if (program) return { form, file: h.file, line: h.line, text: h.text.trim(), accepts: program };
    }
  }
  return null;
}

/**
 * The declared flag the same prefix passthrough also accepts (`--trace-deprecation` under `--trace`), the
 * longest shared start with the requested name first: what was done for it is the precedent. Null for
 * the other forms, or when no declared flag has the prefix.
 */
export function forwardedSibling(
  p: Passthrough,
  requested: Requested,
  declarations: Declaration[],
): Declaration | null {
  if (p.form !== 'prefix') return null;
  const shared = (a: string) => {
    let k = 0;
    while (k < a.length && a[k] === requested.name[k]) k++;
    return k;
  };
  const under = declarations.filter(
    (d) =>
      d.name.startsWith(p.accepts) && d.name !== requested.name && (d.kind === 'flag' || d.kind === 'option'),
  );
  return under.sort((a, b) => shared(b.name) - shared(a.name) || a.line - b.line)[0] ?? null;
}

/** The passthrough as the evidence a verdict cites: a declaration of the requested name at its line. */
export function asEvidence(requested: Requested, p: Passthrough): Declaration {
  return {
    name: requested.name,
    aliases: [],
    kind: requested.kind,
    via: `passthrough-${p.form}`,
    help: '',
    type: '',
    default: '',
    file: p.file,
    line: p.line,
    text: p.text,
  };
}

/** What a passthrough's verdict says it is: where it forwards the flag, and by which form. */
export function describe(name: string, p: Passthrough): string {
  const how =
    p.form === 'prefix'
      ? `every flag that starts with \`${p.accepts}\``
      : p.form === 'list'
        ? 'a list of flags'
        : p.form === 'after-dash'
          ? `every argument after \`--\` (toward ${p.accepts})`
          : `every unknown flag (toward ${p.accepts})`;
  return `\`${name}\` is already handed on to another program by ${how} at ${p.file}:${p.line}`;
}
