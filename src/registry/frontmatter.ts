import { isMap, LineCounter, parseDocument } from 'yaml';

export interface Parsed {
  fields: Record<string, unknown>;
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Line of each top-level key, for precise messages. */
  keyLines: Record<string, number>;
}

export class FrontmatterError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** Frontmatter is a few fields; anything larger is refused before YAML sees it. */
export const FRONTMATTER_MAX_CHARS = 64 * 1024;

/** Splits `---` YAML frontmatter from a markdown body; a YAML error carries its line in the file. */
export function parseFrontmatter(text: string): Parsed {
  const src = text.replace(/^\uFEFF/, '');
  if (!/^---\r?\n/.test(src)) return { fields: {}, body: src, bodyLine: 1, keyLines: {} };
  const end = src.search(/\r?\n---\s*(\r?\n|$)/);
  if (end < 0)
    throw new FrontmatterError('the frontmatter starts with --- but never ends (no closing ---)', 1);
  const yamlText = src.slice(src.indexOf('\n') + 1, end + 1);
  if (yamlText.length > FRONTMATTER_MAX_CHARS)
    throw new FrontmatterError(
      `the frontmatter is ${yamlText.length} characters, over the limit of ${FRONTMATTER_MAX_CHARS}`,
      1,
    );
  const lc = new LineCounter();
  const doc = parseDocument(yamlText, { lineCounter: lc, prettyErrors: false });
  if (doc.errors.length) {
    const e = doc.errors[0]!;
    const pos = e.linePos?.[0];
    throw new FrontmatterError(`invalid YAML: ${e.message.split('\n')[0]}`, (pos?.line ?? 1) + 1);
  }
  let value: unknown;
  try {
    // Aliases are expanded with a small cap: a "billion laughs" document is refused, not expanded.
    value = doc.toJS({ maxAliasCount: 50 }) ?? {};
  } catch (e) {
    throw new FrontmatterError(`invalid YAML: ${(e as Error).message.split('\n')[0]}`, 2);
  }
  if (typeof value !== 'object' || Array.isArray(value))
    throw new FrontmatterError('the frontmatter is not a mapping of fields', 2);
  const keyLines: Record<string, number> = {};
  if (isMap(doc.contents)) {
    for (const item of doc.contents.items) {
      const key = item.key as { value?: unknown; range?: [number, number, number] };
      if (key?.range) keyLines[String(key.value)] = lc.linePos(key.range[0]).line + 1;
    }
  }
  const rest = src.slice(end + 1).replace(/^---\s*\r?\n?/, '');
  const bodyLine = src.slice(0, src.length - rest.length).split('\n').length;
  return { fields: value as Record<string, unknown>, body: rest, bodyLine, keyLines };
}
