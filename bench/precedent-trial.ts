/**
 * The precedent core on a real repository's history: for a commit that added an option, the analysis at
 * its parent (expect `new`, and the sibling's footprint close to the commit's files) and at the commit
 * (expect `met`), with the time each took. The requirement is written by whoever runs it, in their words.
 *
 *   npx esbuild bench/precedent-trial.ts --bundle --platform=node --format=esm --outfile=/tmp/precedent-trial.mjs \
 *     --banner:js="import { createRequire } from 'module'; const require = createRequire(import.meta.url);"
 *   git clone -q --no-checkout /work/.mirror/sharkdp+fd/repo /tmp/h/fd
 *   node /tmp/precedent-trial.mjs /tmp/h/fd d43827f "Add a --max-results option to limit the number of results"
 *
 * It checks the clone out (`git checkout -f`): give it a scratch clone, never a working copy.
 */
import { execFileSync } from 'node:child_process';
import { inventory } from '../src/explore/inventory.js';
import { profileCodebase } from '../src/explore/profile.js';
import { projectFiles } from '../src/files/project-files.js';
import { analyzePrecedent } from '../src/precedent/index.js';

const [root, commit, requirement] = process.argv.slice(2);
if (!root || !commit || !requirement) {
  console.error('usage: precedent-trial <scratch clone> <commit> "<requirement>"');
  process.exit(2);
}
const git = (...a: string[]) =>
  execFileSync('git', ['-c', 'core.fsmonitor=false', '-C', root, ...a], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
const gold = git('show', '--format=', '--name-only', commit).split('\n').filter(Boolean);

async function at(ref: string) {
  git('checkout', '-q', '-f', ref);
  const inv = inventory(root!);
  const profile = profileCodebase({ inventory: inv, lines: new Map() });
  const started = performance.now();
  const p = await analyzePrecedent({
    requirement: requirement!,
    root: root!,
    files: projectFiles(root!),
    inventory: inv,
    profile,
  });
  return { p, ms: Math.round(performance.now() - started), files: inv.files.length };
}

const before = await at(`${commit}^`);
const named = new Set(before.p.footprint.map((f) => f.file));
const found = gold.filter((g) => named.has(g));
const byArea = (area: string) => {
  const g = gold.filter((f) => before.p.footprint.some((e) => e.file === f && e.area === area) || false);
  return g.length;
};
console.log(`requirement: ${requirement}`);
console.log(
  `parent ${commit}^ (${before.files} files, ${before.ms} ms): ${before.p.verdict}; requested ${before.p.requested?.kind} ${before.p.requested?.name}; sibling ${before.p.sibling ? `${before.p.sibling.name} at ${before.p.sibling.file}:${before.p.sibling.line}` : 'none'}`,
);
console.log(
  `  footprint ${named.size} files (${before.p.footprint.filter((f) => f.source === 'history').length} entries from history); commit's files ${gold.length}; recall ${found.length}/${gold.length}; precision ${found.length}/${named.size}; code ${byArea('code')} docs ${byArea('docs')} test ${byArea('test')} changelog ${byArea('changelog')}`,
);
console.log(`  not named: ${gold.filter((g) => !named.has(g)).join(' ') || '-'}`);
console.log(
  `  tests: ${before.p.tests.map((t) => `${t.file} [${t.selects.slice(0, 3).join(' | ')}]`).join('; ') || '-'}`,
);
const after = await at(commit);
console.log(
  `commit ${commit} (${after.ms} ms): ${after.p.verdict}; evidence ${after.p.evidence.map((e) => `${e.file}:${e.line}`).join(' ') || '-'}`,
);
