import { projectFiles } from '../../files/project-files.js';
import type { Inventory } from '../inventory.js';
import type { CodebaseProfile, CommandPurpose, Evidence } from './types.js';
import { emptyProfile } from './types.js';

export interface ProfileInput {
  inventory: Inventory;
  /** Lines per language, counted while reading (see explore.ts). */
  lines: Map<string, number>;
}

/**
 * What a detector works with: the inventory, file reads through the guarded file layer (cached: several
 * detectors read the same manifest), and the profile it adds to, with the two additions every detector
 * makes (a framework, a command), deduplicated.
 */
export interface DetectContext {
  inventory: Inventory;
  /** Lines per language, counted while reading. */
  lines: Map<string, number>;
  /** Paths of the inventory. */
  paths: Set<string>;
  has(path: string): boolean;
  /** A file's text, or null when it is missing or may not be read. */
  read(path: string): string | null;
  p: CodebaseProfile;
  framework(name: string, kind: string, evidence: Evidence): void;
  hasFramework(name: string): boolean;
  command(purpose: CommandPurpose, cmd: string, evidence: Evidence, runs?: string): void;
  /** How the project runs its package scripts (`npm run`, `pnpm`, …), once the node detector knows. */
  scriptRunner: string;
}

/** One ecosystem (or concern) of the profile: it reads what it needs and adds what it finds. */
export interface Detector {
  name: string;
  detect(ctx: DetectContext): void;
}

export function detectContext({
  inventory,
  lines,
}: ProfileInput): DetectContext & { lines: Map<string, number> } {
  const paths = new Set(inventory.files.map((f) => f.path));
  const files = projectFiles(inventory.root);
  const cache = new Map<string, string | null>();
  const p = emptyProfile();
  const seen = new Set<string>();
  return {
    inventory,
    lines,
    paths,
    has: (path) => paths.has(path) || files.has(path),
    read(path) {
      if (!cache.has(path)) {
        let text: string | null;
        try {
          text = files.readText(path).text;
        } catch {
          text = null;
        }
        cache.set(path, text);
      }
      return cache.get(path)!;
    },
    p,
    framework(name, kind, evidence) {
      if (seen.has(name)) return;
      seen.add(name);
      p.frameworks.push({ name, kind, evidence });
    },
    hasFramework: (name) => seen.has(name),
    command(purpose, cmd, evidence, runs) {
      if (!p.commands.some((c) => c.command === cmd))
        p.commands.push({ purpose, command: cmd, evidence, ...(runs ? { runs } : {}) });
    },
    scriptRunner: 'npm run',
  };
}

const SCRIPT_PURPOSE: Array<[RegExp, CommandPurpose]> = [
  [/^(test|test:.*|check:test)$/, 'test'],
  [/^(lint|lint:.*|eslint)$/, 'lint'],
  [/^(format|fmt|prettier|format:.*)$/, 'format'],
  [/^(typecheck|type-check|types|tsc|check-types)$/, 'typecheck'],
  [/^(build|compile)$/, 'build'],
  [/^(dev|start|serve)$/, 'dev'],
  [/^(migrate|db:migrate|migration:run|prisma:migrate)$/, 'migrate'],
  [/^check$/, 'ci'],
];

export function purposeOfScript(name: string): CommandPurpose | null {
  for (const [re, p] of SCRIPT_PURPOSE) if (re.test(name)) return p;
  return null;
}
