import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Precedent } from '../src/domain/precedent.js';
import { inventory } from '../src/explore/inventory.js';
import { profileCodebase } from '../src/explore/profile.js';
import { projectFiles } from '../src/files/project-files.js';
import type { Declaration } from '../src/precedent/declaration.js';
import { type FootprintEntry, footprintOf } from '../src/precedent/footprint.js';
import { analyzePrecedent } from '../src/precedent/index.js';
import { TreeSearch } from '../src/precedent/search.js';

/**
 * The precedent analysis of a requirement on a folder, with the inventory and profile `plan` would give
 * it; `history: false` leaves the git history unread.
 */
export function precedentAt(root: string, requirement: string, history?: boolean): Promise<Precedent> {
  const inv = inventory(root);
  const profile = profileCodebase({ inventory: inv, lines: new Map() });
  return analyzePrecedent({ requirement, root, files: projectFiles(root), inventory: inv, profile, history });
}

/** The line a place cites, as the file has it (trimmed). */
const lineAt = (root: string, file: string, line: number) =>
  readFileSync(join(root, file), 'utf8').split('\n')[line - 1]!.trim();

/** Every occurrence of a footprint quotes the line it cites. */
function expectQuoted(
  root: string,
  footprint: Array<Pick<FootprintEntry, 'file' | 'line' | 'source' | 'text'>>,
) {
  for (const f of footprint)
    if (f.source === 'occurrence') expect(lineAt(root, f.file, f.line!)).toBe(f.text);
}

/** `precedentAt`, with each occurrence of its footprint read back against the line it cites. */
export async function checkedPrecedentAt(root: string, requirement: string): Promise<Precedent> {
  const p = await precedentAt(root, requirement);
  expectQuoted(root, p.footprint);
  return p;
}

/**
 * The footprint of a sibling given by hand (the sibling choice is not under test), each occurrence read
 * back against its line. The declaration is a flag unless `sibling` says otherwise; its text is its line.
 */
export function footprintAt(
  root: string,
  sibling: Partial<Declaration> & Pick<Declaration, 'name' | 'file' | 'line'>,
): FootprintEntry[] {
  const inv = inventory(root);
  const profile = profileCodebase({ inventory: inv, lines: new Map() });
  const search = new TreeSearch(root, projectFiles(root), inv);
  const d: Declaration = {
    aliases: [],
    kind: 'flag',
    via: 'test',
    help: '',
    type: '',
    default: '',
    text: lineAt(root, sibling.file, sibling.line),
    ...sibling,
  };
  const fp = footprintOf(search, profile, d, [d]);
  expectQuoted(root, fp);
  return fp;
}
