import type { Precedent } from '../../domain/precedent.js';
import { type Inventory, inventory as inventoryOf } from '../../explore/inventory.js';
import type { CodebaseProfile } from '../../explore/profile.js';
import { projectFiles } from '../../files/project-files.js';
import { analyzePrecedent } from '../../precedent/index.js';
import { readRequested } from '../../precedent/requested.js';
import { TreeSearch } from '../../precedent/search.js';
import { beforeName, NEW, unquoted } from './claims.js';

/**
 * A plan that records no precedent verdict (written by hand, or a host's or a model's plan sent without
 * one) is still judged on its claims of "new": each clause that calls a named thing new ("add a new
 * `--line-length` option") is asked of the precedent analysis (`src/precedent/`, read-only, through
 * `src/files/`), and the verdicts go to the checker, which words the finding as it does for a recorded one.
 */

/** Things a clause can call new that the precedent analysis can settle: options, flags, settings, commands. */
const KIND =
  /\b(options?|flags?|switch(es)?|settings?|config(uration)?( values?| keys?)?|environment variables?|env vars?|variables?|(sub)?commands?|arguments?|parameters?|endpoints?|routes?|hooks?)\b/i;
/** "add tests for `x`", "add a docs page on `x`": the new thing is not `x`. */
const NOT_THE_THING =
  /\b(tests?|cases?|docs?|documentation|changelog|fragments?|entry|entries|notes?|examples?|comments?|logging|logs?|warnings?|checks?|types?|annotations?)\b/i;
/** At most this many clauses are analysed per plan (each analysis reads declarations across the tree). */
const MOST = 4;

/** The clauses of the texts that call a named thing new, as requirements for the precedent analysis. */
export function newClaimClauses(texts: string[]): string[] {
  const out = new Map<string, string>();
  // A name in code spans, or a bare flag (a model's or an imported plan's text has no code spans).
  for (const text of texts.map(unquoted))
    for (const m of text.matchAll(/`([^`\n]{2,60})`|(?<![\w`-])(--[A-Za-z][\w-]{1,40})(?![\w`-])/g)) {
      const name = (m[1] ?? m[2]!).trim();
      const before = beforeName(text, m.index!);
      if (!NEW.test(before) || /\b(no|not|nothing|without)\b/i.test(before)) continue;
      // The clause around the name, from its start to its end.
      const start =
        m.index! -
        (
          text
            .slice(0, m.index!)
            .split(/[.;:!?\n]/)
            .pop() ?? ''
        ).length;
      const rest = text.slice(m.index! + m[0].length);
      const end = rest.search(/[.;!?\n]|:\s/);
      const clause = text
        .slice(start, m.index! + m[0].length + (end < 0 ? rest.length : end))
        .replace(/\*\*|__/g, '')
        .trim();
      const flagLike = /^-{1,2}[A-Za-z][\w-]*$/.test(name) || /^[A-Z][A-Z0-9]*_[A-Z0-9_]+$/.test(name);
      // Between the verb and the name: "add tests for `x`" is about tests.
      const between = before.slice(before.search(NEW));
      if (NOT_THE_THING.test(between)) continue;
      if (!flagLike && !KIND.test(clause)) continue;
      const key = name.toLowerCase();
      if (!out.has(key)) out.set(key, clause);
    }
  return [...out.values()].slice(0, MOST);
}

/**
 * The precedent of each clause that calls a named thing new (none when no clause does, so a plan that
 * claims nothing new costs nothing). `inventory` is the caller's when it has one (explore already made it).
 */
export async function claimPrecedents(
  root: string,
  profile: CodebaseProfile,
  texts: string[],
  known?: Inventory,
): Promise<Precedent[]> {
  const clauses = newClaimClauses(texts);
  if (!clauses.length) return [];
  const files = projectFiles(root);
  const inv = known ?? inventoryOf(root);
  const search = new TreeSearch(root, files, inv);
  const out: Precedent[] = [];
  for (const requirement of clauses) {
    // A thing no file spells can be neither met nor partly met: no analysis (a genuinely new name costs
    // one search of the tree).
    const requested = readRequested(requirement);
    if (!requested || !search.filesWith(requested.spellings.filter((w) => w.length > 2)).length) continue;
    const p = await analyzePrecedent({ requirement, root, files, inventory: inv, profile, history: false });
    if (p.requested && (p.verdict === 'met' || p.verdict === 'partly-met')) out.push(p);
  }
  return out;
}
