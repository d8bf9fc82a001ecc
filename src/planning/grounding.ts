import type { Plan } from '../domain/plan.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { FileAccessError, projectFiles } from '../files/project-files.js';
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
        if (exists(f.path, `phases[${i}].steps[${j}].files_to_modify[${k}]`) === false)
          out.push(
            `phases[${i}].steps[${j}].files_to_modify[${k}]: ${f.path} does not exist (list only existing files to modify; new ones go in files_to_create)`,
          );
      });
      s.files_to_create.forEach((f, k) => {
        if (exists(f.path, `phases[${i}].steps[${j}].files_to_create[${k}]`) === true)
          out.push(
            `phases[${i}].steps[${j}].files_to_create[${k}]: ${f.path} already exists (move it to files_to_modify)`,
          );
      });
    });
    p.automated_checks.forEach((c, k) => {
      const why = commandExists(c.command, root, profile);
      if (why)
        out.push(
          `phases[${i}].automated_checks[${k}]: \`${c.command}\`: ${why} (use a command from explore_codebase, or make it a manual check)`,
        );
    });
  });
  return out;
}
