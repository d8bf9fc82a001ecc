import { createHash } from 'node:crypto';
import type { Element, Nodes, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { toHast } from 'mdast-util-to-hast';
import { markdownBudget } from '../domain/limits.js';
import { markdownTree, parseAhead } from '../planning/markdown/tree.js';

const SAFE_URL = /^(https?:|mailto:|#|\/(?!\/)|\.{0,2}\/|[\w.-]+(\/|$|#|\?))/i;

/** Links and images only to the web, the page or relative paths: never `javascript:` or `data:`. */
function clean(node: Nodes): void {
  if (node.type === 'element') {
    const el = node as Element;
    for (const key of ['href', 'src'] as const) {
      const v = el.properties?.[key];
      if (typeof v === 'string' && !SAFE_URL.test(v.trim())) delete el.properties[key];
    }
  }
  if ('children' in node) for (const c of node.children) clean(c as Nodes);
}

/**
 * A plan's markdown as HTML for the dashboard. Raw HTML in the plan (plansmith's fence comments, or
 * anything a person or a model wrote) is dropped, not passed through, and unsafe link targets are removed:
 * a plan cannot run script in the page (the page's CSP forbids it besides).
 */
export function markdownToHtml(markdown: string): string {
  const key = createHash('sha256').update(markdown).digest('hex');
  const hit = rendered.get(key);
  if (hit !== undefined) {
    // Most recently used last: the oldest entry is the one dropped.
    rendered.delete(key);
    rendered.set(key, hit);
    return hit;
  }
  const html = render(markdown);
  rendered.set(key, html);
  if (rendered.size > CACHED) rendered.delete(rendered.keys().next().value!);
  return html;
}

/**
 * `markdownToHtml` for a request handler: a plan not rendered yet is parsed on a worker thread first (under
 * the server's time limit, so the event loop stays free), then rendered from that tree.
 */
export async function planHtml(markdown: string, file: string): Promise<string> {
  const key = createHash('sha256').update(markdown).digest('hex');
  if (!rendered.has(key) && !markdownBudget(markdown)) await parseAhead([markdown], file);
  return markdownToHtml(markdown);
}

/** Rendered plans by the SHA-256 of their markdown: the board and plan pages ask for the same file often. */
const rendered = new Map<string, string>();
const CACHED = 64;
let renders = 0;
/** How many plans were rendered, not answered from the cache (the security suite checks the cache by it). */
export const renderCount = (): number => renders;

function render(markdown: string): string {
  renders++;
  // Over the markdown budget (size, delimiter runs, bracket nesting): said, not parsed.
  const over = markdownBudget(markdown);
  if (over)
    return `<p><strong>Not rendered</strong>: line ${over.line}: ${over.message.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`)}</p>`;
  const tree = markdownTree(markdown);
  const hast = toHast(tree, { allowDangerousHtml: false }) as Root;
  clean(hast);
  return toHtml(hast);
}
