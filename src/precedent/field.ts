/**
 * A field of the requested name that the code already has: a struct field (`pub quiet_empty: bool` in
 * `struct Config`), a Go struct field (`QuietEmpty bool`), a TypeScript interface or class property
 * (`quietEmpty?: boolean`), a Python class attribute (`quiet_empty: bool = False` in a dataclass) or
 * instance attribute (`self.quiet_empty = …` in a method). When nothing declares the requested option,
 * setting or variable but such a field exists, the request is partly met: the field is there (and perhaps
 * read where it takes effect); what is missing is the option, setting or variable that sets it. The plan
 * then registers that and sets the existing field; it adds no field of its own.
 *
 * Only names of two words or more (`quiet` alone is a word of every program), only declarations (never a
 * read, a keyword argument or a word in prose), only in the project's own code (not tests, docs, examples
 * or scripts), and only a field of a struct or class that the code declaring the requested side's options
 * builds or reads (its name is written in one of those files): a field of the same name in an unrelated
 * module is no part of the request.
 */
import { esc } from './code-shape.js';
import type { Declaration } from './declaration.js';
import { inSourceTest } from './footprint.js';
import { stringLines } from './lines.js';
import type { Hit, TreeSearch } from './search.js';
import { contains, fileOf } from './search.js';
import { HOLDER, keyOf, wordsOf } from './words.js';

export interface ExistingField {
  /** The field as the code spells it: `quiet_empty`, `QuietEmpty`, `quietEmpty`. */
  name: string;
  /** The struct, class or interface that declares it. */
  container: string;
  /** `field` (a struct, interface or class-body declaration) or `attribute` (assigned on `self`). */
  form: 'field' | 'attribute';
  file: string;
  line: number;
  text: string;
  /** Where the project's own code reads it (at most three), outside tests. */
  reads: Hit[];
  /** Whether the container is read from configuration (`#[derive(Deserialize)]`, Go `toml:"…"` tags). */
  deserialized: boolean;
  /** The container's other members: name, line and text. */
  members: Hit[];
  /** The option files that name the container (or declare the field): where the option goes. */
  builtIn: string[];
}

/** Folders of code that shows or drives the project rather than being it. */
const ASIDE =
  /(^|\/)(examples?|docs?|doc_src|samples?|scripts?|tools|benchmarks?|bench|testing|fixtures?|tests?|test_?utils?|extern|vendor(?:ed)?|third[_-]party)\//;
const LANGUAGES = new Set(['Rust', 'Go', 'TypeScript', 'JavaScript', 'Python']);
/** A TypeScript declaration file (`index.d.ts`, typings): it describes the API, never where a value is stored. */
const DECLARATION_FILE = /\.d\.[cm]?ts$/;
/** A Python class whose body lists values, not settings: an enum (`class Stage(Enum)`, `IntFlag`, a project's `…Enum`). */
const ENUM_CLASS = /^\s*class\s+\w+\s*\([^)]*\b(?:\w*Enum|Flag|IntFlag)\b/;
/**
 * A member that is a constant, not a setting: Python's `Final` or `ClassVar` (no instance field), a
 * TypeScript `static readonly` or a value frozen `as const`.
 */
const CONSTANT =
  /^\s*[A-Za-z_]\w*\s*:\s*(?:typing\.)?(?:Final|ClassVar)\b|^\s*(?:(?:public|private|protected|declare|override)\s+)*(?:static\s+readonly|readonly\s+static)\s|\bas\s+const\s*;?\s*$/;
const MAX_READS = 3;

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);

/** The identifier spellings a field of these words may have: snake, lower camel, Pascal. */
export function fieldSpellings(words: string[]): string[] {
  if (words.length < 2) return [];
  const [first, ...rest] = words;
  return [...new Set([words.join('_'), first! + rest.map(cap).join(''), words.map(cap).join('')])];
}

/** Strings and line comments blanked (same length), so braces inside them do not count. */
function masked(text: string, language: string): string {
  const str =
    language === 'Rust'
      ? /"(?:[^"\\]|\\[\s\S])*"|'(?:[^'\\\n]|\\.)'|\/\/[^\n]*/g
      : /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\[\s\S])*`|\/\/[^\n]*/g;
  return text.replace(str, (m) => m.replace(/[^\n]/g, ' '));
}

/** The header of the block that encloses offset `at` of a brace language (the text before its `{`), or null. */
function enclosingHeader(mask: string, at: number): { header: string; open: number } | null {
  let depth = 0;
  for (let k = at - 1; k >= 0; k--) {
    const c = mask[k]!;
    if (c === '}') depth++;
    else if (c === '{') {
      if (depth === 0) {
        const from = Math.max(
          mask.lastIndexOf(';', k - 1),
          mask.lastIndexOf('}', k - 1),
          mask.lastIndexOf('{', k - 1),
        );
        return {
          header: mask
            .slice(from + 1, k)
            .replace(/\s+/g, ' ')
            .trim(),
          open: k,
        };
      }
      depth--;
    }
  }
  return null;
}

/** The container a brace language's header declares a struct, interface or class of, or null. */
function braceContainer(header: string, language: string): string | null {
  const h = header.replace(/#\[[^\]]*\]/g, ' ').trim();
  if (language === 'Rust') return /\bstruct\s+([A-Za-z_]\w*)/.exec(h)?.[1] ?? null;
  if (language === 'Go') return /\btype\s+([A-Za-z_]\w*)\s+struct$/.exec(h)?.[1] ?? null;
  return (
    /\b(?:interface|class)\s+([A-Za-z_$][\w$]*)/.exec(h)?.[1] ??
    /\btype\s+([A-Za-z_$][\w$]*)(?:<[^>]*>)?\s*=$/.exec(h)?.[1] ??
    null
  );
}

/** Whether a hit line declares `name` as a member, in the form its language writes one. */
export function declares(line: string, name: string, language: string): 'field' | 'attribute' | null {
  const t = line.trim();
  const n = esc(name);
  if (language === 'Rust')
    return new RegExp(`^(?:pub(?:\\([^)]*\\))?\\s+)?${n}\\s*:(?!:)\\s*[^=\\s]`).test(t) ? 'field' : null;
  if (language === 'Go')
    return new RegExp(`^${n}\\s+[*\\[\\]A-Za-z_.]`).test(t) && !/[:=]=?\s/.test(t.split('`')[0]!)
      ? 'field'
      : null;
  if (language === 'Python') {
    if (new RegExp(`^(?:self|cls)\\.${n}\\s*(?::[^=]+)?=(?!=)`).test(t)) return 'attribute';
    return new RegExp(`^${n}\\s*(?::\\s*[^=\\s][^=]*(?:=(?!=).*)?|=(?!=).+)$`).test(t) ? 'field' : null;
  }
  return new RegExp(
    `^(?:(?:public|private|protected|readonly|static|declare|override)\\s+)*#?${n}[?!]?\\s*(?::\\s*[^=\\s]|=(?![=>]))`,
  ).test(t)
    ? 'field'
    : null;
}

