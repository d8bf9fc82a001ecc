import { createHash } from 'node:crypto';
import { InputError } from '../domain/errors.js';
import type { PlanStyle } from '../domain/plan.js';
import { type ProjectFiles, projectFiles } from '../files/project-files.js';
import { CONFIG_PATH, type ProjectConfig, projectConfigSchema, projectRepo } from '../registry/config.js';
import type { ExportedFile } from '../registry/export.js';
import { claudeFiles, copilotFiles } from '../registry/export.js';
import type { Installation } from './install.js';

export interface InitOptions {
  root: string;
  /** How plansmith is installed here; `init` writes MCP entries that start it this way. */
  installation?: Installation;
  /** Whether the project is a Xano workspace (the default style then is xano). */
  xano?: boolean;
  claude?: boolean;
  copilot?: boolean;
  force?: boolean;
  style?: PlanStyle;
  model?: string;
}

export interface InitEntry {
  path: string;
  action: 'created' | 'updated' | 'merged' | 'unchanged' | 'kept';
  note?: string;
}

const MANIFEST = '.plansmith/init-manifest.json';
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Sets a project up: `.plansmith/config.json`, and with --claude / --copilot plansmith's planner agent
 * and commands in those formats plus the MCP entry for that client. A file plansmith wrote before and
 * nobody changed is updated; a file a person wrote or changed is kept unless --force. MCP config files
 * get plansmith's entry merged in, other servers untouched. Writes nothing outside the project.
 */
export function initProject(o: InitOptions): InitEntry[] {
  const fs = projectFiles(o.root);
  const read = (p: string) => fs.readTextIfExists(p, { maxBytes: 4 * 1024 * 1024 })?.text ?? null;
  let manifest: Record<string, string> = {};
  const manifestText = read(MANIFEST);
  if (manifestText !== null) {
    try {
      manifest = JSON.parse(manifestText);
    } catch {
      manifest = {};
    }
  }
  const entries: InitEntry[] = [];
  const files: ExportedFile[] = [];
  const configText = read(CONFIG_PATH);
  let existingConfig: ProjectConfig = {};
  if (configText !== null) {
    try {
      existingConfig = JSON.parse(configText) as ProjectConfig;
    } catch (e) {
      throw new InputError(`${CONFIG_PATH}: not valid JSON (${(e as Error).message}); fix or remove it`);
    }
  }
  // What init detected and chose, recorded so a person can read and change it (documented in the README).
  const config: ProjectConfig = { ...existingConfig };
  config.plan_style = o.style ?? existingConfig.plan_style ?? (o.xano ? 'xano' : 'feature');
  if (o.model) config.model = o.model;
  const repo = projectRepo(o.root, existingConfig);
  if (!config.repo && !repo.startsWith('local/')) config.repo = repo;
  // The SQLite file unless the environment names a server (its URL may carry a password: never written).
  if (!process.env.PLANSMITH_DATABASE_URL && !process.env.PLANSMITH_DB)
    config.store ??= '.plansmith/plansmith.db';
  const launch = o.installation?.launch;
  if (launch && (o.claude || o.copilot)) config.mcp_command = [launch.command, ...launch.args];
  const checked = projectConfigSchema.safeParse(config);
  if (!checked.success) throw new InputError(`${CONFIG_PATH}: ${checked.error.issues[0]!.message}`);
  files.push({ path: CONFIG_PATH, content: `${JSON.stringify(config, null, 2)}\n` });
  if (o.claude) files.push(...claudeFiles(launch));
  if (o.copilot) files.push(...copilotFiles(launch));

  for (const f of files) {
    const current = read(f.path);
    if (f.merge && current !== null) {
      let doc: Record<string, Record<string, unknown>>;
      try {
        doc = JSON.parse(current);
      } catch {
        entries.push({
          path: f.path,
          action: 'kept',
          note: 'not valid JSON; add the plansmith server by hand',
        });
        continue;
      }
      const key = f.merge === 'mcp-claude' ? 'mcpServers' : 'servers';
      const ours = (JSON.parse(f.content) as Record<string, Record<string, unknown>>)[key]!.plansmith;
      doc[key] ??= {};
      const servers = doc[key];
      if (servers.plansmith && JSON.stringify(servers.plansmith) !== JSON.stringify(ours) && !o.force) {
        entries.push({
          path: f.path,
          action: 'kept',
          note: 'has a different plansmith entry; --force to replace it',
        });
        continue;
      }
      if (JSON.stringify(servers.plansmith) === JSON.stringify(ours)) {
        entries.push({ path: f.path, action: 'unchanged' });
        continue;
      }
      servers.plansmith = ours;
      const content = `${JSON.stringify(doc, null, 2)}\n`;
      fs.write(f.path, content);
      manifest[f.path] = sha(content);
      entries.push({
        path: f.path,
        action: 'merged',
        note: `added the plansmith server (${launchNote(o.installation)}); other servers untouched`,
      });
      continue;
    }
    if (current === f.content) {
      entries.push({ path: f.path, action: 'unchanged' });
      manifest[f.path] = sha(f.content);
      continue;
    }
    const ours = current !== null && manifest[f.path] === sha(current);
    if (current !== null && !ours && !o.force && f.path !== CONFIG_PATH) {
      entries.push({
        path: f.path,
        action: 'kept',
        note: 'written or changed by hand; --force to overwrite',
      });
      continue;
    }
    fs.write(f.path, f.content);
    manifest[f.path] = sha(f.content);
    entries.push({
      path: f.path,
      action: current === null ? 'created' : 'updated',
      ...(f.merge ? { note: `starts the server with ${launchNote(o.installation)}` } : {}),
    });
  }
  fs.write(MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
  entries.push(ignoreStore(fs));
  return entries;
}

function launchNote(i: Installation | undefined): string {
  if (!i) return '`npx plansmith mcp`';
  return `\`${[i.launch.command, ...i.launch.args].join(' ')}\`, plansmith being ${i.how === 'path' ? 'run from this path (not installed)' : `a ${i.how}`}`;
}

/** The store and plansmith's scratch files stay out of git: `.plansmith/` goes into `.gitignore`. */
function ignoreStore(fs: ProjectFiles): InitEntry {
  const current = fs.readTextIfExists('.gitignore')?.text ?? null;
  if (current !== null && /^\/?\.plansmith\/?\s*$/m.test(current))
    return { path: '.gitignore', action: 'unchanged' };
  const content =
    current === null
      ? '.plansmith/\n'
      : `${current}${current.endsWith('\n') || current === '' ? '' : '\n'}.plansmith/\n`;
  fs.write('.gitignore', content);
  return {
    path: '.gitignore',
    action: current === null ? 'created' : 'updated',
    note: 'ignores .plansmith/ (the task store)',
  };
}
