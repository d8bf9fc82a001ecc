import type { Element, Nodes, Root } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { toHast } from 'mdast-util-to-hast';
import { gfm } from 'micromark-extension-gfm';

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
  const tree = fromMarkdown(markdown, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
  const hast = toHast(tree, { allowDangerousHtml: false }) as Root;
  clean(hast);
  return toHtml(hast);
}
