import { createHash } from 'node:crypto';

/**
 * Machine-owned sections of a markdown file are fenced with comment markers carrying a hash of what
 * plansmith wrote:
 *
 *   <!-- plansmith:steps:begin sha=1a2b3c4d -->
 *   …
 *   <!-- plansmith:steps:end -->
 *
 * A rewrite replaces a section only if it still holds what plansmith wrote. Text outside fences is
 * never touched, and a section a person edited is kept as their text (its markers dropped) with the
 * new version placed right after it. Nothing written by hand is lost.
 */
const BEGIN = /^<!-- plansmith:([a-z0-9_-]+):begin(?: sha=([0-9a-f]+))? -->$/;
const END = /^<!-- plansmith:([a-z0-9_-]+):end -->$/;

const sha = (body: string) => createHash('sha256').update(body.trim()).digest('hex').slice(0, 12);

export function fence(name: string, body: string): string {
  return `<!-- plansmith:${name}:begin sha=${sha(body)} -->\n${body.trim()}\n<!-- plansmith:${name}:end -->`;
}

type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'fence'; name: string; sha: string | null; body: string; raw: string };

export function parseFences(doc: string): Segment[] {
  const lines = doc.split('\n');
  const out: Segment[] = [];
  let text: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const b = BEGIN.exec(lines[i]!.trim());
    if (b) {
      const end = lines.findIndex((l, k) => k > i && END.exec(l.trim())?.[1] === b[1]);
      if (end > i) {
        if (text.length) out.push({ kind: 'text', text: text.join('\n') });
        text = [];
        out.push({
          kind: 'fence',
          name: b[1]!,
          sha: b[2] ?? null,
          body: lines.slice(i + 1, end).join('\n'),
          raw: lines.slice(i, end + 1).join('\n'),
        });
        i = end;
        continue;
      }
    }
    text.push(lines[i]!);
  }
  if (text.length) out.push({ kind: 'text', text: text.join('\n') });
  return out;
}

export interface MergeResult {
  content: string;
  /** Sections a person had edited: kept as their text, with the new version after them. */
  keptEdits: string[];
}

/** The lines of a person's edit the new version does not already hold (compared trimmed; blank lines aside). */
function notIn(edit: string, version: string): string {
  const have = new Set(version.split('\n').map((l) => l.trim()));
  const left = edit.split('\n').filter((l) => !l.trim() || !have.has(l.trim()));
  return left.join('\n').trim();
}

/**
 * Merges a freshly rendered document into the existing one (see above). `absorbed`: the new revision was
 * read from the edited file itself (an import), so an edited section's new version already holds the edit;
 * only the lines of it the new version lacks are kept, after it, and a section whose edit it holds whole is
 * written once.
 */
export function mergeFenced(
  existing: string,
  rendered: string,
  options: { absorbed?: boolean } = {},
): MergeResult {
  const fresh = parseFences(rendered).filter(
    (s): s is Extract<Segment, { kind: 'fence' }> => s.kind === 'fence',
  );
  const byName = new Map(fresh.map((f) => [f.name, f]));
  const used = new Set<string>();
  const keptEdits: string[] = [];
  const out: string[] = [];
  for (const seg of parseFences(existing)) {
    if (seg.kind === 'text') {
      out.push(seg.text);
      continue;
    }
    const next = byName.get(seg.name);
    const edited = seg.sha !== null && sha(seg.body) !== seg.sha;
    if (edited && next && options.absorbed) {
      const left = notIn(seg.body, next.body);
      out.push(next.raw);
      used.add(seg.name);
      if (left) {
        keptEdits.push(seg.name);
        out.push(left);
      }
      continue;
    }
    if (edited) {
      keptEdits.push(seg.name);
      out.push(seg.body);
    }
    if (next) {
      out.push(next.raw);
      used.add(seg.name);
    } else if (!edited) {
      // The section is gone from the new revision: leave its markers, empty, so a person sees where it was.
      out.push(fence(seg.name, ''));
    }
  }
  const added = fresh.filter((f) => !used.has(f.name));
  if (added.length) out.push('', ...added.map((f) => `${f.raw}\n`));
  return {
    content: `${out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`,
    keptEdits,
  };
}
