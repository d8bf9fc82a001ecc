import type { Precedent } from '../src/domain/precedent.js';
import { inventory } from '../src/explore/inventory.js';
import { profileCodebase } from '../src/explore/profile.js';
import { projectFiles } from '../src/files/project-files.js';
import { analyzePrecedent } from '../src/precedent/index.js';

/** The precedent analysis of a requirement on a folder, with the inventory and profile `plan` would give it. */
export function precedentAt(root: string, requirement: string): Promise<Precedent> {
  const inv = inventory(root);
  const profile = profileCodebase({ inventory: inv, lines: new Map() });
  return analyzePrecedent({ requirement, root, files: projectFiles(root), inventory: inv, profile });
}
