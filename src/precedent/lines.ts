/**
 * Where a line of a source file stands, read from the file's text: inside a Python triple-quoted string (a
 * docstring or a help text: prose about a name, not code that builds it), or in the decorator stack of the
 * function below it. Pure; the offline engine asks them of footprint lines before it plans an edit point.
 */

/**
 * The lines of a Python file that lie in a triple-quoted string (a docstring, a help text): a line there
 * that names the sibling is prose about it, not a place where it is built.
 */
export function stringLines(lines: string[]): Set<number> {
  const out = new Set<number>();
  let open = false;
  for (const [i, l] of lines.entries()) {
    const marks = l.match(/"""|'''/g)?.length ?? 0;
    // A line that opens a string after code (`help="""…`) is code; one that starts with it is the string.
    if (open || /^\s*[rbuf]*("""|''')/i.test(l)) out.add(i + 1);
    if (marks % 2) open = !open;
  }
  return out;
}

/**
 * The function a decorator's line belongs to (`@click.option("--x", …)` stacked over `def main`): the next
 * item, when every line from the entry's down to it is part of the decorator stack (a line at the item's
 * indentation opens with `@` or closes a bracket; the others are deeper) and the stack opens with `@`.
 */
export function decoratedBy<T extends { start_line: number }>(
  lines: string[],
  items: T[],
  line: number,
): T | undefined {
  const next = items.filter((i) => i.start_line > line).sort((a, b) => a.start_line - b.start_line)[0];
  if (!next) return undefined;
  const indent = /^\s*/.exec(lines[next.start_line - 1] ?? '')![0];
  const inStack = (l: string) =>
    !l.trim() || l.startsWith(`${indent} `) || /^[@)\]]/.test(l.slice(indent.length));
  let top = line;
  while (top > 1 && !lines[top - 1]!.slice(indent.length).startsWith('@') && inStack(lines[top - 1]!)) top--;
  const stack = lines.slice(top - 1, next.start_line - 1);
  return stack[0]?.slice(indent.length).startsWith('@') && stack.every(inStack) ? next : undefined;
}
