import type { List, ListItem, Nodes } from 'mdast';
import type { PlanInput } from '../../domain/plan.js';
import { fileMentions } from './read.js';
import {
  dropped,
  items,
  itemText,
  markUsed,
  md,
  paragraphs,
  type Section,
  split,
  stripCheck,
  unbold,
} from './sections.js';

/**
 * The approaches of a plan's markdown: plansmith's own ("### Name (recommended)" or "### Option A: Name" with
 * labelled pros, cons, effort, best for and why not), and the shapes agents write: "## Approach: Name" with
 * "### Why …" lists, "### Rejected: Name", "**Pros**: a, b" (label closed before its colon), labels over lists,
 * an "Alternatives considered" list of "**Name** — why not".
 */
type Approach = NonNullable<PlanInput['approaches']>[number];

const SECTION = /^(?:recommended\s+)?approach|options|alternatives|rejected/;
const HEAD = /^(?:recommended\s+|chosen\s+)?approach(?:es)?\s*[:—–-]\s*(.+)$/i;
const PRO = /^(why\b|pros?\b|benefits|advantages|strengths)/i;
const CON = /^(cons?\b|trade-?offs|drawbacks|downsides|weaknesses)/i;
const REJECTED = /^(rejected|considered|alternative|not chosen)\s*[:—–-]\s*/i;
const LABEL = /^\*{0,2}([A-Za-z][\w /-]{0,30}?)(?::\*{0,2}|\*{0,2}:)\s*(.*)$/;

/** Labelled values of some nodes: "**Pros:** a; b" on a line, or a label over a list. */
function fields(nodes: Nodes[], own: boolean): { values: Map<string, string[]>; rest: string[] } {
  const values = new Map<string, string[]>();
  const rest: string[] = [];
  let pending: string | null = null;
  const splitValue = (v: string) =>
    !v || v === '—' ? [] : v.includes(';') || own ? v.split(/;\s*/).filter(Boolean) : v.split(/,\s*/);
  for (const n of nodes) {
    if (n.type === 'list' && pending) {
      values.set(pending, [
        ...(values.get(pending) ?? []),
        ...(n as List).children.map((li) => stripCheck(itemText(li as ListItem))),
      ]);
      pending = null;
      continue;
    }
    pending = null;
    if (n.type !== 'paragraph') continue;
    const lines = md(n).split('\n');
    const prose: string[] = [];
    for (const l of lines) {
      const m = LABEL.exec(l.trim().replace(/\s+$/, ''));
      if (!m) {
        prose.push(l);
        continue;
      }
      const label = m[1]!.toLowerCase().trim();
      const v = m[2]!.trim();
      if (!v) pending = label;
      else values.set(label, [...(values.get(label) ?? []), ...splitValue(v)]);
    }
    if (prose.join('').trim()) rest.push(prose.join('\n').trim());
  }
  return { values, rest };
}

function approachOf(title: string, nodes: Nodes[], own: boolean, rejectedHere: boolean): Approach {
  const rec = /\s*\(recommended\)$/i.exec(title);
  const rej = /\s*\((rejected|not chosen)\)$/i.exec(title);
  let name = title.slice(0, (rec ?? rej)?.index ?? title.length).trim();
  name = name.replace(/^option\s+\w+\s*[:.—–-]\s*/i, '');
  const rejected = rejectedHere || Boolean(rej) || REJECTED.test(name);
  name = unbold(name.replace(REJECTED, ''));
  const { values, rest } = fields(nodes, own);
  const get = (...labels: string[]) => labels.flatMap((l) => values.get(l) ?? []);
  for (const k of values.keys())
    if (!/^(pros?|cons?|why not|why|rejected because|best for|effort|summary)$/.test(k))
      dropped(nodes[0] ?? 1, `"${k}" of the approach "${name}"`);
  for (const more of rest.slice(1))
    dropped(nodes[0] ?? 1, `"${more.slice(0, 60)}" of the approach "${name}"`);
  return {
    name,
    summary: rest[0] ?? get('summary').join('; '),
    pros: get('pros', 'pro', 'why'),
    cons: get('cons', 'con', 'why not', 'rejected because'),
    effort: get('effort').join('; '),
    best_for: get('best for').join('; '),
    recommended: Boolean(rec) && !rejected,
  };
}

export function approachesOf(sections: Section[], own: boolean): Approach[] {
  const out: Approach[] = [];
  const found = sections.filter((s) => SECTION.test(s.title.toLowerCase()) && !/^phase/i.test(s.title));
  // plansmith's tasks style keeps its approaches in a sub-section of the architecture summary.
  if (!found.length)
    for (const s of sections) {
      const sub = split(s.nodes, (s.heading?.depth ?? 2) + 1)
        .slice(1)
        .find((x) => /^approach/i.test(x.title));
      if (sub) found.push(sub);
    }
  for (const sec of found) {
    markUsed(sec);
    const depth = (sec.heading?.depth ?? 2) + 1;
    const parts = split(sec.nodes, depth);
    const head = HEAD.exec(sec.title);
    const rejectedHere = /alternatives|rejected/i.test(sec.title);
    let main: Approach | undefined;
    if (head) {
      main = approachOf(head[1]!, parts[0]!.nodes, own, false);
      main.recommended = true;
      out.push(main);
    }
    for (const o of parts.slice(1)) {
      if (main && PRO.test(o.title) && !CON.test(o.title)) main.pros!.push(...listed(o.nodes));
      else if (main && CON.test(o.title)) main.cons!.push(...listed(o.nodes));
      else out.push(approachOf(o.title, o.nodes, own, rejectedHere));
    }
    if (parts.length > 1 || head) continue;
    // plansmith's earlier paragraphs, or a list of "**Name** — why not".
    for (const p of paragraphs(sec.nodes)) {
      const rec = /^(.+?) \(recommended\) — (.*)$/.exec(p);
      const other = /^Considered: (.+?) — (.*?)(?: Not chosen: (.*?)\.)?$/.exec(p);
      const pc = /^Pros: (.*?)\. Cons: (.*?)\.$/.exec(p);
      const list = (s?: string) => (s && s !== '—' ? s.split(/;\s*/).filter(Boolean) : []);
      if (rec) out.push({ name: unbold(rec[1]!), summary: rec[2]!, recommended: true });
      else if (pc && out.length)
        Object.assign(out[out.length - 1]!, { pros: list(pc[1]), cons: list(pc[2]) });
      else if (other) out.push({ name: unbold(other[1]!), summary: other[2]!.trim(), cons: list(other[3]) });
      else if (!/^_/.test(p)) dropped(sec.heading ?? 1, `"${p.slice(0, 60)}" under "${sec.title}"`);
    }
    for (const li of items(sec.nodes)) {
      const t = stripCheck(itemText(li));
      const m = /^\*\*(.+?)\*\*\s*[—–:-]?\s*(.*)$/.exec(t);
      if (fileMentions(li).length) continue; // a file list (read with the phases' files)
      if (!m || !rejectedHere) {
        dropped(li, `"${t.slice(0, 60)}" under "${sec.title}"`);
        continue;
      }
      const why = /(?:^|\.\s+)(?:why not|rejected(?: because)?|not chosen)\s*:\s*(.*)$/i.exec(m[2]!);
      out.push({
        name: m[1]!.trim(),
        summary: why ? m[2]!.slice(0, why.index).trim() : m[2]!.trim(),
        cons: why ? [why[1]!.trim()] : [],
        recommended: false,
      });
    }
  }
  return out;
}

const listed = (nodes: Nodes[]) => items(nodes).map((li) => stripCheck(itemText(li)));
