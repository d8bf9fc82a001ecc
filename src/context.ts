import { resolve } from 'node:path';
import type { PlanService } from './app/plans.js';
import { TaskService } from './app/tasks.js';
import { ConfigError } from './domain/errors.js';
import { projectMarker } from './files/project-root.js';
import type { Planner } from './planning/planner.js';
import { readProjectConfig } from './registry/config.js';
import { SkillRegistry } from './registry/index.js';
import type { OpenStoreOptions } from './store/open.js';
import { openStore } from './store/open.js';
import type { TaskStore } from './store/task-store.js';

export interface ContextOptions {
  /** Project root; default the working directory. */
  root?: string;
  /** `--db`: a SQLite file or a postgres:// URL. */
  db?: string;
  env?: NodeJS.ProcessEnv;
  store?: OpenStoreOptions;
}

/**
 * Wires plansmith once: the store, the services over it. The CLI, the MCP server and the HTTP
 * server each build one context and receive what they need from it.
 */
export class AppContext {
  readonly root: string;
  private storePromise: Promise<TaskStore> | null = null;
  private taskService: Promise<TaskService> | null = null;

  constructor(private readonly options: ContextOptions = {}) {
    this.root = resolve(options.root ?? process.cwd());
  }

  private registry: SkillRegistry | null = null;

  /** The skills, agents and commands of this project (its files) and plansmith's built-in skills. */
  skills(): SkillRegistry {
    this.registry ??= SkillRegistry.load(this.root);
    return this.registry;
  }

  private onlyInProject = false;

  /**
   * The MCP server: a host may start it anywhere (a home folder, `/`). Outside a project (no `.plansmith/`,
   * `.git` or manifest) and with no store named, the tools that need the store say what they need and
   * nothing is created; reading tools (explore, skills, drafts) still work.
   */
  storeOnlyInProject(): void {
    this.onlyInProject = true;
  }

  store(): Promise<TaskStore> {
    if (this.onlyInProject && !this.storePromise) {
      const problem = noProjectProblem(this.root, this.options);
      if (problem) return Promise.reject(new ConfigError(problem));
    }
    this.storePromise ??= openStore({
      skillCategory: (id) => this.skills().categoryOf(id),
      ...this.options.store,
      db: this.options.db,
      root: this.root,
      env: this.options.env,
      configured: configuredStore(this.root),
    });
    return this.storePromise;
  }

  /**
   * The planning service over the chosen engine (offline unless another is given). Loaded when first
   * asked for: the task commands, which agents run many times, never load planning.
   */
  async plans(planner?: Planner): Promise<PlanService> {
    const [{ PlanService }, engine] = await Promise.all([
      import('./app/plans.js'),
      planner ?? import('./planning/offline/index.js').then((m) => new m.OfflinePlanner()),
    ]);
    return new PlanService({
      root: this.root,
      store: () => this.store(),
      skills: this.skills(),
      planner: engine,
    });
  }

  tasks(): Promise<TaskService> {
    this.taskService ??= this.store().then(
      (s) => new TaskService(s, (id) => this.skills().skillIdProblem(id)),
    );
    return this.taskService;
  }

  async close(): Promise<void> {
    if (this.storePromise) await (await this.storePromise).close();
  }
}

export function createContext(options: ContextOptions = {}): AppContext {
  return new AppContext(options);
}

/**
 * Why the store may not be opened here, or null: the default store of a folder that is no project (and does
 * not have one already). A store named by --db or the environment is the caller's choice and always opened.
 */
function noProjectProblem(root: string, options: ContextOptions): string | null {
  const env = options.env ?? process.env;
  if (options.db || env.PLANSMITH_DATABASE_URL || env.PLANSMITH_DB || projectMarker(root)) return null;
  return `no project at ${root} (no .plansmith/, .git or project manifest), so plansmith creates nothing there: start the MCP server in your project (its working directory, or \`plansmith mcp -C <project>\`), run \`plansmith init\` in it, or name a store with --db or PLANSMITH_DB. Reading tools (explore_codebase, search_skills, draft_plan) work without one.`;
}

/** `store` from `.plansmith/config.json`, if the file says; a broken config is reported by the commands that read it. */
function configuredStore(root: string): string | undefined {
  try {
    return readProjectConfig(root).store;
  } catch {
    return undefined;
  }
}
