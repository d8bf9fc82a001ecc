import type { InventoryFile } from './inventory.js';

/** Where each kind of code lives, and how its files are named, learned from the tree. */
export type CodeRole =
  | 'route'
  | 'controller'
  | 'service'
  | 'model'
  | 'repository'
  | 'migration'
  | 'component'
  | 'middleware'
  | 'job'
  | 'command'
  | 'util'
  | 'test'
  | 'doc'
  | 'xano-api'
  | 'xano-function'
  | 'xano-table'
  | 'xano-task'
  | 'xano-test';

export interface Convention {
  role: CodeRole;
  /** e.g. `src/services/*.service.ts` or `tests/unit/test_*.py`. */
  pattern: string;
  count: number;
  examples: string[];
}

const ROLE_RULES: Array<[CodeRole, RegExp]> = [
  ['xano-api', /(^|\/)apis\/.*\.xs$/],
  ['xano-function', /(^|\/)functions\/.*\.xs$/],
  ['xano-table', /(^|\/)tables\/.*\.xs$/],
  ['xano-task', /(^|\/)tasks\/.*\.xs$/],
  ['xano-test', /(^|\/)workflow_tests\/.*\.xs$/],
  [
    'test',
    /(^|\/)(tests?|__tests__|spec|specs)\/|(^|\/)test_[^/]*\.py$|_test\.(py|go)$|\.(test|spec)\.[cm]?[jt]sx?$|Test\.(java|kt)$|_spec\.rb$/,
  ],
  ['migration', /(^|\/)(migrations|migrate|alembic\/versions)\//],
  ['controller', /(^|\/)controllers?\/|[.-_]controller\.|Controller\.\w+$/],
  [
    'route',
    /(^|\/)(routes?|routers?|handlers?|endpoints|api)\/|\.(route|routes|router|handler)\.[cm]?[jt]s$|(^|\/)(urls|views)\.py$/,
  ],
  ['service', /(^|\/)services?\/|\.service\.|Service\.\w+$|_service\.py$/],
  ['repository', /(^|\/)repositor(y|ies)\/|\.repository\.|Repository\.\w+$/],
  [
    'model',
    /(^|\/)(models?|entities|entity|schemas?)\/|\.(model|entity|schema)\.[cm]?[jt]s$|(^|\/)models\.py$/,
  ],
  ['middleware', /(^|\/)middlewares?\/|\.middleware\./],
  ['job', /(^|\/)(jobs?|workers?|queues?|tasks)\//],
  ['component', /(^|\/)components?\/.*\.(tsx|jsx|vue|svelte)$|\.(tsx|jsx|vue|svelte)$/],
  ['command', /(^|\/)(commands?|cmd|cli)\//],
  ['util', /(^|\/)(utils?|helpers?|lib|common|shared)\//],
  ['doc', /(^|\/)docs?\/.*\.(md|mdx|rst)$/],
];

/**
 * Instructions for coding assistants (what `plansmith init` writes, or a person wrote for Claude Code,
 * Copilot, Cursor): files about the tools, not the project's code, so never one of its conventions.
 */
const ASSISTANT_FILES = /^\.(claude|cursor|vscode)\/|^\.github\/(agents|prompts|chatmodes|instructions)\//;

export function codeRoleOf(path: string): CodeRole | null {
  if (ASSISTANT_FILES.test(path)) return null;
  for (const [role, re] of ROLE_RULES) if (re.test(path)) return role;
  return null;
}

/** `user.service.ts` → `*.service.ts`; `test_users.py` → `test_*.py`; `UserController.java` → `*Controller.java`. */
export function generalizeName(name: string): string {
  if (/^test_/.test(name)) return `test_*${name.slice(name.indexOf('.'))}`;
  const dot = name.indexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const rest = dot > 0 ? name.slice(dot) : '';
  const suffix =
    /(_test|_spec|_service|_controller)$/.exec(stem)?.[1] ??
    /[a-z0-9](Controller|Service|Repository|Test|Tests|Spec|Handler|Model|Entity|Module)$/.exec(stem)?.[1] ??
    '';
  return `*${suffix}${rest}`;
}

/** Folders whose names are data (ids, versions, dates) collapse too: `migrations/20240101_x/…`. */
function generalizeDir(dir: string): string {
  return dir
    .split('/')
    .map((seg) => (/^\d{4,}/.test(seg) || /^v\d+$/.test(seg) ? '*' : seg))
    .join('/');
}

export function learnConventions(files: InventoryFile[]): Convention[] {
  const groups = new Map<string, { role: CodeRole; pattern: string; files: string[] }>();
  for (const f of files) {
    const role = codeRoleOf(f.path);
    if (!role) continue;
    const name = f.path.slice(f.path.lastIndexOf('/') + 1);
    // Package markers and test support files say nothing about how the project names its files.
    if (/^(__init__\.py|index\.[cm]?[jt]sx?|mod\.rs)$/.test(name)) continue;
    if (role === 'test' && !/^test_|_test\.|\.(test|spec)\.|Tests?\.\w+$|_spec\./.test(name)) continue;
    const slash = f.path.lastIndexOf('/');
    const dir = slash >= 0 ? generalizeDir(f.path.slice(0, slash)) : '';
    const pattern = `${dir ? `${dir}/` : ''}${generalizeName(f.path.slice(slash + 1))}`;
    const key = `${role} ${pattern}`;
    const g = groups.get(key) ?? { role, pattern, files: [] };
    g.files.push(f.path);
    groups.set(key, g);
  }
  const byRole = new Map<CodeRole, Convention[]>();
  for (const g of groups.values()) {
    const list = byRole.get(g.role) ?? [];
    list.push({ role: g.role, pattern: g.pattern, count: g.files.length, examples: g.files.slice(0, 3) });
    byRole.set(g.role, list);
  }
  const out: Convention[] = [];
  const specificity = (c: Convention) =>
    c.pattern.slice(c.pattern.lastIndexOf('/') + 1).replace('*', '').length;
  for (const list of byRole.values())
    out.push(...list.sort((a, b) => b.count - a.count || specificity(b) - specificity(a)).slice(0, 3));
  return out.sort((a, b) => b.count - a.count);
}

export type NameStyle = 'kebab' | 'snake' | 'camel' | 'pascal';

export function nameStyleOf(stem: string): NameStyle {
  if (stem.includes('-')) return 'kebab';
  if (stem.includes('_')) return 'snake';
  if (/^[A-Z]/.test(stem)) return 'pascal';
  return /[A-Z]/.test(stem) ? 'camel' : 'kebab';
}

export function styleName(words: string[], style: NameStyle): string {
  const w = words.map((x) => x.toLowerCase()).filter(Boolean);
  switch (style) {
    case 'snake':
      return w.join('_');
    case 'camel':
      return w.map((x, i) => (i === 0 ? x : x[0]!.toUpperCase() + x.slice(1))).join('');
    case 'pascal':
      return w.map((x) => x[0]!.toUpperCase() + x.slice(1)).join('');
    default:
      return w.join('-');
  }
}

/**
 * A path for a new file of `role` named after `words`, placed and named like the project's own files
 * of that role (the most common pattern), or null when the project has none to learn from.
 */
/** Folders that hold examples, samples, docs or fixtures: not where a change to the project puts new code. */
export const OUTSIDE_SOURCE =
  /(^|\/)(examples?|samples?|demos?|docs?|fixtures?|testdata|vendor|third_party)\//i;

/**
 * Folders of test data a driver test reads, never a place for a test file: fixtures, snapshots, golden and
 * expected output, inputs, corpora; and a folder named with a space (a case's name, never a module).
 */
export const TEST_DATA =
  /(^|\/)(fixtures?|testdata|test[-_]data|data|[\w-]*snapshots?|__snapshots__|goldens?|expected|resources|samples?|assets|corpus|inputs?|outputs?|[^/]* [^/]*)\//i;

export function proposePath(
  conventions: Convention[],
  role: CodeRole,
  words: string[],
  now: Date = new Date(),
): string | null {
  // New code goes into the project itself, never into its examples, docs or fixtures.
  const best = conventions.filter((c) => c.role === role && !OUTSIDE_SOURCE.test(c.pattern))[0];
  if (!best) return null;
  if (best.pattern.includes('*/')) {
    // A folder per item (timestamped migrations): a new folder named like the others, the file as in them.
    const segs = best.examples[0]!.split('/');
    const at = best.pattern.split('/').indexOf('*');
    if (at < 0 || at >= segs.length - 1) return null;
    const stamp = now.toISOString().replace(/\D/g, '').slice(0, 14);
    segs[at] = /^\d/.test(segs[at]!)
      ? `${stamp}_${styleName(words, 'snake')}`
      : styleName(words, nameStyleOf(segs[at]!));
    return segs.join('/');
  }
  const example = best.examples[0]!;
  const exName = example.slice(example.lastIndexOf('/') + 1);
  const exStem = exName
    .replace(/^test_/, '')
    .split('.')[0]!
    .replace(/(_test|_spec|Controller|Service|Repository|Test|Spec|Handler|Model)$/, '');
  const name = styleName(words, /\.(py|rb|xs)$/.test(exName) ? 'snake' : nameStyleOf(exStem || exName));
  return best.pattern.replace('*', name);
}
