/**
 * Feedback that names a place: "put the option on `routes_command` in `src/cli.py`", "tests in
 * `tests/test_cli.py`". The edit points and the tests move there, after a check against the tree: the file
 * exists and its outline has the symbol. A place that is not there is reported as not applied.
 */
import type { Check, Phase, Plan } from '../../domain/plan.js';
import { codeRoleOf } from '../../explore/conventions.js';
import { projectFiles } from '../../files/project-files.js';
import { readOutline } from './edit-points.js';

const SYMBOL_IN_FILE =
  /\b(?:on|in|into|at|to|inside)\s+`([A-Za-z_$][\w$.]*)(?:\(\))?`\s+(?:in|of|from|inside)\s+`([^`\s]+)`/i;
/** A file without a symbol: "put the route in `src/routes/users.ts`". */
const FILE_IN = /\b(?:in|into|to|inside)\s+`([^`\s]+\.\w+)`/i;
const TESTS_IN = /\btests?\s+(?:go\s+|belong\s+|should\s+go\s+)?(?:in|into|to|under)\s+`?([\w./-]+\.\w+)`?/i;
const PLACE_VERB = /\b(put|move|place|add|edit|change|make|declare|register|implement|land)\b/i;

const isTest = (path: string) => codeRoleOf(path) === 'test';
const isDoc = (path: string) => /\.(md|mdx|rst|txt|adoc)$/.test(path);

/** Whether a sentence is a place directive this module handles. */
export function namesPlace(sentence: string): boolean {
  return (
    (PLACE_VERB.test(sentence) && (SYMBOL_IN_FILE.test(sentence) || codeFileIn(sentence) !== null)) ||
    TESTS_IN.test(sentence)
  );
}

/** The code file a sentence puts the change in, when it names no symbol there (tests are TESTS_IN's). */
function codeFileIn(sentence: string): string | null {
  const m = FILE_IN.exec(sentence.replace(TESTS_IN, ''));
  return m && !isTest(m[1]!) && !isDoc(m[1]!) ? m[1]! : null;
}

/** Applies a place directive to the plan in place; returns the revision notes (applied or not). */
export function applyPlace(plan: Plan, sentence: string, root: string): string[] {
  const notes: string[] = [];
  const files = projectFiles(root);
  const place = PLACE_VERB.test(sentence) ? SYMBOL_IN_FILE.exec(sentence) : null;
  const fileOnly = PLACE_VERB.test(sentence) && !place ? codeFileIn(sentence) : null;
  if (fileOnly && !files.has(fileOnly))
    notes.push(`Not applied: ${fileOnly} is not in the project (${sentence}).`);
  else if (fileOnly) notes.push(moveTo(plan, { path: fileOnly, why: 'named on review' }, fileOnly));
  if (place) {
    const [, symbol, path] = place as unknown as [string, string, string];
    const outline = files.has(path) ? readOutline(root, path) : null;
    const item = outline?.items.find((i) => i.qualified === symbol || i.name === symbol);
    if (!files.has(path)) notes.push(`Not applied: ${path} is not in the project (${sentence}).`);
    else if (!item)
      notes.push(
        `Not applied: ${path} has no \`${symbol}\`${outline ? ` (it has ${outline.items.length} functions and classes, none by that name)` : ''}.`,
      );
    else {
      const change = {
        path,
        why: 'named on review',
        edit_points: [
          {
            symbol: item.qualified,
            start_line: item.start_line,
            end_line: item.end_line,
            signature: item.signature,
            why: 'named on review',
          },
        ],
      };
      const moved = moveTo(
        plan,
        change,
        `\`${item.qualified}\` in ${path}`,
        `\`${item.qualified}\` (${path}:${item.start_line}–${item.end_line})`,
      );
      if (moved) notes.push(moved);
      else {
        const phase: Phase = {
          id: 'p0',
          title: `Change \`${item.qualified}\``,
          goal: `The change goes in \`${item.qualified}\` (${path}:${item.start_line}), as the review says.`,
          kind: 'implement',
          steps: [
            {
              title: `Change \`${item.qualified}\` in \`${path}\``,
              detail: 'Named on review.',
              files_to_create: [],
              files_to_modify: [change],
            },
          ],
          automated_checks: [],
          manual_checks: [],
          estimate_minutes: 30,
        };
        const firstTest = plan.phases.findIndex((p) => p.kind === 'test');
        plan.phases.splice(firstTest < 0 ? plan.phases.length : firstTest, 0, phase);
        plan.phases = plan.phases.map((p, k) => ({ ...p, id: `p${k + 1}` }));
        notes.push(`Added a phase that changes \`${item.qualified}\` in ${path}.`);
      }
    }
  }
  const tests = TESTS_IN.exec(sentence);
  if (tests) notes.push(moveTests(plan, tests[1]!, files.has(tests[1]!), files.isDirectory(tests[1]!)));
  return notes;
}

/** The first building step changes `change` instead of the code files it named; '' when there is none. */
function moveTo(
  plan: Plan,
  change: Plan['phases'][number]['steps'][number]['files_to_modify'][number],
  to: string,
  at = `\`${change.path}\``,
): string {
  const code = (p: string) => !isTest(p) && !isDoc(p);
  const step = plan.phases
    .filter((p) => p.kind === 'implement')
    .flatMap((p) => p.steps)
    .find((s) => s.files_to_modify.some((f) => code(f.path)) || s.files_to_create.some((f) => code(f.path)));
  if (!step)
    return change.edit_points ? '' : `Not applied: the plan has no building step to move to ${change.path}.`;
  const from = [...step.files_to_modify, ...step.files_to_create]
    .filter((f) => code(f.path))
    .map((f) => f.path);
  step.files_to_modify = [change, ...step.files_to_modify.filter((f) => !code(f.path))];
  step.files_to_create = step.files_to_create.filter((f) => !code(f.path));
  step.detail = `${step.detail} On review: the change goes in ${at}.`;
  return `Moved “${step.title}” from ${from.join(', ')} to ${to}.`;
}

/** The test steps and their commands use `path` instead of the test files they named. */
function moveTests(plan: Plan, path: string, exists: boolean, isDir: boolean): string {
  if (isDir) return `Not applied: ${path} is a folder, not a test file.`;
  if (!isTest(path)) return `Not applied: ${path} is not where the project's tests live.`;
  const old = new Set<string>();
  for (const p of plan.phases)
    for (const s of p.steps) {
      for (const f of [...s.files_to_modify, ...s.files_to_create]) if (isTest(f.path)) old.add(f.path);
      s.files_to_modify = s.files_to_modify.filter((f) => !isTest(f.path));
      s.files_to_create = s.files_to_create.filter((f) => !isTest(f.path));
    }
  const step = plan.phases.find((p) => p.kind === 'test')?.steps[0];
  if (!step) return `Not applied: the plan has no test phase to move to ${path}.`;
  const file = { path, why: 'named on review' };
  if (exists) step.files_to_modify.push(file);
  else step.files_to_create.push(file);
  step.title = `${exists ? 'Add the cases to' : 'Write the tests in'} \`${path}\``;
  // A command that ran an old file runs the new one, whole: test names selected there need not exist here.
  const retarget = (c: Check): Check => {
    const from = [...old].find((o) => c.command.includes(o));
    return from ? { ...c, command: c.command.slice(0, c.command.indexOf(from)) + path } : c;
  };
  for (const p of plan.phases) p.automated_checks = p.automated_checks.map(retarget);
  return old.size
    ? `Tests moved from ${[...old].join(', ')} to ${path}.`
    : `Tests go in ${path}${exists ? '' : ' (a new file)'}.`;
}
