import { isAbsolute, join, resolve } from 'node:path';
import type { StoreOptions } from './kysely/store.js';
import type { TaskStore } from './task-store.js';

export interface OpenStoreOptions extends StoreOptions {
  /** `--db`: a file path or a postgres:// URL. */
  db?: string;
  /** Project root, for the default `.plansmith/plansmith.db`. */
  root?: string;
  /** `store` from `.plansmith/config.json`: used when neither --db nor the environment says. */
  configured?: string;
  env?: NodeJS.ProcessEnv;
}

export const DEFAULT_DB = join('.plansmith', 'plansmith.db');

/**
 * Where the store lives: `--db`, else PLANSMITH_DATABASE_URL / PLANSMITH_DB, else `store` in the project's
 * config, else the project default.
 */
export function storeTarget(options: OpenStoreOptions = {}): string {
  const env = options.env ?? process.env;
  const root = options.root ?? process.cwd();
  const target =
    options.db || env.PLANSMITH_DATABASE_URL || env.PLANSMITH_DB || options.configured || DEFAULT_DB;
  if (isPostgresUrl(target)) return target;
  return isAbsolute(target) ? target : resolve(root, target);
}

export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

export async function openStore(options: OpenStoreOptions = {}): Promise<TaskStore> {
  const target = storeTarget(options);
  if (isPostgresUrl(target)) {
    const { openPostgresStore } = await import('./postgres/index.js');
    const schema = new URL(target).searchParams.get('schema') ?? undefined;
    const env = options.env ?? process.env;
    const poolSize = env.PLANSMITH_PG_POOL ? Number(env.PLANSMITH_PG_POOL) : undefined;
    return openPostgresStore(target.replace(/[?&]schema=[^&]*/, ''), { ...options, schema, poolSize });
  }
  const { openSqliteStore } = await import('./sqlite/index.js');
  return openSqliteStore(target, options);
}
