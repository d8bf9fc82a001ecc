import type { Plan } from '../domain/plan.js';
import type { CodebaseProfile } from '../explore/profile.js';
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
