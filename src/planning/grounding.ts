import type { Plan } from '../domain/plan.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { terms } from '../explore/tokenize.js';
import { FileAccessError, projectFiles } from '../files/project-files.js';
import { commandNeverEnds, editPointMiss, invalidModuleName, uncollectedTest } from './checks.js';
import { commandExists } from './lint/commands.js';

/**
 * What makes a plan grounded: every file it modifies exists, no file it creates exists, every
 * automated check is a command the project has. Returns the problems, located by field.
 */
export function groundingProblems(plan: Plan, root: string, profile: CodebaseProfile): string[] {
  const out: string[] = [];
  const files = projectFiles(root);
  /** null when the path may not be used at all (outside the root, .git/), else whether it exists. */
  const exists = (path: string, field: string): boolean | null => {
    try {
      return files.exists(path);
    } catch (e) {
      if (!(e instanceof FileAccessError)) throw e;
      out.push(`${field}: ${path}: ${e.reason}`);
      return null;
    }
  };
  plan.phases.forEach((p, i) => {
    p.steps.forEach((s, j) => {
      s.files_to_modify.forEach((f, k) => {
        const field = `phases[${i}].steps[${j}].files_to_modify[${k}]`;
        const there = exists(f.path, field);
        if (there === false)
          out.push(
            `${field}: ${f.path} does not exist (list only existing files to modify; new ones go in files_to_create)`,
          );
        if (!there || !f.edit_points?.length) return;
        let lines: string[] = [];
        try {
          lines = files.readText(f.path).text.split('\n');
        } catch {
          return;
        }
        f.edit_points.forEach((e, m) => {
          const miss = editPointMiss(lines, e.symbol, e.start_line, e.end_line);
          if (miss === 'outside')
            out.push(
              `${field}.edit_points[${m}]: lines ${e.start_line}–${e.end_line} are outside ${f.path} (${lines.length} lines)`,
            );
          else if (miss === 'absent')
            out.push(
              `${field}.edit_points[${m}]: ${e.symbol} is not in ${f.path} at lines ${e.start_line}–${e.end_line} (read the file and give the real range)`,
            );
        });
      });
      s.files_to_create.forEach((f, k) => {
        const field = `phases[${i}].steps[${j}].files_to_create[${k}]`;
        const there = exists(f.path, field);
        if (there === true) out.push(`${field}: ${f.path} already exists (move it to files_to_modify)`);
        if (there !== false) return;
        const bad = invalidModuleName(f.path);
        if (bad) out.push(`${field}: ${bad}`);
        const rule = uncollectedTest(profile, f.path);
        if (rule) out.push(`${field}: ${f.path} would never run: ${rule}`);
      });
    });
    p.automated_checks.forEach((c, k) => {
      const why = commandExists(c.command, root, profile);
      if (why)
        out.push(
          `phases[${i}].automated_checks[${k}]: \`${c.command}\`: ${why} (use a command from explore_codebase, or make it a manual check)`,
        );
      const never = commandNeverEnds(profile, c.command);
      if (never)
        out.push(
          `phases[${i}].automated_checks[${k}]: \`${c.command}\` ${never}; a check must exit on its own`,
        );
    });
  });
  return out;
}

/** Placeholder text a model writes when it has nothing to say. */
const PLACEHOLDER =
  /^(?:todo|tbd|tba|fixme|xxx+|n\/?a|none|null|undefined|placeholder|lorem ipsum.*|\.{2,}|…|-+|step \d+|phase \d+|foo|bar|baz|test|asdf\w*|qwerty)$/i;

/** True when a text holds no words: empty, a placeholder, or keyboard noise. */
export function isJunk(text: string): boolean {
  const t = text.trim();
  if (!t) return true;
  if (PLACEHOLDER.test(t)) return true;
  const words = t.match(/[A-Za-z]{3,}/g) ?? [];
  if (!words.length) return true;
  // Noise like "sdfkjh qwpoeiru": no vowel in a long word, or one character repeated.
  return words.every((w) => !/[aeiouy]/i.test(w) || /^(.)\1+$/i.test(w));
}

/**
 * The content gate: a plan that passes the shape check can still say nothing. Each implement phase names a
 * file to create or modify, no step is empty or a placeholder, and the plan speaks of the requirement (its
 * key terms appear). Problems are located by field, so a model can repair them.
 */
export function contentProblems(plan: Plan): string[] {
  const out: string[] = [];
  if (isJunk(plan.title)) out.push(`title: "${plan.title}" says nothing; name the change`);
  if (isJunk(plan.analysis.summary))
    out.push('analysis.summary: empty or a placeholder; say in a sentence what changes and why');
  plan.phases.forEach((p, i) => {
    const at = `phases[${i}]`;
    if (isJunk(p.title)) out.push(`${at}.title: "${p.title}" says nothing`);
    const files = p.steps.flatMap((s) => [...s.files_to_create, ...s.files_to_modify]);
    if (p.kind === 'implement' && !files.length)
      out.push(
        `${at} ("${p.title}"): an implement phase names no file to create or modify; add the files its steps change`,
      );
    p.steps.forEach((s, j) => {
      if (isJunk(s.title) && isJunk(s.detail))
        out.push(`${at}.steps[${j}]: "${s.title}" is empty or a placeholder; say what the step does`);
    });
  });
  const wanted = [...new Set(terms(plan.requirement.text))];
  if (wanted.length && plan.analysis.work_type !== 'ci') {
    const text = [
      plan.title,
      plan.analysis.summary,
      ...plan.phases.flatMap((p) => [
        p.title,
        p.goal,
        ...p.steps.flatMap((s) => [
          s.title,
          s.detail,
          ...[...s.files_to_create, ...s.files_to_modify].flatMap((f) => [f.path, f.why]),
        ]),
      ]),
    ].join(' ');
    const have = new Set(terms(text));
    const hits = wanted.filter((t) => have.has(t)).length;
    const need = wanted.length >= 4 ? 2 : 1;
    if (hits < need)
      out.push(
        `(plan): it does not speak of the requirement: ${hits ? 'only one' : 'none'} of its key terms (${wanted.slice(0, 8).join(', ')}) appears in the title, summary, phases or steps`,
      );
  }
  return out;
}

/** Everything a submitted or imported plan must pass before it is written: content, then grounding. */
export function planProblems(plan: Plan, root: string, profile: CodebaseProfile): string[] {
  return [...contentProblems(plan), ...groundingProblems(plan, root, profile)];
}
