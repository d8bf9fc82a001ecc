/**
 * Where a library's object is set by a word of the request: the value of a new option takes effect where the
 * project configures the library that does the work — a setter or builder named by the word
 * (`encoder.SetIndent(prefs.Indent)`, `PrettyFormatter::with_indent(…)`, `opts.set_width(…)`) or a field
 * of it written (`fmt.indent = "    "`), on an object the function builds from a package the project
 * declares as a dependency (`encoder := yaml.NewEncoder(w)`, `let mut fmt = jsonxf::Formatter::pretty_printer()`)
 * or on that package itself. No word of the request needs to name the project's code there: the
 * library's own name for the setting does (a YAML indent option at the encoder's `SetIndent`).
 *
 * The standard library is declared nowhere, so `json.NewEncoder(w).SetIndent` is never named (the same
 * trade as `library-call.ts`). Only a member whose name is the word alone, or `set`/`with` and the word.
 */
import { languageOf } from '../explore/languages.js';
import { outline } from '../explore/outline.js';
import { fileStem, innermost, maskStrings } from './code-shape.js';
import { libraryOf } from './library-call.js';
import { proseLines } from './lines.js';
import { roleOf, type TreeSearch } from './search.js';
import { akin, wordsOf } from './words.js';

/** A place where a value takes effect (declared here, where `effect.ts` reads it from, so no cycle). */
export interface EffectPlace {
  file: string;
  line: number;
  text: string;
  /** The function where it takes effect, else the name that matched. */
  symbol: string;
  /** What matched: "`blank_lines` names "blank lines"". */
  why: string;
  sure: boolean;
}

const MAX = 3;
/** Endings that make a noun or a form of a verb: "indentation" is `indent`, "wrapping" is `wrap`. */
const ENDING = /^(?:ation|ition|ing|ed|er|ment|ness|s|es)$/;

/** Whether a word of the request and a word of a member's name are one word in another form. */
export function sameWord(said: string, member: string): boolean {
  if (akin(said, member)) return true;
  const [short, long] = said.length <= member.length ? [said, member] : [member, said];
  if (short.length < 4 || !long.startsWith(short)) return false;
  // A doubled last consonant before the ending: "wrapping" is `wrap`.
  const rest = long.slice(short.length);
  return ENDING.test(rest) || (rest[0] === short.at(-1) && ENDING.test(rest.slice(1)));
}

/** Verbs every value's methods are named with: a call of one is no setting. */
const GENERIC =
  /^(?:extend|append|add|update|insert|remove|delete|clear|copy|write|read|close|open|format|join|split|get|put|push|pop|sort|filter|map|apply|run|start|stop|send|print|render|load|dump|parse|encode|decode|flush|reset|init|build|call|emit|exit|next|match|replace|strip|find|search|index|count|items|keys|values|list|show|hide|enable|disable|execute|process|handle|visit|walk|check|validate|compile|connect|request|fetch|wait|log|debug|info|warn|warning|error|fail|raise|test|create|make|new|save|store|lock|unlock|release|wrap|unwrap|expect|collect|iter|into|clone|resolve|render)$/;

const LANG: Record<string, 'py' | 'js' | 'go' | 'rs'> = {
  Python: 'py',
  JavaScript: 'js',
  TypeScript: 'js',
  Go: 'go',
  Rust: 'rs',
};

/**
 * The places where a library object is set by one of `words` (the request's content words past the
 * sibling's), in the functions around them: the first per function, at most three, those in a file whose
 * name says a word of `named` (all the request's words: `encoder_yaml.go` for a YAML option, `formatting.rs`
 * for `--format-options`) first. Sure when there is one, or one in such a file.
 */
