import { performance } from 'node:perf_hooks';
import { FileAccessError, type ProjectFiles, projectFiles } from '../files/project-files.js';
import type { Convention } from './conventions.js';
import { learnConventions } from './conventions.js';
import type { Inventory, InventoryFile, SkipReason } from './inventory.js';
import { inventory as takeInventory } from './inventory.js';
import type { CodebaseProfile } from './profile.js';
import { profileCodebase } from './profile.js';
import type { IndexedFile, Relevance } from './relevance.js';
import { rankFiles } from './relevance.js';
import { extractSymbols } from './symbols.js';

export interface ExploreOptions {
  /** The requirement to rank files for. */
  for?: string;
  top?: number;
  maxFileBytes?: number;
  onProgress?: (phase: string, done: number, total: number) => void;
}

export interface ExploreReport {
  root: string;
  inventory: {
    source: Inventory['source'];
    files: number;
    bytes: number;
    skipped: Record<SkipReason | 'binary_content', number>;
    skipped_examples: Inventory['skippedExamples'];
    /** Present, never read. */
    secrets: string[];
    /** Files whose bytes were not valid UTF-8 (read with replacement characters). */
    non_utf8: number;
    max_file_bytes: number;
  };
  profile: CodebaseProfile;
  conventions: Convention[];
  relevance?: Relevance;
  timings_ms: Record<string, number>;
}

/** Reads an inventoried file through the file layer: null when it cannot be read, 'binary', or 'secret'. */
function readInventoried(
  files: ProjectFiles,
  f: InventoryFile,
): { text: string; lossy: boolean } | 'binary' | 'secret' | null {
  try {
    return files.readText(f.path, { maxBytes: 8 * 1024 * 1024 });
  } catch (e) {
    if (!(e instanceof FileAccessError)) return null;
    if (/binary/.test(e.reason)) return 'binary';
    if (/secret|looks like/.test(e.reason)) return 'secret';
    return null;
  }
}

/** A plan or workspace file plansmith wrote: never evidence for the next plan. */
const OWN_OUTPUT = /<!-- plansmith:meta:begin|<!-- plansmith:task=/;

const VENDORED_LIBRARY =
  /(^|\/)(jquery|underscore|lodash|backbone|bootstrap|angular|react-dom|d3|mathjax|require|modernizr|popper|moment|chart)([-.]\d[\w.-]*)?(\.min)?\.(js|css)$/i;

/** Bundled or minified code committed into a tree: a vendored library, or lines far longer than anyone writes. */
export function looksMinified(path: string, text: string): boolean {
  if (!/\.(js|mjs|cjs|css)$/.test(path)) return false;
  if (VENDORED_LIBRARY.test(path)) return true;
  if (text.length < 20_000) return false;
  return text.length / text.split('\n').length > 250;
}

function countLines(text: string): number {
  let n = text.length > 0 && !text.endsWith('\n') ? 1 : 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * Explores a codebase: inventory, stack profile, conventions and, given a requirement, the files most
 * likely to change. Reads every text file once.
 */
/** The inventory a report was made from, for callers that explore and then search the same tree. */
const inventories = new WeakMap<ExploreReport, Inventory>();
export function inventoryOf(report: ExploreReport): Inventory | undefined {
  return inventories.get(report);
}

export function explore(dir: string, options: ExploreOptions = {}): ExploreReport {
  const timings: Record<string, number> = {};
  let t = performance.now();
  const lap = (name: string) => {
    const now = performance.now();
    timings[name] = Math.round(now - t);
    t = now;
  };
  const inv = takeInventory(dir, {
    maxFileBytes: options.maxFileBytes,
    onProgress: (n) => options.onProgress?.('listing', n, 0),
  });
  lap('inventory');
  const files = projectFiles(inv.root);
  const lines = new Map<string, number>();
  const indexed: IndexedFile[] = [];
  const kept: InventoryFile[] = [];
  let binaryContent = 0;
  let nonUtf8 = 0;
  let bytes = 0;
  const total = inv.files.length;
  inv.files.forEach((f, i) => {
    if (i % 2000 === 0) options.onProgress?.('reading', i, total);
    const r = readInventoried(files, f);
    if (r === null) {
      inv.skipped.unreadable++;
      return;
    }
    if (r === 'binary') {
      binaryContent++;
      return;
    }
    if (r === 'secret') {
      inv.skipped.secret++;
      inv.secrets.push(f.path);
      return;
    }
    if (/\.md$/.test(f.path) && OWN_OUTPUT.test(r.text.slice(0, 4000))) {
      inv.skipped.plansmith_output++;
      return;
    }
    if (looksMinified(f.path, r.text)) {
      inv.skipped.generated++;
      return;
    }
    kept.push(f);
    bytes += f.size;
    if (r.lossy) nonUtf8++;
    if (f.language) lines.set(f.language, (lines.get(f.language) ?? 0) + countLines(r.text));
    // Empty and placeholder files (.gitkeep, an empty __init__.py) shape the tree but are never evidence.
    if (options.for !== undefined && r.text.trim() && !/(^|\/)\.(git)?keep$/.test(f.path))
      indexed.push({
        path: f.path,
        role: f.role,
        language: f.language,
        text: r.text,
        symbols: extractSymbols(r.text, f.language),
      });
  });
  lap('read');
  const keptInventory: Inventory = { ...inv, files: kept };
  const profile = profileCodebase({ inventory: keptInventory, lines });
  lap('profile');
  const conventions = learnConventions(kept);
  lap('conventions');
  let relevance: Relevance | undefined;
  if (options.for !== undefined) {
    options.onProgress?.('ranking', 0, indexed.length);
    relevance = rankFiles(indexed, options.for, { top: options.top });
    lap('relevance');
  }
  const report: ExploreReport = {
    root: inv.root,
    inventory: {
      source: inv.source,
      files: kept.length,
      bytes,
      skipped: { ...inv.skipped, binary_content: binaryContent },
      skipped_examples: inv.skippedExamples,
      secrets: inv.secrets,
      non_utf8: nonUtf8,
      max_file_bytes: inv.maxFileBytes,
    },
    profile,
    conventions,
    relevance,
    timings_ms: timings,
  };
  inventories.set(report, keptInventory);
  return report;
}
