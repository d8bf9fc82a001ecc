import type { Code, Nodes } from 'mdast';
import type { PlanInput } from '../../domain/plan.js';
import { items, itemText, labelledLists, none, paragraphs, unlabel } from './sections.js';

/** plansmith's "## CI failure" block (failing step, error, category, causes, fixes, verify, prevention) read back. */
type Ci = NonNullable<PlanInput['ci']>;

const unquote = (s: string) => s.trim().replace(/^`|`$/g, '');

export function ciOf(nodes: Nodes[]): Ci | undefined {
  const facts = items(nodes.slice(0, 1).filter((n) => n.type === 'list')).map(itemText);
  const fact = (re: RegExp) => facts.map((f) => re.exec(f)).find(Boolean);
  const step = fact(/^\*\*Failing step:\*\*\s*(.*)$/);
  const error = fact(/^\*\*Error\*\* \(log line (\d+)\):\s*(.*)$/);
  const category = fact(/^\*\*Category:\*\*\s*(build|test|lint|env)$/);
  if (!step || !error || !category) return undefined;
  const paras = paragraphs(nodes);
  const label = (name: string) => {
    const hit = paras.find((p) => p.startsWith(`**${name}:**`));
    return hit ? unlabel(hit, name) : '';
  };
  const lists = labelledLists(nodes);
  const list = (name: string) => (lists.get(name) ?? []).filter((x) => !none(x));
  const verify = nodes.find((n): n is Code => n.type === 'code' && n.lang === 'bash');
  return {
    failing_step: unquote(step[1]!),
    error: unquote(error[2]!),
    log_line: Number(error[1]),
    category: category[1] as Ci['category'],
    root_causes: list('root-cause candidates').map((c) => {
      const [cause, files] = c.split(/\s+—\s+(?=`)/);
      return { cause: cause!.trim(), files: files ? files.split(/,\s*/).map(unquote) : [] };
    }),
    quick_fix: label('Quick fix'),
    proper_fix: label('Proper fix'),
    verify: verify ? verify.value.split('\n').filter(Boolean) : [],
    prevention: list('prevention'),
  };
}
