import type { Heading, List, ListItem, Nodes, Paragraph, Table } from 'mdast';
import { markdownOf, text } from './read.js';

/** Reading a plan's markdown by sections: splitting at headings, list items and labels, values as written. */

export interface Section {
  heading: Heading | null;
  title: string;
  nodes: Nodes[];
}

/** Splits nodes at headings of `depth` (and shallower): the nodes before the first one come first. */
export function split(nodes: Nodes[], depth: number): Section[] {
  const out: Section[] = [{ heading: null, title: '', nodes: [] }];
  for (const n of nodes) {
    if (n.type === 'heading' && (n as Heading).depth <= depth)
      out.push({ heading: n as Heading, title: md(n).trim(), nodes: [] });
    else out[out.length - 1]!.nodes.push(n);
  }
  return out;
}

export const isHtml = (n: Nodes) => n.type === 'html';
/** The source being imported: values keep their markdown (code spans, emphasis) as written. */
let SOURCE = '';
/** The source the helpers below read values from (one import at a time; imports are synchronous). */
export function useSource(source: string): void {
  SOURCE = source;
}
export const sourceOf = (nodes: Nodes[]) => markdownOf(SOURCE, nodes);
export const md = (n: Nodes) =>
  'children' in n && n.children.length ? markdownOf(SOURCE, n.children as Nodes[]) : text(n);
export const items = (nodes: Nodes[]): ListItem[] =>
  nodes.filter((n): n is List => n.type === 'list').flatMap((l) => l.children as ListItem[]);
/** The first line of a list item (its own paragraph, not the nested lists). */
export const itemText = (li: ListItem) =>
  (li.children as Nodes[])
    .filter((c) => c.type !== 'list')
    .map(md)
    .join(' ')
    .trim();
export const paragraphs = (nodes: Nodes[]) =>
  nodes.filter((n): n is Paragraph => n.type === 'paragraph').map((p) => md(p).trim());
export const stripCheck = (s: string) => s.replace(/^\[[ xX]\]\s*/, '').trim();
/** Markdown emphasis around a whole value removed: "**Name**" → "Name". */
export const unbold = (s: string) => s.replace(/^\*\*(.*)\*\*$/s, '$1').trim();
/** A labelled paragraph ("**Requirement:** text") without its label. */
export const unlabel = (s: string, label: string) =>
  s.replace(new RegExp(`^\\*{0,2}${label}:\\*{0,2}\\s*`, 'i'), '').trim();
export const labelled = (s: string, label: string) => new RegExp(`^\\*{0,2}${label}:`, 'i').test(s);
export const none = (s: string) =>
  /^_?(none|none identified|one approach|single straightforward approach)\.?_?$/i.test(s);
export const listOf = (nodes: Nodes[]) =>
  items(nodes)
    .map(itemText)
    .map(stripCheck)
    .filter((s) => s && !none(s));

export function find(sections: Section[], re: RegExp): Section | undefined {
  return sections.find((s) => re.test(s.title.toLowerCase()));
}

export const minutes = (s: string): number | undefined => {
  const m = /~?\s*([\d.]+)\s*(h|hours?|min|minutes?)\b/i.exec(s);
  if (!m) return undefined;
  return Math.round(Number(m[1]) * (/^h/i.test(m[2]!) ? 60 : 1));
};

/** "text (`file:line`)" → a finding with evidence. */
export function finding(s: string): {
  text: string;
  evidence?: { file: string; line: number };
  line?: number;
} {
  const m = /^(.*?)\s*\(([^()\s]+):(\d+)\)\s*$/.exec(s);
  return m ? { text: m[1]!, evidence: { file: m[2]!, line: Number(m[3]) } } : { text: s };
}

export function tableRows(nodes: Nodes[]): string[][] {
  const t = nodes.find((n): n is Table => n.type === 'table');
  if (!t) return [];
  return t.children.slice(1).map((r) => r.children.map((c) => md(c).trim()));
}

/** Paragraphs that are not labels ("**Files to create:**") and not fence comments. */
export function prose(nodes: Nodes[]): string[] {
  return paragraphs(nodes.filter((n) => !isHtml(n))).filter(
    (p) => !/^\*?\*?[^*]{0,60}:\*?\*?$/.test(p) && !/:$/.test(p),
  );
}