const indentOf = (s: string) => /^[ \t]*/.exec(s)![0].replace(/\t/g, '    ').length;

/**
 * The Python class a line belongs to: a class-body line (`form` field) lies directly in `class X:`; an
 * attribute (`self.x = …`) lies in a method, directly in a class.
 */
function pythonContainer(
  lines: string[],
  i: number,
  form: 'field' | 'attribute',
  strings: Set<number>,
): { name: string; line: number } | null {
  let want = indentOf(lines[i]!);
  let seenDef = form === 'field';
  for (let k = i - 1; k >= 0; k--) {
    const l = lines[k]!;
    if (!l.trim() || strings.has(k + 1) || /^\s*[#@)\]]/.test(l)) continue;
    const ind = indentOf(l);
    if (ind >= want) continue;
    const head = /^\s*(?:async\s+)?(def|class)\s+([A-Za-z_]\w*)/.exec(l);
    if (!head) {
      if (!seenDef) continue; // an `if`, `for` or `with` block inside the method
      return null;
    }
    if (head[1] === 'class') return seenDef ? { name: head[2]!, line: k } : null;
    if (seenDef) return null; // a field inside a function is a local
    seenDef = true;
    want = ind;
  }
  return null;
}

/**
 * Whether the Python attribute set on line `i` (0-based) takes its value from a parameter of the
 * constructor it is set in (`self.skip = skip`, `self.names = set(names)`): a caller configures it. One set
 * in another method (`self.current = module.file` while linting) is the work's state.
 */
function fromParameter(lines: string[], i: number): boolean {
  const rhs = /=(?!=)\s*(.*)$/.exec(lines[i]!)?.[1] ?? '';
  const ind = indentOf(lines[i]!);
  for (let k = i - 1; k >= 0; k--) {
    const l = lines[k]!;
    if (!l.trim() || indentOf(l) >= ind) continue;
    if (!/^\s*(?:async\s+)?def\s/.test(l)) continue;
    // The constructor's parameters are what a caller configures; another method's are the work it does.
    if (!/^\s*def\s+__init__\s*\(/.test(l)) return false;
    // The signature, to its closing `):` (a few lines at most).
    let sig = '';
    for (let j = k; j < lines.length && j < k + 12; j++) {
      sig += ` ${lines[j]!}`;
      if (/\)\s*(?:->[^:]*)?:\s*(?:#.*)?$/.test(lines[j]!)) break;
    }
    const params = (/\(([\s\S]*)\)/.exec(sig)?.[1] ?? '')
      .split(',')
      .map((x) => /^\s*\**([A-Za-z_]\w*)/.exec(x)?.[1] ?? '')
      .filter((x) => x && x !== 'self' && x !== 'cls');
    return params.some((x) => new RegExp(`(?<![\\w.])${x}(?!\\w)`).test(rhs));
  }
  return false;
}

export interface FieldContext {
  /** Files whose code declares options of the requested side, or reads the sibling. */
  optionFiles: string[];
  /** The options declared on the requested side: one that already sets the field leaves nothing missing. */
  options?: Array<{ name: string; aliases: string[] }>;
}

/**
 * Whether an expression reads one of the declared options: its name quoted, or its dest as a word. `strict`
 * (a block's header, where a loop binds its own names): a one-word dest only as an attribute of what holds
 * the options (`args.all`, `self.config.theme`; not `node.type`).
 */
function readsOption(
  expr: string,
  options: Array<{ name: string; aliases: string[] }>,
  strict = false,
): boolean {
  return options.some((o) =>
    [o.name, ...o.aliases].some((raw) => {
      const bare = raw.replace(/^-+/, '');
      if (bare.length < 2) return false;
      // Quoted, as an attribute (`args.x`), or as the parameter a library hands the function
      // (click's `def main(skip_x)`): the dest spelled as a whole word.
      const dest = esc(bare.replace(/-/g, '_'));
      const word = strict && !dest.includes('_') ? `${HOLDER}\\.${dest}` : `(?<![\\w$'"\`-])${dest}`;
      return (
        new RegExp(`(['"\`])(?:--)?${esc(bare)}\\1`).test(expr) || new RegExp(`${word}(?![\\w$(])`).test(expr)
      );
    }),
  );
}

/**
 * The expression that starts on line `i` (0-based) with `from`: up to a `,` or `;` at its own depth, a
 * bracket that closes the call around it, or a line end no operator or chained call carries on (8 lines
 * at most).
 */
function expressionFrom(lines: string[], i: number, from: string): string {
  let expr = '';
  let depth = 0;
  for (let k = i; k < lines.length && k < i + 8; k++) {
    const part = k === i ? from : lines[k]!;
    let end = part.length;
    const masked = part.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'/g, (q) => ' '.repeat(q.length));
    for (let c = 0; c < masked.length; c++) {
      const ch = masked[c]!;
      if ('([{'.includes(ch)) depth++;
      else if (')]}'.includes(ch) && --depth < 0) end = c;
      else if ((ch === ',' || ch === ';') && depth === 0) end = c;
      if (end < masked.length) break;
    }
    expr += ` ${part.slice(0, end).trim()}`;
    if (end < part.length) break;
    if (depth <= 0 && !/[.(|&+\-?:=\\]\s*$/.test(part) && !/^\s*[.|&?]/.test(lines[k + 1] ?? '')) break;
  }
  return expr.trim();
}

/** A method that fills a collection in place: `.push(…)`, `.insert(…)`, `.extend(…)`, `.append(…)`, `.add(…)`. */
const FILLS =
  'push|push_str|push_back|insert|extend|extend_from_slice|append|appendleft|add|add_all|update|setdefault|put|concat';

/**
 * Whether line `i` (0-based) sets `name` from one of the declared options (`ignore_hidden:
 * !m.is_present("hidden")`, `self.skip = args.skip_dirs`, `Walker(skip_dirs=opts.skip_dirs)`), in the
 * expression written there (over the lines it spans) or in a local it names that was bound from one above,
 * two hops at most (`let width = m.get_one("terminal-width")` … `term_width: width`). Any write counts, not
 * only the initialiser: a collection filled later (`cfg.skip_dirs.push(…)`, `.extend(`, `.append(`, `+=`), a
 * builder method of the field's name (`.skip_dirs(…)`), and a write under a guard, a `match` arm or a loop
 * that reads the option (`if args.all { cfg.skip_dirs = … }`, `"all" => …`, `for d in args.dirs:`). The
 * field is then that option's carrier: the request is another name for it, not a missing option.
 */
export function setByOption(
  lines: string[],
  i: number,
  name: string,
  options: Array<{ name: string; aliases: string[] }>,
): boolean {
  // A struct literal's or object's `name: …` (or Rust's shorthand `name,`: the local of that name), an
  // attribute's `.name = …`, a keyword argument's `name=…`, a settings key's `'name': …` or `["name"] = …`;
  // never a local of the same name (`name = …`).
  const line = lines[i] ?? '';
  const n = esc(name);
  const m = new RegExp(
    `(?:(?:^|[\\s(,{])${n}\\s*:(?!:)|\\.${n}\\s*=(?![=>])|(?:[(,]\\s*|^\\s*)${n}=(?![=>])|(['"])${n}\\1\\s*(?::|\\]\\s*=(?![=>])))\\s*(.+)$`,
  ).exec(line);
  // A write after the initialiser: filled in place, added to, or set through a builder method.
  // A setter of its name (`.with_x(…)`, `.setX(…)`), and a write to a member of it (`.x.min = …`).
  const setter = `\\.(?:(?:with|set)_${n}|(?:with|set|With|Set)${esc(cap(name))})\\s*\\(\\s*(.*)$`;
  const later =
    !m &&
    (laterWrite(line, `\\.${n}`, true) ??
      new RegExp(setter).exec(line) ??
      new RegExp(`\\.${n}(?:\\.\\w+|\\[[^\\]]*\\])+\\s*=(?![=>])\\s*(.*)$`).exec(line));
  const shorthand = !m && !later && new RegExp(`^\\s*${n},?\\s*$`).test(line);
  // One of several targets a tuple is assigned to (`(o.x, o.y) = match m.get_one("z") { … }`).
  const tuple = !m && !later && !shorthand && tupleValue(lines, i, n);
  if (tuple) return carriesOption(lines, i, tuple, options, 2, name);
  if (!m && !later && !shorthand) return false;
  // What a later write adds is often a loop's own variable (`for path in paths: self.seen.add(path)`): a
  // one-word dest counts there only as an attribute.
  if (later) return laterFromOption(lines, i, later, options, 2, name);
  if (carriesOption(lines, i, m ? expressionFrom(lines, i, m[2]!) : name, options, 2, name)) return true;
  // The write's own arm (`Some("all") => cfg.x = …`) and the blocks around it.
  const before = line.slice(0, m?.index ?? 0);
  return guards(lines, i, before).some((g) => carriesOption(lines, i, g, options, 1, name, true));
}

/**
 * The value a tuple assignment gives when line `i` (0-based) writes `.name` as one of its targets: on the
 * line (`self.x, self.y = …`) or below it, where the tuple closes (`) = …`, six lines at most).
 */
function tupleValue(lines: string[], i: number, n: string): string | null {
  const line = lines[i]!;
  const one = new RegExp(`\\.${n}\\s*,[^=()]*\\)?\\s*=(?![=>])\\s*(.+)$`).exec(line);
  if (one) return expressionFrom(lines, i, one[1]!);
  if (!new RegExp(`^\\s*\\(?\\s*[\\w.]*\\.${n}\\s*,?\\s*$`).test(line)) return null;
  for (let k = i + 1; k < lines.length && k <= i + 6; k++) {
    const close = /^\s*\)\s*=(?![=>])\s*(.+)$/.exec(lines[k]!);
    if (close) return expressionFrom(lines, k, close[1]!);
    if (!/^\s*[\w.]+\s*,?\s*$/.test(lines[k]!)) return null;
  }
  return null;
}

/** A write to `target` after its initialiser on `line`: filled in place, added to, or a builder of its name. */
function laterWrite(line: string, target: string, builder: boolean): RegExpExecArray | null {
  return new RegExp(
    `${target}\\s*(?:\\.\\s*(?:${FILLS})\\s*\\(|${builder ? '\\(|' : ''}[-+|&]=(?!=))\\s*(.*)$`,
  ).exec(line);
}

/**
 * Whether a later write on line `i` (0-based) fills `target` from an option: what it adds reads one (a one-word
 * dest only as an attribute), or a guard, arm or loop around it does.
 */
function laterFromOption(
  lines: string[],
  i: number,
  w: RegExpExecArray,
  options: Array<{ name: string; aliases: string[] }>,
  hops: number,
  self: string,
): boolean {
  if (carriesOption(lines, i, expressionFrom(lines, i, w[1]!), options, hops, self, true)) return true;
  const before = lines[i]!.slice(0, w.index);
  return guards(lines, i, before).some((g) => carriesOption(lines, i, g, options, 1, self, true));
}

/** A line that opens a function, class or impl: the guards of a write stop there. */
const SCOPE =
  /^\s*(?:(?:pub(?:\([^)]*\))?|async|export|static|private|public)\s+)*(?:fn|def|func|function|class|impl)\b/;

/**
 * What decides whether line `i` (0-based) runs: the text before its write (a `match` arm's pattern), then
 * the headers of the blocks around it (`if`, `elif`, `else if`, `match`, `switch`, `case`, `for`, a `=>`
 * arm), innermost first, up to the function that holds it (three at most, within 30 lines).
 */
function guards(lines: string[], i: number, before: string): string[] {
  const out = /=>|\b(?:if|match|case|for|when)\b/.test(before) ? [before] : [];
  let want = indentOf(lines[i]!);
  let level = false;
  for (let k = i - 1; k >= 0 && k >= i - 30 && out.length < 3; k--) {
    const l = lines[k]!;
    if (!l.trim()) continue;
    const ind = indentOf(l);
    if (ind > want || (ind === want && !level)) continue;
    if (SCOPE.test(l)) break;
    const t = l.trim();
    if (!/^(?:\}\s*)?(?:if|elif|else|match|switch|case|for|while|when)\b|=>\s*\{?\s*$/.test(t)) {
      // A block that always runs (`try:`, `with …:`, `loop {`) is passed; another (a closure, a literal)
      // holds the write for its own reasons.
      if (ind < want && !/^(?:try|with|loop|unsafe|do|finally)\b|^\{$/.test(t)) break;
      if (ind < want) want = ind;
      continue;
    }
    out.push(t);
    // An `else`, `elif` or `case` goes on at its own level: the `if` or `switch` above it decides too.
    level = /^(?:\}\s*)?(?:elif|else|case)\b/.test(t);
    want = ind;
  }
  return out;
}

/**
 * Whether an expression written on line `i` reads an option, itself or through the locals it names, each
 * followed to its binding in the 200 lines above (`hops` deep).
 */
function carriesOption(
  lines: string[],
  i: number,
  expr: string,
  options: Array<{ name: string; aliases: string[] }>,
  hops: number,
  self: string,
  strict = false,
): boolean {
  if (readsOption(expr, options, strict)) return true;
  if (!hops) return false;
  for (const local of new Set(expr.match(/(?<![\w.$])[a-z_][\w]*(?![\w(])/g) ?? [])) {
    if (local.length < 3 || (local === self && expr !== self)) continue;
    const bind = new RegExp(
      `^\\s*(?:let\\s+(?:mut\\s+)?|const\\s+|var\\s+)?${esc(local)}\\s*(?::[^=]*)?:?=(?!=)\\s*(.*)$`,
    );
    for (let k = i - 1; k >= 0 && k >= i - 200; k--) {
      const b = bind.exec(lines[k]!);
      if (b) {
        if (carriesOption(lines, k, expressionFrom(lines, k, b[1]!), options, hops - 1, local)) return true;
        // Filled after its binding (`let mut v = Vec::new(); … v.push(…)`) from an option.
        for (let j = k + 1; j < i; j++) {
          const w = laterWrite(lines[j]!, `(?<![\\w.$])${esc(local)}`, false);
          if (w && laterFromOption(lines, j, w, options, hops - 1, local)) return true;
        }
        break;
      }
    }
  }
  // Computed by a function of the same file from the options (`let t = time_filters(&opts)`).
  for (const call of new Set([...expr.matchAll(/(?<![\w.$:])([a-z_]\w*)\s*\(/g)].map((c) => c[1]!))) {
    const body = functionBody(lines, call);
    if (body && readsOption(body, options, true)) return true;
  }
  return false;
}

/** The text of the function `name` that `lines` define (80 lines at most), or null. */
function functionBody(lines: string[], name: string): string | null {
  const def = new RegExp(
    `^\\s*(?:(?:pub(?:\\([^)]*\\))?|async|export|static|private|public)\\s+)*(?:fn|def|func|function)\\s+${esc(name)}\\b`,
  );
  const at = lines.findIndex((l) => def.test(l));
  if (at < 0) return null;
  const ind = indentOf(lines[at]!);
  const out: string[] = [];
  for (let k = at + 1; k < lines.length && k < at + 80; k++) {
    const l = lines[k]!;
    if (l.trim() && indentOf(l) <= ind && !/^\s*[)\]}]/.test(l)) break;
    out.push(l);
    if (l.trim() && indentOf(l) === ind) break;
  }
  return out.join('\n');
}

/**
 * A type whose value changes while the program runs — interior mutability, a lazy or once cell, a lock, an
 * atomic, a channel, a thread's handle: the work's state, never what an option sets.
 */
const STATE_TYPE =
  /\b(?:Cell|RefCell|UnsafeCell|OnceCell|OnceLock|LazyLock|LazyCell|Mutex|RwLock|RWMutex|Condvar|WaitGroup|JoinHandle|Receiver|Sender|Atomic[A-Z]?\w*)\b|\batomic\.\w+|\bsync\.\w+|\bchan\b|\bthreading\.\w+/;

/** A function that builds its object: its writes are the initialiser, not the work. */
const BUILDS = /^(?:__init__|__post_init__|__new__|new|new_\w+|constructor|default|New\w*)$/;

/** A method's header and what it is called, with the line it opens on (0-based): `fn`, `def`, `func`, `function`, a class method. */
const FUNCTION_HEAD =
  /^\s*(?:(?:pub(?:\([^)]*\))?|async|export|static|private|public|protected|override|const|unsafe|readonly)\s+)*(?:(?:fn|def|function)\s+([A-Za-z_$][\w$]*)|func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)|(?!(?:if|for|while|switch|catch|with|return|match|else)\b)#?([A-Za-z_$][\w$]*)\s*\()/;

interface Around {
  name: string;
  line: number;
  /** The parameters' names, the receiver (`self`, `this`) left out. */
  params: string[];
  /** Go: the receiver's name (`s` in `func (s *T) …`). */
  receiver: string;
  /** How many code lines its body holds (12 at most counted). */
  body: number;
  /** The struct, class or type whose method it is (Rust's `impl T`, a class, Go's receiver type), or ''. */
  owner: string;
}

/** The function or method line `i` (0-based) lies in: the nearest header above it indented less, or null. */
function functionAround(lines: string[], i: number): Around | null {
  let want = indentOf(lines[i]!);
  for (let k = i - 1; k >= 0 && k >= i - 400; k--) {
    const l = lines[k]!;
    if (!l.trim() || indentOf(l) >= want) continue;
    want = indentOf(l);
    if (/^\s*(?:class|struct|impl|interface|type|enum|trait|mod)\b/.test(l)) return null;
    const head = FUNCTION_HEAD.exec(l);
    // A class method's header written without a keyword opens a block on its own line.
    if (!head || (head[3] && !/\)\s*(?::[^{]*)?\{\s*$/.test(l))) continue;
    let sig = '';
    for (let j = k; j < lines.length && j < k + 12; j++) {
      sig += ` ${lines[j]!}`;
      if (/\)\s*(?:->[^:{]*|:[^{]*|[\w.*[\]<>, ]*)?\s*[:{]\s*(?:#.*|\/\/.*)?$/.test(lines[j]!)) break;
    }
    const receiver = /^\s*func\s+\(\s*([A-Za-z_]\w*)\s/.exec(l)?.[1] ?? '';
    const open = receiver ? sig.indexOf('(', sig.indexOf(')') + 1) : sig.indexOf('(');
    let depth = 0;
    let inner = '';
    for (let c = open; c >= 0 && c < sig.length; c++) {
      const ch = sig[c]!;
      if ('([{<'.includes(ch)) depth++;
      else if (')]}>'.includes(ch) && --depth === 0) break;
      if (c > open) inner += depth === 1 && ch === ',' ? '\u0000' : ch;
    }
    const params = inner
      .split('\u0000')
      .map((x) => /^\s*(?:&\s*)?(?:mut\s+)?\**([A-Za-z_$][\w$]*)/.exec(x)?.[1] ?? '')
      .filter((x) => x && !/^(?:self|cls|this|mut)$/.test(x));
    let body = 0;
    for (let j = k + 1; j < lines.length && body < 12; j++) {
      const b = lines[j]!;
      if (b.trim() && indentOf(b) <= indentOf(l)) break;
      if (b.trim() && !/^\s*(?:#|\/\/|\/\*|\*|[)\]}])/.test(b)) body++;
    }
    const goType = /^\s*func\s+\(\s*\w+\s+\*?\s*([A-Za-z_]\w*)/.exec(l)?.[1];
    return {
      name: head[1] ?? head[2] ?? head[3]!,
      line: k,
      params,
      receiver,
      body,
      owner: goType ?? ownerOf(lines, k),
    };
  }
  return null;
}

/** The class or `impl` block line `k` (0-based) lies directly in, by its name, or ''. */
function ownerOf(lines: string[], k: number): string {
  let want = indentOf(lines[k]!);
  for (let j = k - 1; j >= 0; j--) {
    const l = lines[j]!;
    if (!l.trim() || indentOf(l) >= want) continue;
    want = indentOf(l);
    const m =
      /^\s*impl\b(?:<[^>]*>)?\s+(?:[\w:]+(?:<[^>]*>)?\s+for\s+)?(?:[\w]+::)*([A-Za-z_]\w*)/.exec(l) ??
      /^\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/.exec(l);
    if (m) return m[1]!;
    if (want === 0) return '';
  }
  return '';
}

/** A method that changes a collection or a cell in place (beside `FILLS`). */
const CHANGES = `${FILLS}|clear|remove|pop|popleft|discard|truncate|retain|drain|store|swap|take|get_or_insert\\w*|fetch_\\w+`;

/**
 * Whether the existing field is the work's state rather than a setting (the field an option would set), or
 * set by an option through a method of its container. A setting is built once — in its initialiser, a
 * constructor, a builder or a setter that stores what it is given — and read to decide. The work's state is
 * counted up (`.errors_seen += 1`), changed in place by the object's own methods with what the work finds
 * (`self.seen_paths.insert(p)` where the method is not handed it, or is handed it by callers that read no
 * option), assigned by those methods a value of their own (`self.cached_width = w`), or of a type that
 * changes while the program runs (`RefCell`, `OnceLock`, `Mutex`, `AtomicBool`, Go's `sync.…`, a `chan`).
 * A container's method that stores its parameters in the field (`fn insert(&mut self, from, to) {
 * self.mappings.push(…) }`) is followed to its calls on that container: one whose arguments, or the guards
 * around it, read an option makes the field that option's (`'option'`).
 */
export function fieldRole(
  search: TreeSearch,
  field: Pick<ExistingField, 'name' | 'container' | 'file' | 'line' | 'text'>,
  hits: Hit[],
  own: (file: string) => boolean,
  options: Array<{ name: string; aliases: string[] }>,
): 'state' | 'option' | null {
  const n = esc(field.name);
  const type = field.text
    .replace(/\s(?:#|\/\/).*$/, '')
    .slice(field.text.indexOf(field.name) + field.name.length);
  if (STATE_TYPE.test(type)) return 'state';
  const counted = new RegExp(
    `\\.${n}\\s*(?:[-+]=(?!=)|\\+\\+|--)|\\.${n}\\s*\\.\\s*fetch_(?:add|sub)\\s*\\(`,
  );
  const changed = new RegExp(`\\.${n}\\s*\\.\\s*(?:${CHANGES})\\s*\\(\\s*(.*)$`);
  const assigned = new RegExp(`\\.${n}(?:\\[[^\\]]*\\])?\\s*=(?![=>])\\s*(.*)$`);
  const followed = new Set<string>();
  let state = false;
  for (const h of hits) {
    if (!own(h.file) || (h.file === field.file && h.line === field.line)) continue;
    if (/^\s*(?:#|\/\/|\/\*|\*)/.test(h.text) || inSourceTest(search, h.file, h.line)) continue;
    const lines = (search.read(h.file) ?? '').split('\n');
    const line = lines[h.line - 1] ?? '';
    if (counted.test(line)) {
      // Counted on its own object, only in a method of the container (another struct's namesake is not it).
      const by = functionAround(lines, h.line - 1);
      const self = by?.receiver ? esc(by.receiver) : '(?:self|this|cls)';
      if (!new RegExp(`(?<![\\w$.])${self}\\.${n}\\b`).test(line) || by?.owner === field.container)
        return 'state';
      continue;
    }
    const filled = changed.exec(line);
    const w = filled ?? assigned.exec(line);
    const lent = new RegExp(`&\\s*mut\\s+[\\w.]*\\.${n}\\b`).test(line);
    if (!w && !lent) continue;
    const fn = functionAround(lines, h.line - 1);
    // Only a method of the container itself: another struct's field of the same name is another field.
    if (!fn || BUILDS.test(fn.name) || fn.owner !== field.container) continue;
    // Only the object's own method: a write on another object (a config being built) is the builder's.
    const self = fn.receiver ? esc(fn.receiver) : '(?:self|this|cls)';
    if (!new RegExp(`(?<![\\w$.])${self}\\.${n}\\b`).test(line)) continue;
    // Lent out to be changed by the work (`buf.append(&mut self.first_line)`).
    if (!w) {
      state = true;
      continue;
    }
    const value = expressionFrom(lines, h.line - 1, w[1]!);
    const fed = fn.params.some((x) => new RegExp(`(?<![\\w$.])${esc(x)}(?![\\w$])`).test(value));
    if (!fed) {
      // A toggle that only sets the field (`def enable_color(self): self.use_color = True`) is a setter.
      if (fn.body <= 2 && /^\s*(?:true|false|True|False|None|null|nil|0|""|'')?\s*;?$/.test(value)) continue;
      state = true;
      continue;
    }
    if (followed.has(fn.name)) continue;
    followed.add(fn.name);
    const calls = callsOn(search, field.container, fn.name, own);
    if (calls.some((c) => c.option(options))) return 'option';
    // Filled by what its callers find, none of them an option: a collection the work gathers.
    if (calls.length && filled) state = true;
  }
  return state ? 'state' : null;
}

/**
 * The calls of method `method` on an object of the container (the receiver named after it, `syntax_map.insert(`,
 * or a local bound to a new one above, `let mut m = SyntaxMap::new()`), each with whether its arguments or the
 * guards around it read an option.
 */
function callsOn(
  search: TreeSearch,
  container: string,
  method: string,
  own: (file: string) => boolean,
): Array<{ option: (options: Array<{ name: string; aliases: string[] }>) => boolean }> {
  const words = wordsOf(container);
  const named = [
    words.join('_'),
    fieldSpellings(words)[1] ?? container.toLowerCase(),
    container.toLowerCase(),
  ];
  const made = new RegExp(
    `(?<![\\w$])${esc(container)}\\s*(?:::\\s*(?:new|default|\\w+)\\s*\\(|\\(|\\{|\\.\\w+\\()|new\\s+${esc(container)}\\b|:\\s*&?(?:mut\\s+)?${esc(container)}\\b`,
  );
  const out: Array<{ option: (options: Array<{ name: string; aliases: string[] }>) => boolean }> = [];
  for (const h of search.lines([`.${method}(`], { maxPerFile: 10, maxTotal: 60 })) {
    if (!own(h.file) || inSourceTest(search, h.file, h.line)) continue;
    const lines = (search.read(h.file) ?? '').split('\n');
    const line = lines[h.line - 1] ?? '';
    const call = new RegExp(
      `(?:^|[^\\w$.])(?:self\\.|this\\.)?([A-Za-z_$][\\w$]*)\\s*\\.\\s*${esc(method)}\\s*\\(\\s*(.*)$`,
    ).exec(line);
    if (!call) continue;
    const recv = call[1]!;
    const bound = () => {
      const bind = new RegExp(`(?<![\\w$.])${esc(recv)}\\b[^=]*=(?![=>])`);
      for (let k = h.line - 2; k >= 0 && k >= h.line - 200; k--)
        if (bind.test(lines[k]!)) return made.test(lines[k]!);
      return false;
    };
    if (!named.includes(recv) && !bound()) continue;
    const i = h.line - 1;
    const args = expressionFrom(lines, i, call[2]!);
    const before = line.slice(0, call.index);
    out.push({
      option: (options) =>
        carriesOption(lines, i, args, options, 2, method, true) ||
        guards(lines, i, before).some((g) => carriesOption(lines, i, g, options, 1, method, true)),
    });
  }
  return out;
}

/**
 * The existing field of the requested name, or null. One whole-word search for its spellings; a
 * container's name searched in the option files; one search for its reads.
 */
export function existingField(search: TreeSearch, words: string[], ctx: FieldContext): ExistingField | null {
  const spellings = fieldSpellings(words);
  if (!spellings.length) return null;
  const own = (file: string) => {
    const f = fileOf(search, file);
    return Boolean(
      f &&
        f.role !== 'test' &&
        f.language &&
        LANGUAGES.has(f.language) &&
        !ASIDE.test(file) &&
        !DECLARATION_FILE.test(file),
    );
  };
  const found: Array<
    Omit<ExistingField, 'reads' | 'deserialized' | 'members' | 'builtIn'> & { header: string }
  > = [];
  const hits = search.lines(spellings, { word: true, maxPerFile: 20, maxTotal: 300 });
  for (const h of hits) {
    if (!own(h.file) || inSourceTest(search, h.file, h.line)) continue;
    const language = fileOf(search, h.file)!.language!;
    const name = spellings.find((s) => contains(h.text, s, true))!;
    const form = declares(h.text, name, language);
    if (!form || CONSTANT.test(h.text)) continue;
    const text = search.read(h.file);
    if (!text) continue;
    const lines = text.split('\n');
    let container: string | null = null;
    let header = '';
    if (language === 'Python') {
      const strings = stringLines(lines);
      if (strings.has(h.line)) continue;
      const cls = pythonContainer(lines, h.line - 1, form, strings);
      // An enum's member is a value a setting takes, never a setting.
      container = cls && !ENUM_CLASS.test(lines[cls.line]!) ? cls.name : null;
      // An attribute the class sets from what its caller passes, not its own state (`self.seen = set()`).
      if (form === 'attribute' && !fromParameter(lines, h.line - 1)) continue;
    } else {
      const mask = masked(text, language);
      const at = lines.slice(0, h.line - 1).reduce((n, l) => n + l.length + 1, 0);
      if (!mask.slice(at, at + lines[h.line - 1]!.length).includes(name)) continue; // in a string or comment
      const enc = enclosingHeader(mask, at);
      // A parameter of a method signature written over several lines is no member, unless TypeScript's
      // parameter property (`private readonly retryFailed: boolean` in a constructor) declares one.
      const open = enc ? mask.slice(enc.open + 1, at) : '';
      const inParens = (open.match(/\(/g)?.length ?? 0) > (open.match(/\)/g)?.length ?? 0);
      if (inParens && !/^\s*(?:public|private|protected|readonly)\s/.test(lines[h.line - 1]!)) continue;
      // The header keeps the attributes written above it (`#[derive(Deserialize)]`).
      if (enc) {
        container = braceContainer(enc.header, language);
        header = enc.header;
      }
    }
    if (container)
      found.push({ name, container, form, file: h.file, line: h.line, text: h.text.trim(), header });
  }
  if (!found.length) return null;
  // Only a container that the option code names: the struct it fills, the class it calls.
  const containers = [...new Set(found.map((f) => f.container))];
  const files = new Set(ctx.optionFiles);
  const naming = search.lines(containers, { word: true, within: [...files], maxPerFile: 5, maxTotal: 200 });
  const named = new Set(naming.flatMap((h) => containers.filter((c) => contains(h.text, c, true))));
  const field = found.find((f) => named.has(f.container) || files.has(f.file));
  if (!field) return null;
  // An option that sets it already: the request names that option's field, nothing is missing here. The
  // option code writes it wherever it lives (a CLI under `scripts/` too), never a test.
  const options = ctx.options ?? [];
  const writer = (file: string) => own(file) || (files.has(file) && fileOf(search, file)?.role !== 'test');
  const setBy = (h: Hit) =>
    setByOption((search.read(h.file) ?? '').split('\n'), h.line - 1, field.name, options);
  if (hits.some((h) => writer(h.file) && !(h.file === field.file && h.line === field.line) && setBy(h)))
    return null;
  // The work's state (a counter, what it gathers, a cache) is no setting; one a method of its container
  // stores from an option's value is that option's.
  if (fieldRole(search, field, hits, writer, options)) return null;
  const builtIn = [
    ...new Set([
      ...(files.has(field.file) ? [field.file] : []),
      ...naming.filter((h) => contains(h.text, field.container, true)).map((h) => h.file),
    ]),
  ];
  // A docstring that names the attribute is prose, not a read.
  const docs = new Map<string, Set<number>>();
  const docLines = (file: string) => {
    if (!docs.has(file)) docs.set(file, stringLines((search.read(file) ?? '').split('\n')));
    return docs.get(file)!;
  };
  const reads = search
    .lines([`.${field.name}`], { maxPerFile: 5, maxTotal: 200 })
    .filter(
      (h) =>
        own(h.file) &&
        !(h.file === field.file && h.line === field.line) &&
        !inSourceTest(search, h.file, h.line) &&
        !/^\s*(#|\/\/|\/\*|\*)/.test(h.text) &&
        !(h.file.endsWith('.py') && docLines(h.file).has(h.line)) &&
        new RegExp(`\\.${esc(field.name)}(?![\\w$])(?!\\s*=(?!=))`).test(h.text),
    )
    .slice(0, MAX_READS)
    .map((h) => ({ ...h, text: h.text.trim() }));
  const { header, ...rest } = field;
  return {
    ...rest,
    reads,
    builtIn,
    members: membersOf(search.read(field.file) ?? '', field, fileOf(search, field.file)!.language!),
    deserialized:
      /\bDeserialize\b|\bserde\b/.test(header) ||
      /`[^`]*\b(?:toml|yaml|json|mapstructure|koanf):"/.test(field.text),
  };
}

/** What a field of the requested name means for the request, in words: the reason and what is missing. */
export function fieldVerdictText(
  f: ExistingField,
  requestedName: string,
  sideWords: string,
): { reason: string; missing: string } {
  const at = `${f.file}:${f.line}`;
  const what =
    f.form === 'attribute' ? `an attribute of \`${f.container}\`` : `a field of \`${f.container}\``;
  const read = f.reads.length
    ? `read at ${f.reads.map((r) => `${r.file}:${r.line}`).join(', ')}`
    : 'read nowhere yet, so where it takes effect is part of the change';
  return {
    reason: `\`${f.name}\` already exists as ${what} (${at}), ${read}; nothing declares ${sideWords} \`${requestedName}\``,
    missing: `${sideWords} that sets the existing \`${f.name}\` (${what}, ${at}; ${read}): register \`${requestedName}\` and set \`${f.name}\` from it, adding no new field`,
  };
}

/**
 * The sibling's footprint without the places that would declare a new field beside the existing one: its
 * own field's declaration in the existing field's container (role `type` in that file), and the file of
 * the commit that introduced the sibling when it is the field's file and the commit cites no function there.
 * A field read already takes effect where it is read: none of the sibling's lines in its file is followed.
 */
export function withoutNewField<
  T extends { file: string; role: string; source: string; line?: number; symbol?: string },
>(footprint: T[], field: ExistingField): T[] {
  return footprint.filter(
    (e) =>
      e.file !== field.file ||
      // Read already, it takes effect there: the sibling's lines in that file are its own effect.
      (field.reads.length === 0 &&
        (e.source === 'history'
          ? Boolean(e.line && e.symbol && e.symbol !== field.container)
          : e.role !== 'type')),
  );
}

const MEMBER: Record<string, RegExp> = {
  Rust: /^\s*(?:pub(?:\([^)]*\))?\s+)?([a-z_]\w*)\s*:(?!:)/,
  Go: /^\s*([A-Za-z_]\w*)\s+[*[\]A-Za-z_.]/,
  TypeScript:
    /^\s*(?:(?:public|private|protected|readonly|static|declare|override)\s+)*#?([A-Za-z_$][\w$]*)[?!]?\s*(?::|=(?![=>]))/,
};

/** The other members of the existing field's container, each at its line (the field itself left out). */
function membersOf(text: string, f: Pick<ExistingField, 'name' | 'line' | 'form'>, language: string): Hit[] {
  const lines = text.split('\n');
  const out: Hit[] = [];
  const add = (name: string, i: number) => {
    if (name !== f.name && !out.some((m) => m.text === name)) out.push({ file: '', line: i + 1, text: name });
  };
  if (language === 'Python') {
    // The class: walking up, the first line indented less than those below it that opens a class.
    let k = f.line - 1;
    let ind = indentOf(lines[k]!);
    for (k--; k >= 0; k--) {
      const l = lines[k]!;
      if (!l.trim() || indentOf(l) >= ind) continue;
      if (/^\s*class\s/.test(l)) break;
      ind = indentOf(l);
    }
    if (k < 0) return out;
    const cls = indentOf(lines[k]!);
    for (let i = k + 1; i < lines.length; i++) {
      const l = lines[i]!;
      if (l.trim() && indentOf(l) <= cls) break;
      const self = /^\s*self\.([A-Za-z_]\w*)\s*(?::[^=]+)?=(?!=)/.exec(l);
      const body = indentOf(l) === cls + 4 ? /^\s*([a-z_]\w*)\s*(?::|=(?!=))/.exec(l) : null;
      if (self || body) add((self ?? body)![1]!, i);
    }
    return out;
  }
  const re = MEMBER[language === 'JavaScript' ? 'TypeScript' : language];
  if (!re) return out;
  const mask = masked(text, language);
  const at = lines.slice(0, f.line - 1).reduce((n, l) => n + l.length + 1, 0);
  const enc = enclosingHeader(mask, at);
  if (!enc) return out;
  const maskLines = mask.split('\n');
  const line = mask.slice(0, enc.open).split('\n').length - 1;
  let depth = 0;
  for (let i = line; i < maskLines.length; i++) {
    const m = maskLines[i]!;
    const start = i === line ? enc.open - mask.lastIndexOf('\n', enc.open - 1) - 1 : 0;
    if (depth === 1 && i > line) {
      const got = re.exec(m);
      if (got) add(got[1]!, i);
    }
    for (const c of m.slice(start)) {
      if (c === '{') depth++;
      else if (c === '}') depth--;
    }
    if (depth <= 0 && i > line) break;
  }
  return out;
}

/** Whether a member's declaration says it is a switch: a boolean type or default. */
const BOOLEAN = /:\s*(?:bool|boolean|Boolean)\b|\s(?:bool|boolean)\b|=\s*(?:true|false|True|False)\b/;

/**
 * The option to follow when the field exists: one that sets another member of the same container (its name
 * is the member's, in any spelling), a switch for a boolean field and a value for another, then the member
 * nearest the field. A one-word member counts only when the option's file names the container.
 */
export function fieldSibling(
  search: TreeSearch,
  field: ExistingField,
  requestedName: string,
  declarations: Declaration[],
): { d: Declaration; why: string } | null {
  const text = search.read(field.file);
  if (!text) return null;
  const lines = text.split('\n');
  const members = field.members.map((m) => ({ ...m, key: keyOf(m.text), decl: lines[m.line - 1] ?? '' }));
  const switchField = BOOLEAN.test(field.text);
  const dashed = requestedName.startsWith('-');
  const ranked = declarations
    .filter((d) => !dashed || [d.name, ...d.aliases].some((n) => n.startsWith('-')))
    .flatMap((d) => {
      const m = members.find((x) => [d.name, ...d.aliases].some((n) => keyOf(n) === x.key));
      if (!m) return [];
      if (wordsOf(m.text).length < 2 && !contains(search.read(d.file) ?? '', field.container, true))
        return [];
      const alike = d.takes === undefined ? 0 : (d.takes === 'none') === switchField ? 1 : 0;
      return [{ d, m, alike, near: Math.abs(m.line - field.line) }];
    })
    .sort((a, b) => b.alike - a.alike || a.near - b.near);
  const best = ranked[0];
  if (!best) return null;
  return {
    d: best.d,
    why: `\`${best.d.name}\` (${best.d.file}:${best.d.line}), which sets \`${best.m.text}\` of the same \`${field.container}\` (${field.file}:${best.m.line})${best.alike ? (switchField ? ', a switch for a boolean field' : ', a value like the field') : ''}`,
  };
}
