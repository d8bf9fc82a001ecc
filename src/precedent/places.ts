/**
 * What a place in the project is: its area (code, test, docs, changelog), the symbol that encloses a line
 * (the outline's function or class, or the heading above it in a document), and the role a line plays for
 * an identifier (registration, read, default, type, serialization).
 */
import { GeneratedFiles, generatedSentence } from '../explore/generated.js';
import type { InventoryFile } from '../explore/inventory.js';
import { outline } from '../explore/outline.js';
import type { CodebaseProfile } from '../explore/profile.js';
import type { ProjectFiles } from '../files/project-files.js';
import { innermost } from './code-shape.js';

export type Area = 'code' | 'test' | 'docs' | 'changelog';
export type Role =
  | 'registration'
  | 'read'
  | 'default'
  | 'serialization'
  | 'type'
  | 'docs'
  | 'test'
  | 'changelog'
  | 'other';

const CHANGELOG =
  /(^|\/)(change[-_]?log|changes|history|news|release[-_]?notes|whatsnew|whats[-_]new)[^/]*$/i;
/** Folders of release notes: fragments, or one page per version (`docs/source/release-notes/6.1.0.rst`). */
const NOTES_FOLDER =
  /(^|\/)(change[-_]?log|changes|newsfragments|news|changelog\.d|release[-_]?notes|whatsnew|whats[-_]new)\//i;
const PROSE = /\.(md|mdx|markdown|rst|txt|adoc|asciidoc|html?|ronn|pod|texi)$/i;
/**
 * Folders whose files are the project's material, not its documentation: assets (syntax definitions,
 * themes), fixtures and test data, snapshots, vendored copies. A page there documents no option.
 */
export const ASSET_FOLDER =
  /(^|\/)(assets?|fixtures?|testdata|test[-_]data|snapshots?|vendor|vendored|third[-_]party|syntaxes|themes)\//i;

/**
 * Shell completions: a script in a folder named for completions (`contrib/completion/_kiln`,
 * `assets/completions/kiln.zsh.in`) or one named for its shell (`kiln.bash`). They list every option, so
 * where the sibling has a line the new option gets one, wherever the folder lies.
 */
export const COMPLETION = /(^|\/)[^/]*complet[^/]*\/|\.(bash|zsh|fish)(\.in)?$/i;

export function areaOf(file: InventoryFile | undefined, path: string, profile: CodebaseProfile): Area {
  const log = profile.changelog;
  if (log && (path === log.path || (log.kind === 'fragments' && path.startsWith(`${log.path}/`))))
    return 'changelog';
  const role = file?.role;
  if (role === 'test') return 'test';
  // A changelog is prose (`CHANGES.rst`, `NEWS`), never code that merely shares the name (`history.py`).
  const prose = PROSE.test(path) || !/\.\w+$/.test(path.slice(path.lastIndexOf('/') + 1));
  if (prose && (CHANGELOG.test(path) || NOTES_FOLDER.test(path))) return 'changelog';
  // A man page (`kiln.1`, its template `kiln.1.in`, `man/kiln.1.md`) documents the command line wherever it lives.
  if (/\.[1-9](\.in)?$|(^|\/)man\/[^/]+\.(md|rst|txt|adoc|ronn)$/i.test(path)) return 'docs';
  // A page in the docs folder documents; a script or a config file there (a screencast script, the docs
  // build's conf.py) is code.
  if (role === 'doc') return ASSET_FOLDER.test(path) || !PROSE.test(path) ? 'code' : 'docs';
  return 'code';
}

/**
 * The files of these places that the project does not write by hand (`explore/generated.ts`, the detector
 * the plan checker uses too), each marked with what the plan says instead of an edit: "generated (…);
 * regenerate with `<command>` (file:line)", else "generated (…); not edited by hand".
 */
export function markGenerated(
  files: ProjectFiles,
  places: Array<{ file: string; generated?: string }>,
): void {
  const detector = new GeneratedFiles({
    read: (p) => files.readEvidence(p),
    list: (d) => files.list(d).map((e) => ({ name: e.name, dir: e.isDirectory() })),
  });
  for (const e of places) {
    const g = detector.of(e.file);
    if (g) e.generated = generatedSentence(g);
  }
}

const DECLARATION_FILE = /\.d\.[cm]?ts$|\.pyi$/;

