/**
 * Environment variables the code reads, as settings of kind `config-value`: `process.env.NAME`,
 * `process.env['NAME']`, `os.environ['NAME']`, `os.environ.get('NAME', default)`, `os.getenv('NAME')`,
 * `std::env::var("NAME")` / `env::var_os`, Go's `os.Getenv("NAME")` / `os.LookupEnv`. The first read of a
 * name in a file is its declaration there; a default given in the read is its default. Names must look like
 * environment variables (letters, digits and `_`), so a computed key is not read as one.
 *
 * A name built from the project's prefix is read too: a constant joined to a literal (`PREFIX + "PAGER"`,
 * `` `${PREFIX}_PAGER` ``, `f"{PREFIX}_PAGER"`, `fmt.Sprintf("%s%s", prefix, "PAGER")`, `format!(…)`, also
 * through a local assigned just before), the constant read from the file or its folder; its declaration
 * is the whole name, with the part the code writes as its `bare` name. A small function that reads the
 * prefix joined to one of its parameters (`func ShelfEnv(key string) string { return os.Getenv(prefix +
 * key) }`) is a reader: `readers` names it, and each call of it with a literal (`settings.ShelfEnv("PAGER")`,
 * anywhere in the project) declares the prefixed name at the call (`collectDeclarations`).
 */
