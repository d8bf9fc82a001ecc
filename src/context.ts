import { resolve } from 'node:path';
import type { PlanService } from './app/plans.js';
import { TaskService } from './app/tasks.js';
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

  store(): Promise<TaskStore> {
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

/** `store` from `.plansmith/config.json`, if the file says; a broken config is reported by the commands that read it. */
function configuredStore(root: string): string | undefined {
  try {
    return readProjectConfig(root).store;
  } catch {
    return undefined;
  }
}