/** The role a line that names an identifier plays in code. */
export function roleOfLine(path: string, text: string, id: string): Role {
  const t = text.trim();
  if (DECLARATION_FILE.test(path)) return 'type';
  const esc = id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // `name: <expression>` (a struct field init: `strip_ansi: match self.x {`, `depth: Some(3),`) is a
  // value, not a type.
  const value = /^[^:]*:\s*(.*)$/.exec(t)?.[1] ?? '';
  const expression =
    /^(?:match|if|self|Some|None|Ok|Err|true|false|True|False|not|lambda|await|new|yield)\b|^[-!0-9]/.test(
      value,
    );
  if (
    !expression &&
    new RegExp(
      `^(?:(?:readonly|pub(?:\\([^)]*\\))?|public|private|protected)\\s+)?${esc}\\??\\s*:\\s*[\\w\\[\\]|<>., '"?&:]+[;,]?$`,
    ).test(t)
  )
    return 'type';
  if (!expression && new RegExp(`^(?:self\\.)?${esc}\\s*:\\s*[A-Za-z_][\\w\\[\\], |.]*(?:=.*)?$`).test(t))
    return 'type';
  if (new RegExp(`^${esc}\\s+[*\\[\\]\\w.]+\\s*(?:\`.*\`)?$`).test(t)) return 'type'; // Go struct field
  if (/\bdefault\w*\s*[=:(]|setdefault\(|DEFAULT/.test(t)) return 'default';
  if (
    new RegExp(`^(['"])-{0,2}${esc}\\1\\s*,?$`).test(t) ||
    /\b(to_dict|asdict|as_dict|serializ|deserializ|to_json|toJSON|__slots__|__getstate__|copy|clone|pickle|fields)\b/i.test(
      t,
    )
  )
    return 'serialization';
  if (
    new RegExp(
      `\\.${esc}\\b|\\[\\s*['"]${esc}['"]\\s*\\]|\\b(get|getoption|getini|getvalue|GetString|GetBool|GetInt|Lookup|value_of|get_one|get_flag|get_many|is_present)\\w*\\s*\\(\\s*['"]-{0,2}${esc}['"]`,
    ).test(t)
  )
    return 'read';
  // A comment or a docstring line mentions it; any other line of code uses it.
  if (/^(#|\/\/|\/\*|\*|"""|''')/.test(t)) return 'other';
  return 'read';
}

/** Symbols (outline items) and document headings, per file, for "which symbol encloses line N". */
export class Enclosing {
  private cache = new Map<string, (line: number) => string | undefined>();

  constructor(private readonly read: (path: string) => string | null) {}

  symbolAt(path: string, language: string | null, line: number): string | undefined {
    let find = this.cache.get(path);
    if (!find) {
      const text = this.read(path) ?? '';
      // Headings only in prose: a script of no known language (a completion, `#!` or `#compdef`) has
      // comments, not headings.
      const prose =
        /\.(md|mdx|rst|txt|adoc)$/i.test(path) ||
        (!language && !COMPLETION.test(path) && !/^#(!|compdef\b)/.test(text));
      find = prose ? headings(text) : language ? symbols(text, language) : () => undefined;
      this.cache.set(path, find);
    }
    return find(line);
  }
}

function symbols(text: string, language: string): (line: number) => string | undefined {
  const items = outline(text, language);
  return (line) => innermost(items, line)?.qualified;
}

/** The heading above a line: markdown `#` headings, reStructuredText titles underlined with = - ~ ^ and the like. */
function headings(text: string): (line: number) => string | undefined {
  const lines = text.split('\n');
  const at: Array<{ line: number; title: string }> = [];
  for (const [i, l] of lines.entries()) {
    const md = /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(l);
    if (md) at.push({ line: i + 1, title: md[1]! });
    else if (
      i > 0 &&
      /^([=\-~^"'`#*+])\1{2,}\s*$/.test(l) &&
      lines[i - 1]!.trim() &&
      !/^([=\-~^"'`#*+])\1{2,}\s*$/.test(lines[i - 1]!) &&
      l.trim().length >= lines[i - 1]!.trim().length - 1
    )
      at.push({ line: i, title: lines[i - 1]!.trim() });
  }
  return (line) => {
    let t: string | undefined;
    for (const h of at) if (h.line <= line) t = h.title;
    return t;
  };
}

/**
 * What ties a unit's sibling to a place its handler goes (`unitSteps`): the method its handler calls, or
 * for a sub-command whose variant is matched there (`footprint.ts` "dispatches"), the dispatch a new
 * command's arm joins. `step` adds what the new one does there.
 */
export function handlerPlace(
  sibling: string,
  e: { why: string },
  at: string,
  symbol?: string,
  step = false,
): string {
  if (e.why.startsWith('dispatches '))
    return `${sibling} is dispatched at ${at}${step ? '; the new command is handled beside it' : ''}`;
  return `${sibling} calls ${symbol ?? 'it'} at ${at}${step ? '; the new handler calls a method beside it' : ''}`;
}