import { callArgs, stringValue } from '../call-args.js';
import { enclosingFunction } from '../code-shape.js';
import type { Declaration, ExtractContext, Extractor, Reader } from '../declaration.js';
import { constantLookup, declared } from '../declaration.js';

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** A read whose name follows directly: `process.env.NAME`. */
const DOTTED = /\bprocess\.env\.([A-Za-z_][A-Za-z0-9_]*)/g;
/** A read by subscript: `process.env['NAME']`, `os.environ["NAME"]`, `environ['NAME']`, `process.env[P + 'X']`. */
const SUBSCRIPT = /\b(?:process\.env|(?:os\.)?environ)\s*\[/g;
/** A read by call: the name is the first argument. */
const CALL =
  /\b(?:(?:os\.)?environ\.(?:get|setdefault|pop)|os\.getenv|getenv|(?:std::)?env::var(?:_os)?|os\.(?:Getenv|LookupEnv))\s*\(/g;

/**
 * A part of a name's expression: text the code writes, a constant's text, or the parameter of the
 * enclosing function at this index.
 */
type Part = string | { constant: string } | { param: number };
const textOf = (p: Part) => (typeof p === 'string' ? p : 'constant' in p ? p.constant : null);

export const envReads: Extractor = {
  name: 'env-reads',
  languages: ['Python', 'JavaScript', 'TypeScript', 'Rust', 'Go'],
  marks: ['process.env', 'environ[', 'environ.', 'getenv(', 'env::var', 'Getenv(', 'LookupEnv('],
  extract(path, text, context) {
    const hash = isPython(path, context);
    const found = new Map<string, Declaration>();
    const readers: Reader[] = [];
    const add = (name: string, at: number, dflt = '', written?: string) => {
      if (!NAME.test(name) || found.has(name)) return;
      const bare = written && written !== name ? { bare: written } : {};
      found.set(
        name,
        declared(path, text, at, { name, kind: 'config-value', via: 'env', default: dflt, ...bare }),
      );
    };
    for (const m of text.matchAll(DOTTED)) add(m[1]!, m.index! + m[0].length - m[1]!.length);
    const names = nameReader(path, text, context);
    for (const { at, expr, dflt } of reads(text, hash)) {
      // A plain literal (an f-string or template with fields is built below).
      const literal = stringValue(expr);
      if (literal !== null && NAME.test(literal)) {
        add(literal, at + 1, dflt);
        continue;
      }
      const built = names(expr, at);
      if (!built) continue;
      const texts = built.map(textOf);
      if (texts.every((t) => t !== null)) {
        // The part the code writes after the constants (`PAGER` of `PREFIX + "PAGER"`) is its other name.
        const tail = built.slice(built.findLastIndex((p) => typeof p !== 'string') + 1).join('');
        add(texts.join(''), at, dflt, tail.replace(/^_+/, '') || undefined);
        continue;
      }
      // The prefix joined to one parameter, nothing after it: the caller's literal is the rest of the name.
      const last = built.at(-1);
      const prefix = texts.slice(0, -1).join('');
      const fn = enclosingFunction(text, at);
      if (!fn || typeof last !== 'object' || !('param' in last) || texts.indexOf(null) < texts.length - 1)
        continue;
      if (/^[A-Za-z]\w*$/.test(prefix)) readers.push(prefixReader(fn.name, path, last.param, prefix));
    }
    const out = [...found.values()].sort((a, b) => a.line - b.line);
    return Object.assign(out, { readers });
  },
};

/** The reader a prefixed read makes of its function: each literal at `arg` names `prefix` + literal. */
function prefixReader(name: string, file: string, arg: number, prefix: string): Reader {
  return {
    name,
    file,
    arg,
    declare(path, text, at, literal) {
      const full = `${prefix}${literal}`;
      if (!NAME.test(literal) || !NAME.test(full)) return null;
      return declared(path, text, at, {
        name: full,
        kind: 'config-value',
        via: 'env',
        bare: literal,
      });
    },
    through: (fn, param, at) => prefixReader(fn, at, param, prefix),
  };
}

const isPython = (path: string, context?: ExtractContext) =>
  (context?.languageOf(path) ?? (path.endsWith('.py') ? 'Python' : '')) === 'Python';

/** Each environment read by subscript or call: the name's expression, its offset and the default given. */
function reads(text: string, hash: boolean): Array<{ at: number; expr: string; dflt: string }> {
  const out: Array<{ at: number; expr: string; dflt: string }> = [];
  for (const m of text.matchAll(SUBSCRIPT)) {
    const open = m.index! + m[0].length - 1;
    const close = text.indexOf(']', open);
    if (close < 0 || close - open > 200) continue;
    const raw = text.slice(open + 1, close);
    out.push({ at: open + 1 + (raw.length - raw.trimStart().length), expr: raw.trim(), dflt: '' });
  }
  for (const m of text.matchAll(CALL)) {
    const call = callArgs(text, m.index! + m[0].length - 1, { hashComments: hash, limit: 2000 });
    const first = call?.args[0];
    if (!call || !first || first.key) continue;
    const second = call.args[1];
    out.push({
      at: first.at,
      expr: first.value,
      dflt: second && !second.key && call.args.length === 2 ? second.value : '',
    });
  }
  return out.sort((a, b) => a.at - b.at);
}

/**
 * A constant's string value: `NAME = "…"`, `const NAME = '…'`, `NAME string = "…"`, `const NAME: &str =
 * "…";`, `pub const …` — the string alone on the right, so `x = "a" + y` is no constant.
 */
const CONSTANT =
  /(?:^|\n)[ \t]*(?:export[ \t]+)?(?:pub(?:\([^)\n]*\))?[ \t]+)?(?:(?:const|var|let|static|final)[ \t]+)?([A-Za-z_]\w*)(?:[ \t]*:[ \t]*[^=\n]+?|[ \t]+string)?[ \t]*=[ \t]*("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')[ \t]*;?[ \t]*(?=\n|$|#|\/\/)/g;

/**
 * Reads a name's expression at an offset into parts: literals, constants of the file or its folder, a
 * local assigned from such an expression in the same function, and the enclosing function's parameters.
 * Null when a part is none of these.
 */
function nameReader(
  path: string,
  text: string,
  context?: ExtractContext,
): (expr: string, at: number) => Part[] | null {
  const constant = constantLookup(CONSTANT, path, text, context);
  const read = (expr: string, at: number, depth: number): Part[] | null => {
    const parts = split(expr);
    if (!parts) return null;
    const out: Part[] = [];
    const fn = enclosingFunction(text, at);
    for (const p of parts) {
      if (typeof p !== 'object') {
        out.push(p);
        continue;
      }
      const id = p.id;
      const param = fn?.params.indexOf(id) ?? -1;
      if (param >= 0) {
        out.push({ param });
        continue;
      }
      // A local assigned just before in the same function (`name := fmt.Sprintf(…)`).
      const local =
        fn && depth === 0
          ? [
              ...text
                .slice(fn.start, at)
                .matchAll(
                  new RegExp(`(?:^|[\\s;])(?:(?:let|const|var)\\s+)?${id}\\s*:?=(?!=)\\s*([^\\n;]+)`, 'g'),
                ),
            ].pop()
          : undefined;
      const v = constant(id);
      if (v !== null && !local) {
        out.push({ constant: v });
        continue;
      }
      const inner = local ? read(local[1]!.trim(), at, depth + 1) : null;
      if (!inner) return null;
      out.push(...inner);
    }
    return out;
  };
  return (expr, at) => read(expr, at, 0);
}

type Piece = string | { id: string };
const ID = /^[A-Za-z_]\w*$/;

/**
 * An expression of literals and names: `A + "x"`, a template `` `${A}_x` ``, an f-string, a
 * `fmt.Sprintf`/`format!` with `%s`/`{}` fields. Null for anything else (a call, an index, arithmetic).
 */
function split(expr: string): Piece[] | null {
  const e = expr.trim().replace(/\.to_string\(\)$|\.as_str\(\)$/, '');
  if (ID.test(e)) return [{ id: e }];
  const lit = stringValue(e);
  // A template literal or f-string with fields: `${A}_x`, f"{A}_x", format!("{A}_x").
  const tpl = /^(?:f|format!\s*\(\s*)?(["'`])([^"'`\n]*)\1\s*\)?$/.exec(e);
  if (tpl && /\$\{|\{/.test(tpl[2]!) && (e.startsWith('f') || tpl[1] === '`')) return fields(tpl[2]!, []);
  if (lit !== null && !/\{/.test(lit)) return [lit];
  const fmt = /^(?:fmt\.Sprintf|format!)\s*\(/.exec(e);
  if (fmt) {
    const call = callArgs(e, fmt[0].length - 1);
    const f = call?.args[0] ? stringValue(call.args[0].value) : null;
    if (!call || f === null) return null;
    const rest = call.args.slice(1).map((a) => a.value.trim());
    if (!rest.every((a) => ID.test(a) || stringValue(a) !== null)) return null;
    return fields(f, rest);
  }
  // `A + "x" + B`, split at top-level `+` (strings hold no `+` in a name).
  const terms = e.split('+').map((t) => t.trim());
  if (terms.length < 2) return null;
  const out: Piece[] = [];
  for (const t of terms) {
    const s = stringValue(t);
    if (s !== null) out.push(s);
    else if (ID.test(t)) out.push({ id: t });
    else return null;
  }
  return out;
}

/** A format's text and fields: `%s`, `{}` take the next argument, `${A}` and `{A}` name it. */
function fields(format: string, args: string[]): Piece[] | null {
  const out: Piece[] = [];
  let k = 0;
  let last = 0;
  for (const m of format.matchAll(/%[sv]|\$\{\s*([A-Za-z_]\w*)\s*\}|\{\s*([A-Za-z_]\w*)?\s*\}/g)) {
    if (m.index! > last) out.push(format.slice(last, m.index!));
    last = m.index! + m[0].length;
    const named = m[1] ?? m[2];
    const arg = named ?? args[k++];
    if (!arg) return null;
    const s = stringValue(arg);
    out.push(s ?? { id: arg });
  }
  if (last < format.length) out.push(format.slice(last));
  return out;
}
