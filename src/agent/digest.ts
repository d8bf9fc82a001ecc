import { languageOf } from '../explore/languages.js';
import { outline } from '../explore/outline.js';

type Json = Record<string, unknown>;

const list = (xs: unknown, n: number) => {
  const a = Array.isArray(xs) ? xs.map(String) : [];
  return a.length > n ? `${a.slice(0, n).join(', ')}, and ${a.length - n} more` : a.join(', ');
};

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

/**
 * What an older tool result is reduced to once the model has read it: what was asked and what was found,
 * in a line or two. The model keeps its notes (think) for the rest and can run the tool again.
 */
export function digestOf(tool: string, input: unknown, output: unknown): string {
  const i = (input ?? {}) as Json;
  const o = (output ?? {}) as Json;
  const head = `[digest of an earlier ${tool} result; call again for the text]`;
  if (typeof o.error === 'string') return `${head} refused: ${clip(o.error, 200)}`;
  switch (tool) {
    case 'read_file': {
      const text = typeof o.text === 'string' ? o.text.replace(/^\d+\t/gm, '') : '';
      const from = Number(o.from ?? 1);
      const symbols = outline(text, languageOf(String(o.path ?? '')))
        .slice(0, 8)
        .map((s) => `${s.qualified} (${s.start_line + from - 1}-${s.end_line + from - 1})`);
      return `${head} read ${o.path} lines ${o.from}-${o.to} of ${o.total_lines}${symbols.length ? `; it defines ${symbols.join(', ')}` : ''}`;
    }
    case 'grep': {
      const hits = Array.isArray(o.matches) ? (o.matches as string[]) : [];
      const files = new Map<string, number>();
      for (const h of hits) {
        const f = h.split(':')[0]!;
        files.set(f, (files.get(f) ?? 0) + 1);
      }
      return `${head} /${i.pattern}/${i.glob ? ` in ${i.glob}` : ''}: ${hits.length}${o.truncated ? '+' : ''} matches in ${list(
        [...files].map(([f, n]) => `${f} (${n})`),
        6,
      )}`;
    }
    case 'glob':
      return `${head} ${i.pattern}: ${o.total} files: ${list(o.files, 8)}`;
    case 'list_dir':
      return `${head} ${o.path}: folders ${list(o.folders, 8) || '(none)'}; files ${list(o.files, 8) || '(none)'}`;
    case 'search_skills':
      return `${head} ${list(
        (Array.isArray(o.skills) ? (o.skills as Json[]) : []).map((s) => s.full_id),
        8,
      )}`;
    case 'research':
      return `${head} ${i.area}: ${clip(String(o.findings ?? ''), 1200)}`;
    case 'think':
      return `${head} step ${i.step_number}: ${clip(String(i.step ?? ''), 300)}`;
    case 'explore_codebase':
      return `${head} commands: ${list(
        (Array.isArray(o.commands) ? (o.commands as Json[]) : []).map((c) => c.command),
        8,
      )}; relevant files: ${list(
        (Array.isArray(o.relevant_files) ? (o.relevant_files as Json[]) : []).map((f) => f.path),
        15,
      )}`;
    default: {
      const text = JSON.stringify(output) ?? '';
      return `${head} ${clip(text, 400)}`;
    }
  }
}
