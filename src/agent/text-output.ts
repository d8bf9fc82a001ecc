/**
 * A tool's result as plain text for the model: `key: value` lines, lists as `- item`, nested values
 * indented, multi-line text as a block. No JSON quoting, so code and paths reach the model as written
 * (a JSON string of a source file doubles every quote and newline).
 */
export function toText(value: unknown, indent = ''): string {
  if (value === null || value === undefined) return `${indent}(none)`;
  if (typeof value !== 'object') return block(String(value), indent);
  if (Array.isArray(value)) {
    if (!value.length) return `${indent}(none)`;
    return value
      .map((v) =>
        isScalar(v)
          ? `${indent}- ${String(v)}`
          : `${indent}-\n${toText(v, `${indent}  `)}`.replace(`-\n${indent}  `, '- '),
      )
      .join('\n');
  }
  const lines: string[] = [];
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    if (v === undefined) continue;
    if (isScalar(v) && !String(v).includes('\n')) lines.push(`${indent}${k}: ${String(v)}`);
    else if (Array.isArray(v) && !v.length) lines.push(`${indent}${k}: (none)`);
    else lines.push(`${indent}${k}:\n${toText(v, `${indent}  `)}`);
  }
  return lines.length ? lines.join('\n') : `${indent}(none)`;
}

const isScalar = (v: unknown) => v === null || typeof v !== 'object';

const block = (text: string, indent: string) =>
  indent
    ? text
        .split('\n')
        .map((l) => `${indent}${l}`)
        .join('\n')
    : text;
