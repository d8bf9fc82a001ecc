/**
 * What the codebase already has toward a requirement, found before anything is designed: an option or
 * setting with the requirement's name, the function where the behaviour lives today, a signature that
 * already takes the input. Each finding carries its file and line.
 */
import type { EditPoint } from '../../domain/plan.js';
import type { Query } from '../../explore/relevance.js';
import { terms } from '../../explore/tokenize.js';
import type { FileOutline } from './edit-points.js';
import { pointedAt, twoTermsInName } from './edit-points.js';

export interface Existing {
  text: string;
  file: string;
  line: number;
  /** An option, setting or flag the requirement names: the plan builds on it. */
  option?: string;
  /** How often the requirement spells it out (its title counts three times); 0 when only its words match. */
  spelled?: number;
}

/** Multi-word names as code spells them: `min-similarity-lines`, `--no-verify`, `static_folder`, `MAX_AGE`. */
const NAMED =
  /(['"`])(--?)?([A-Za-z][A-Za-z0-9]*(?:[-_][A-Za-z0-9]+)+)\1|(--[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\b/g;
/** Lines that declare an option rather than use one. */
export const DECLARES =
  /add_argument|add_option|\.option\(|option\(|register_option|Option\(|options\s*=|^\s*\(\s*['"]|['"]\s*:\s*\{|['"]\s*,\s*\{|default\s*[=:]|config\.setdefault|^\s*[A-Z][A-Z0-9_]+\s*=|@click\.option|argparse|yargs|commander/;

export function findExisting(
  requirement: string,
  q: Query,
  files: FileOutline[],
  points: Map<string, EditPoint[]>,
): Existing[] {
  const out: Existing[] = [];
  const lower = requirement.toLowerCase();
  // 1. Options and settings the requirement names, where the code declares them.
  // One finding per name: where it is declared if anywhere, else where it first appears.
  const byKey = new Map<string, Existing>();
  // A name alone on its line followed by its settings (`"min-similarity-lines",` then `{ "default": …`).
  const declares = (f: FileOutline, i: number) => {
    if (DECLARES.test(f.lines[i]!)) return true;
    const next = f.lines.slice(i + 1, i + 3).join(' ');
    return (
      /^\s*\(?\s*(['"])[^'"]+\1\s*,?\s*$/.test(f.lines[i]!) &&
      /^\s*\{|default|type\s*[:=]|help\s*[:=]/.test(next)
    );
  };
  for (const f of files) {
    for (const [i, line] of f.lines.entries()) {
      if (line.length > 400) continue;
      for (const m of line.matchAll(NAMED)) {
        const name = (m[3] ?? m[4]!).replace(/^--/, '');
        // A one-word flag (`--capture`) counts only when the requirement writes it as a flag or as code.
        if (
          !/[-_]/.test(name) &&
          !lower.includes(`--${name.toLowerCase()}`) &&
          !lower.includes(`\`${name.toLowerCase()}\``)
        )
          continue;
        const key = name.toLowerCase().replace(/_/g, '-');
        const had = byKey.get(key);
        if (had?.option) continue;
        const t = terms(name);
        const spelled =
          lower.includes(name.toLowerCase()) ||
          lower.includes(key) ||
          lower.includes(key.replace(/-/g, ' ')) ||
          lower.includes(key.replace(/-/g, '_'));
        const covered = t.length >= 2 && t.every((x) => q.weights.has(x));
        const declared = declares(f, i);
        if (!spelled && !(covered && declared)) continue;
        if (had && !declared) continue;
        const title = lower.split('\n')[0]!;
        const count = (t: string) =>
          [name.toLowerCase(), key].reduce((n, k) => Math.max(n, t.split(k).length - 1), 0);
        byKey.set(key, {
          text: declared
            ? `\`${name}\` already exists: it is declared in \`${f.path}\` at line ${i + 1}`
            : `\`${name}\` already appears in \`${f.path}\` at line ${i + 1}`,
          file: f.path,
          line: i + 1,
          option: declared ? name : undefined,
          spelled: spelled ? count(lower) + 2 * count(title) : 0,
        });
      }
    }
  }
  out.push(...byKey.values());
  // Declarations first, then at most five in all.
  const rank = (e: Existing) => 2 * (e.spelled ?? 0) + (e.option ? 1 : 0);
  out.sort((a, b) => rank(b) - rank(a));
  out.splice(5);
  // 2. Where the behaviour lives today, and signatures that already take the input.
  let shown = 0;
  for (const [path, eps] of points)
    for (const e of eps.slice(0, 2)) {
      if (shown >= 3) break;
      // A signature that takes what the requirement's title is about (not any word of the report).
      const firstLine = lower.split('\n')[0]!;
      const taken = /it takes ([^;]+)/.exec(e.why)?.[1];
      const takes =
        taken && [...taken.matchAll(/"([^"]+)"/g)].some((m) => firstLine.includes(m[1]!)) ? taken : undefined;
      // Named outright, on the traceback, or a name that carries two of the requirement's terms.
      const strong = pointedAt(e) || (twoTermsInName(e) && !/^__/.test(e.symbol.split('.').pop()!));
      if (!takes && !strong) continue;
      shown++;
      out.push({
        text: `\`${e.signature || e.symbol}\` in \`${path}\` (lines ${e.start_line}–${e.end_line})${takes ? ` already takes ${takes}` : ' is where this behaviour lives today'}`,
        file: path,
        line: e.start_line,
      });
    }
  return out;
}
