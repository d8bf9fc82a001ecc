/**
 * Options declared as rows of a table: a Python tuple or list (or a JavaScript array) whose rows are
 * themselves tuples or lists that start with the option's name, then its default, short name or help, in
 * any order (`("max-items", 10, "Show at most this many items.")`), or the name and a dict of its
 * properties (`("max-items", {"default": 10, "help": "…"})`). A table counts when two rows or more have
 * that shape and each gives a help text (a string of several words, or a `help` key), so a list of pairs
 * that are not options is not read as one. A name written `--name` is a command-line option; any other
 * is a setting.
 */
import { callArgs, stringValue } from '../call-args.js';
import type { Declaration, Extractor } from '../declaration.js';
import { declared } from '../declaration.js';

/** A table bound to a name or returned: `options = (`, `OPTIONS: list = [`, `return [`. */
const TABLE =
  /(?:^|\n)[ \t]*(?:(?:export\s+)?(?:const|let|var)\s+)?(?:[A-Za-z_$][\w$.]*\s*(?::\s*[^=\n]{1,80})?=|return)\s*([[(])/g;
const NAME = /^(?:--)?[A-Za-z][\w.-]*$/;
const MIN_ROWS = 2;

interface Row {
  name: string;
  at: number;
  help: string;
  type: string;
  default: string;
  aliases: string[];
}

export const optionTuples: Extractor = {
  name: 'option-tuples',
  languages: ['Python', 'JavaScript', 'TypeScript'],
  marks: ['    ("', "    ('", '\t("', "\t('", '  ["', "  ['", '\t["', "\t['", '"help":', "'help':"],
  extract(path, text, context) {
    const hash = (context?.languageOf(path) ?? (path.endsWith('.py') ? 'Python' : '')) === 'Python';
    const out: Declaration[] = [];
    for (const m of text.matchAll(TABLE)) {
      const open = m.index! + m[0].length - 1;
      const table = callArgs(text, open, { hashComments: hash, limit: 200_000 });
      if (!table) continue;
      const rows = table.args.flatMap((a) => {
        const r = /^[[(]/.test(a.value) ? rowOf(text, a.at, hash) : null;
        return r ? [r] : [];
      });
      if (rows.length < MIN_ROWS || rows.length < table.args.length / 2) continue;
      for (const r of rows)
        out.push(
          declared(path, text, r.at, {
            name: r.name,
            aliases: r.aliases,
            kind: r.name.startsWith('--') ? (r.type === 'bool' ? 'flag' : 'option') : 'setting',
            // A row with a type or a default that is not a boolean takes one value (a list by its type).
            ...(r.type || r.default ? { takes: r.type === 'bool' ? 'none' : 'one' } : {}),
            via: 'option-table',
            help: r.help,
            type: r.type,
            default: r.default,
          }),
        );
    }
    return out;
  },
};

/** One row: a name first, and a help text among the rest; null when the row is not an option's. */
function rowOf(text: string, open: number, hash: boolean): Row | null {
  const row = callArgs(text, open, { hashComments: hash });
  if (!row || row.args.length < 2 || row.args.some((a) => a.key)) return null;
  const [first, ...rest] = row.args;
  const name = stringValue(first!.value);
  if (!name || !NAME.test(name)) return null;
  let help = '';
  let type = '';
  let dflt = '';
  const aliases: string[] = [];
  for (const a of rest) {
    if (a.value.startsWith('{')) {
      const props = dictOf(text, a.at, hash);
      help ||= stringValue(unwrap(props.get('help') ?? '')) ?? '';
      const short = stringValue(props.get('short') ?? '');
      if (short && /^\w$/.test(short)) aliases.push(`-${short}`);
      type ||= stringValue(props.get('type') ?? '') ?? props.get('type') ?? '';
      dflt ||= props.get('default') ?? '';
      const action = stringValue(props.get('action') ?? '') ?? '';
      if (/store_true|store_false/.test(action)) type ||= 'bool';
      continue;
    }
    const s = stringValue(a.value);
    if (s !== null && /\s/.test(s) && s.split(/\s+/).length >= 2 && !help) help = s;
    else if (s !== null && /^-\w$/.test(s)) aliases.push(s);
    else if (!dflt) {
      dflt = a.value;
      if (/^(True|False|true|false)$/.test(a.value)) type = 'bool';
    }
  }
  if (!help) return null;
  return { name, at: first!.at + 1, help, type, default: dflt.length > 120 ? '' : dflt, aliases };
}

/** Keys and values of a dict or object literal written inside a row (`{"help": "…", default: 1}`). */
function dictOf(text: string, open: number, hash: boolean): Map<string, string> {
  const inner = callArgs(text, open, { hashComments: hash });
  const out = new Map<string, string>();
  for (const a of inner?.args ?? []) {
    const m = /^(?:(['"])([^'"]+)\1|([A-Za-z_$][\w$]*))\s*:\s*/.exec(a.value);
    if (m) out.set((m[2] ?? m[3])!, a.value.slice(m[0].length));
  }
  return out;
}

/** A value inside parentheses (`("part one " "part two")`) without them. */
function unwrap(value: string): string {
  const v = value.trim();
  return v.startsWith('(') && v.endsWith(')') ? v.slice(1, -1) : v;
}
