/**
 * Symbols defined in a file (functions, classes, methods, exported names), by per-language patterns.
 * Regular expressions, not parsers: they miss some exotic forms but cost nothing to install and read a
 * 50k-file tree in seconds; ranking only needs the names a requirement might mention.
 */
export interface SymbolDef {
  name: string;
  line: number;
}

const JS = [
  /(?:^|\n)\s*(?:export\s+)?(?:default\s+)?(?:async\s+)?function\s*\*?\s*([A-Za-z_$][\w$]*)/g,
  /(?:^|\n)\s*(?:export\s+)?(?:default\s+)?(?:abstract\s+)?class\s+([A-Za-z_$][\w$]*)/g,
  /(?:^|\n)\s*(?:export\s+)?(?:const|let|var)\s+([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?(?:function|\(|[A-Za-z_$][\w$]*\s*=>)/g,
  /(?:^|\n)\s*(?:export\s+)?(?:interface|type|enum)\s+([A-Za-z_$][\w$]*)/g,
  /(?:^|\n)\s*(?:(?:public|private|protected|static|async|get|set|readonly)\s+)*([A-Za-z_$][\w$]*)\s*\([^)\n]*\)\s*(?::\s*[^{\n]+)?\{/g,
  /(?:^|\n)\s*[\w$.]*?\.([A-Za-z_$][\w$]*)\s*=\s*(?:async\s*)?function/g,
  /(?:^|\n)\s*(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/g,
  /(?:^|\n)\s*([A-Za-z_$][\w$]*)\s*:\s*(?:async\s*)?function/g,
];
const PY = [
  /(?:^|\n)[ \t]*(?:async[ \t]+)?def[ \t]+([A-Za-z_]\w*)/g,
  /(?:^|\n)[ \t]*class[ \t]+([A-Za-z_]\w*)/g,
  /(?:^|\n)([A-Z][A-Z0-9_]{2,})[ \t]*=/g,
];
const GO = [
  /(?:^|\n)func\s+(?:\([^)]*\)\s*)?([A-Za-z_]\w*)/g,
  /(?:^|\n)type\s+([A-Za-z_]\w*)\s+(?:struct|interface)/g,
];
const RUST = [
  /(?:^|\n)\s*(?:pub(?:\([^)]*\))?\s+)?(?:async\s+)?fn\s+([A-Za-z_]\w*)/g,
  /(?:^|\n)\s*(?:pub(?:\([^)]*\))?\s+)?(?:struct|enum|trait)\s+([A-Za-z_]\w*)/g,
];
const JVM = [
  /(?:^|\n)\s*(?:[\w@]+\s+)*(?:class|interface|enum|record|object)\s+([A-Za-z_]\w*)/g,
  /(?:^|\n)\s*(?:(?:public|private|protected|static|final|abstract|synchronized|override|suspend|open|internal)\s+)+(?:fun\s+)?(?:<[^>]+>\s*)?(?:[\w<>[\],.?]+\s+)?([A-Za-z_]\w*)\s*\(/g,
  /(?:^|\n)\s*fun\s+(?:<[^>]+>\s*)?(?:[\w.]+\.)?([A-Za-z_]\w*)\s*\(/g,
];
const RUBY = [
  /(?:^|\n)\s*def\s+(?:self\.)?([A-Za-z_]\w*[?!=]?)/g,
  /(?:^|\n)\s*(?:class|module)\s+([A-Z]\w*)/g,
];
const PHP = [
  /(?:^|\n)\s*(?:(?:public|private|protected|static|abstract|final)\s+)*function\s+([A-Za-z_]\w*)/g,
  /(?:^|\n)\s*(?:abstract\s+|final\s+)?(?:class|interface|trait|enum)\s+([A-Za-z_]\w*)/g,
];
const XANO = [
  /(?:^|\n)\s*(?:query|function|table|task|workflow_test|api_group|agent|tool|mcp_server)\s+"([^"]+)"/g,
];

const BY_LANGUAGE: Record<string, RegExp[]> = {
  TypeScript: JS,
  JavaScript: JS,
  Vue: JS,
  Svelte: JS,
  Python: PY,
  Go: GO,
  Rust: RUST,
  Java: JVM,
  Kotlin: JVM,
  'C#': JVM,
  Scala: JVM,
  Ruby: RUBY,
  PHP: PHP,
  XanoScript: XANO,
};
const NOT_NAMES = new Set([
  'if',
  'for',
  'while',
  'switch',
  'catch',
  'function',
  'return',
  'constructor',
  'else',
  'do',
  'try',
  'with',
  'new',
  'typeof',
  'super',
  'this',
]);

/** Every definition once by name (for ranking), or with `all`, every definition at each place it occurs. */
export function extractSymbols(
  text: string,
  language: string | null,
  options: { all?: boolean } = {},
): SymbolDef[] {
  const patterns = language ? BY_LANGUAGE[language] : undefined;
  if (!patterns) return [];
  const found = new Map<string, number>();
  const at = new Set<number>();
  for (const re of patterns) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const name = m[1]!;
      const pos = m.index! + m[0].length - name.length;
      // A name after Rust's `fn` is a definition's, `new` too (every type's constructor); elsewhere a
      // keyword before a bracket is no name.
      if ((language !== 'Rust' && NOT_NAMES.has(name)) || (options.all ? at.has(pos) : found.has(name)))
        continue;
      at.add(pos);
      found.set(options.all ? `${name}\u0000${pos}` : name, pos);
    }
  }
  if (found.size === 0) return [];
  // Line numbers in one pass over the text.
  const entries = [...found.entries()]
    .map(([k, pos]) => [k.split('\u0000')[0]!, pos] as [string, number])
    .sort((a, b) => a[1] - b[1]);
  const out: SymbolDef[] = [];
  let line = 1;
  let pos = 0;
  for (const [name, at] of entries) {
    for (let k = text.indexOf('\n', pos); k >= 0 && k < at; k = text.indexOf('\n', k + 1)) {
      line++;
      pos = k + 1;
    }
    out.push({ name, line });
  }
  return out;
}

/** Relative imports of a file, as written (resolved by the caller against the inventory). */
export function extractImports(text: string, language: string | null): string[] {
  const out: string[] = [];
  if (language === 'TypeScript' || language === 'JavaScript' || language === 'Vue' || language === 'Svelte') {
    for (const m of text.matchAll(
      /(?:import|export)\s[^'"\n]*?from\s*['"]([^'"]+)['"]|require\(\s*['"]([^'"]+)['"]\s*\)|import\(\s*['"]([^'"]+)['"]\s*\)/g,
    )) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      if (spec.startsWith('.')) out.push(spec);
    }
  } else if (language === 'Python') {
    for (const m of text.matchAll(/^\s*(?:from\s+([.\w]+)\s+import|import\s+([\w.]+))/gm))
      out.push(m[1] ?? m[2]!);
  }
  return out;
}
