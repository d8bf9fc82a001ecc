import { parse } from 'shell-quote';

/**
 * A command line read as the shell reads it (shell-quote: quotes, escapes, operators, comments): the simple
 * commands it runs, each with its environment assignments, its words, and the folder it runs in after
 * `cd`. CI-only syntax (`${{ … }}`) and text the shell rejects are reported, not guessed at.
 */
export interface SimpleCommand {
  /** `NAME=value` words before the command. */
  env: Record<string, string>;
  argv: string[];
  /** The folder it runs in, relative to the root (`.` unless a `cd` came before). */
  cwd: string;
  /** The operator that joins it to the previous command (`&&`, `||`, `;`, `|`), '' for the first. */
  joined: string;
}

export interface ParsedCommand {
  commands: SimpleCommand[];
  /**
   * The command line as written without its trailing comment (a plan's check line ends in
   * `# expect · file:line`), to compare with the project's own commands; absent when it has none.
   */
  uncommented?: string;
  /** Why the shell cannot run it as written, when it cannot. */
  error?: string;
}

const ASSIGN = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Joins folder parts the way `cd` does, inside the root ('..' past the root stays at the root's parent marker). */
export function joinDir(cwd: string, dir: string): string {
  const parts = cwd === '.' ? [] : cwd.split('/');
  for (const p of dir.replace(/^\.\/?/, '').split('/')) {
    if (!p || p === '.') continue;
    if (p === '..') parts.pop();
    else parts.push(p);
  }
  return parts.join('/') || '.';
}

export function parseCommand(text: string): ParsedCommand {
  const ci = /\$\{\{[^}]*\}\}/.exec(text);
  if (ci)
    return {
      commands: [],
      error: `\`${ci[0]}\` is GitHub Actions syntax, filled in by the workflow; bash rejects it ("bad substitution"). Write the value the workflow would put there`,
    };
  const quotes = text.replace(/\\./g, '').replace(/'[^']*'|"(?:\\.|[^"\\])*"/g, '');
  if (/["']/.test(quotes)) return { commands: [], error: 'a quote is not closed' };
  const tokens = parse(text, (key) => `$${key}`);
  const note = tokens.find((t): t is { comment: string } => typeof t === 'object' && 'comment' in t);
  const at = note ? text.lastIndexOf(`#${note.comment}`) : -1;
  const commands: SimpleCommand[] = [];
  let cwd = '.';
  let current: SimpleCommand = { env: {}, argv: [], cwd, joined: '' };
  const flush = (op: string) => {
    if (current.argv.length || Object.keys(current.env).length) {
      if (current.argv[0] === 'cd' && current.argv[1]) cwd = joinDir(cwd, current.argv[1]);
      commands.push(current);
    }
    current = { env: {}, argv: [], cwd, joined: op };
  };
  for (const t of tokens) {
    if (typeof t === 'string') {
      if (!current.argv.length && ASSIGN.test(t)) {
        const eq = t.indexOf('=');
        current.env[t.slice(0, eq)] = t.slice(eq + 1);
      } else current.argv.push(t);
    } else if ('comment' in t) break;
    else if ('op' in t && t.op === 'glob') current.argv.push((t as { pattern: string }).pattern);
    else if ('op' in t) {
      if (/^[<>]/.test(t.op)) {
        current.argv.push(t.op);
        continue;
      }
      if (t.op === '(' || t.op === ')') continue;
      flush(t.op);
    }
  }
  flush('');
  // `env A=1 cmd` and `cross-env A=1 cmd` set the environment like an assignment.
  for (const c of commands) {
    while (/^(env|cross-env)$/.test(c.argv[0] ?? '') && c.argv.length > 1) {
      c.argv.shift();
      while (c.argv[0] && ASSIGN.test(c.argv[0])) {
        const w = c.argv.shift()!;
        c.env[w.slice(0, w.indexOf('='))] = w.slice(w.indexOf('=') + 1);
      }
    }
  }
  return at >= 0 ? { commands, uncommented: text.slice(0, at).trim() } : { commands };
}

/** A simple command as the shell would print it. */
export function show(c: SimpleCommand): string {
  return [...Object.entries(c.env).map(([k, v]) => `${k}=${v}`), ...c.argv]
    .map((w) => (/[\s"'$&|;<>()]/.test(w) ? `'${w}'` : w))
    .join(' ');
}
