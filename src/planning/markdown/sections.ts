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
/** The sections an import read, and the lines it read past without mapping them (reported, never silent). */
let USED = new Set<Nodes[]>();
let DROPPED: NotImported[] = [];
export interface NotImported {
  line: number;
  what: string;
}
/** The source the helpers below read values from (one import at a time; imports are synchronous). */
export function useSource(source: string): void {
  SOURCE = source;
  USED = new Set();
  DROPPED = [];
}
/** A section whose content the import maps (so it is not reported). */
export const markUsed = (s: Section | undefined) => {
  if (s) USED.add(s.nodes);
};
/** Something read but not mapped to the model: reported as "not imported: …". */
export const dropped = (n: Nodes | number, what: string) =>
  DROPPED.push({ line: typeof n === 'number' ? n : (n.position?.start.line ?? 1), what });
/** The sections no part of the import read, with what else it dropped, in the order of the file. */
export function notImported(sections: Section[]): NotImported[] {
  const out = [...DROPPED];
  for (const s of sections) {
    if (USED.has(s.nodes) || !s.heading) continue;
    if (!s.nodes.some((n) => n.type !== 'html' && n.type !== 'thematicBreak')) continue;
    out.push({ line: s.heading.position?.start.line ?? 1, what: `the section "${s.title}"` });
  }
  return out.sort((a, b) => a.line - b.line);
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
  s.replace(new RegExp(`^\\*{0,2}${label}(?::\\*{0,2}|\\*{0,2}:)\\s*`, 'i'), '').trim();
export const labelled = (s: string, label: string) =>
  new RegExp(`^\\*{0,2}${label}(?::|\\*{0,2}:)`, 'i').test(s);
/** Values of a "Label: a; b" line: split at semicolons, or at commas when there is none. */
export const splitList = (v: string) =>
  (v.includes(';') ? v.split(/;\s*/) : v.split(/,\s*/)).map((x) => x.trim()).filter(Boolean);
/** The lists under label paragraphs ("**Decisions and assumptions:**" over a list), by lower-case label. */
export function labelledLists(nodes: Nodes[]): Map<string, string[]> {
  return new Map([...labelledItems(nodes)].map(([k, v]) => [k, v.map(itemText).map(stripCheck)]));
}
/** The same lists' items as nodes, with the lists nested in them (a covering test's model). */
export function labelledItems(nodes: Nodes[]): Map<string, ListItem[]> {
  const out = new Map<string, ListItem[]>();
  let label: string | null = null;
  for (const n of nodes) {
    if (n.type === 'paragraph') {
      const m = /^\*{0,2}([^*:\n]{1,60})(?::\*{0,2}|\*{0,2}:)\s*$/.exec(md(n).trim());
      label = m ? m[1]!.trim().toLowerCase() : null;
    } else if (n.type === 'list' && label) {
      out.set(label, [...(out.get(label) ?? []), ...items([n])]);
      label = null;
    } else if (n.type !== 'html') label = null;
  }
  return out;
}
/** The first lines of the items of the lists nested in a list item. */
export const nestedTexts = (li: ListItem) =>
  items((li.children as Nodes[]).filter((c) => c.type === 'list')).map(itemText);
export const none = (s: string) =>
  /^_?(none|none identified|one approach|single straightforward approach)\.?_?$/i.test(s);
export const listOf = (nodes: Nodes[]) =>
  items(nodes)
    .map(itemText)
    .map(stripCheck)
    .filter((s) => s && !none(s));

export function find(sections: Section[], re: RegExp): Section | undefined {
  const hit = sections.find((s) => re.test(s.title.toLowerCase()));
  markUsed(hit);
  return hit;
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
  const m = /^(.*?)\s*\(`?([^()\s`]+):(\d+)`?\)\s*$/.exec(s);
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
