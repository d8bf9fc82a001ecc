import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { Plan } from '../domain/plan.js';
import type { CodebaseProfile } from '../explore/profile.js';
import { commandExists } from './lint/commands.js';

/**
 * What makes a plan grounded: every file it modifies exists, no file it creates exists, every
 * automated check is a command the project has. Returns the problems, located by field.
 */
export function groundingProblems(plan: Plan, root: string, profile: CodebaseProfile): string[] {
  const out: string[] = [];
  plan.phases.forEach((p, i) => {
    p.steps.forEach((s, j) => {
      s.files_to_modify.forEach((f, k) => {
        if (!existsSync(join(root, f.path)))
          out.push(
            `phases[${i}].steps[${j}].files_to_modify[${k}]: ${f.path} does not exist (list only existing files to modify; new ones go in files_to_create)`,
          );
      });
      s.files_to_create.forEach((f, k) => {
        if (existsSync(join(root, f.path)))
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