export function librarySettings(search: TreeSearch, words: string[], named: string[] = words): EffectPlace[] {
  const seek = [...new Set(words.filter((w) => w.length >= 4))];
  if (!seek.length) return [];
  // Needles: a member's start, five letters at most, after `.`/`::`, with or without `set`/`with`; each
  // word searched on its own budget, so a word the project writes everywhere (`.yaml`) starves no other.
  const hits = seek.flatMap((w) => {
    const head = w.slice(0, 5);
    const Head = head[0]!.toUpperCase() + head.slice(1);
    const needles = [
      `.${head}`,
      `.set_${head}`,
      `.with_${head}`,
      `.Set${Head}`,
      `.set${Head}`,
      `.With${Head}`,
      `.with${Head}`,
      `::with_${head}`,
      `::set_${head}`,
    ];
    return search.lines(needles, { maxPerFile: 20, maxTotal: 150 });
  });
  const found: Array<EffectPlace & { named: boolean }> = [];
  const seen = new Set<string>();
  for (const h of hits) {
    const lang = LANG[languageOf(h.file) ?? ''];
    if (!lang || roleOf(search, h.file) !== 'source') continue;
    const text = search.read(h.file);
    if (!text) continue;
    const lines = text.split('\n');
    if (proseLines(lines, languageOf(h.file)).has(h.line)) continue;
    const masked = maskStrings(h.text);
    for (const m of masked.matchAll(
      /(?<![\w$])((?:[A-Za-z_$][\w$]*\s*(?:\.|::)\s*)*?)([A-Za-z_$][\w$]*)\s*(\.|::)\s*([A-Za-z_$][\w$]*)\s*(\(|=(?!=))/g,
    )) {
      const [, path, receiver, , member, how] = m as unknown as string[];
      const parts = wordsOf(member!);
      const core = /^(?:set|with)$/.test(parts[0] ?? '') && parts.length === 2 ? parts.slice(1) : parts;
      // A plain method named by a common verb (`emph.extend(…)`, `buf.write(…)`) is what any value does,
      // not a setting of the library's.
      const plain = core === parts && how === '(';
      const word =
        core.length === 1 && !(plain && GENERIC.test(core[0]!))
          ? seek.find((w) => sameWord(w, core[0]!))
          : undefined;
      if (!word) continue;
      const fn = innermost(outline(text, languageOf(h.file)), h.line, { kind: 'function', header: false });
      if (!fn) continue;
      const key = `${h.file}\0${fn.qualified}`;
      if (seen.has(key)) continue;
      // The library: the receiver's own path (`yaml.x`, `serde_json::ser::PrettyFormatter::with_indent`),
      // else the call the function binds the receiver from (`encoder := yaml.NewEncoder(…)`).
      const own = `${path!.replace(/\s+/g, '')}${receiver}`.replace(/::$|\.$/, '');
      let callee: string | null = own.includes('.') || own.includes('::') ? own : null;
      let lib = callee ? libraryOf(search, lines, callee, lang) : null;
      if (!lib && !path) {
        const bind = new RegExp(
          `(?<![\\w$.])${receiver}\\s*(?::=|=(?!=))\\s*(?:new\\s+)?&?\\s*([A-Za-z_$][\\w$]*(?:\\s*(?:\\.|::)\\s*[A-Za-z_$][\\w$]*)+)\\s*[({]`,
        );
        for (let k = h.line - 2; k >= fn.start_line - 1 && !lib; k--) {
          const b = bind.exec(maskStrings(lines[k]!));
          if (!b) continue;
          callee = b[1]!.replace(/\s+/g, '');
          lib = libraryOf(search, lines, callee, lang);
          break;
        }
      }
      if (!lib || !callee) continue;
      seen.add(key);
      const at = `${path!.replace(/\s+/g, '')}${receiver}${m[3]}${member}`;
      const set = how === '(' ? `\`${at}(…)\` sets` : `\`${at} = …\` writes`;
      found.push({
        file: h.file,
        line: h.line,
        text: h.text.trim(),
        symbol: fn.qualified,
        why: `${set} the library's "${core[0]}" on ${callee === own ? `\`${callee}\`` : `the object of \`${callee}\``} (${lib.module}, declared at ${lib.dependency.file}:${lib.dependency.line}): "${word}" in the request takes effect there`,
        sure: false,
        named: named.some((w) => wordsOf(fileStem(h.file)).some((f) => sameWord(w, f))),
      });
    }
  }
  found.sort((a, b) => Number(b.named) - Number(a.named));
  const sure = found.length === 1 || found.filter((f) => f.named).length === 1;
  return found.slice(0, MAX).map(({ named: _, ...p }, k) => ({ ...p, sure: sure && k === 0 }));
}
