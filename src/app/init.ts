import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { InputError } from '../domain/errors.js';
import type { PlanStyle } from '../domain/plan.js';
import { CONFIG_PATH, type ProjectConfig, projectConfigSchema } from '../registry/config.js';
import type { ExportedFile } from '../registry/export.js';
import { claudeFiles, copilotFiles } from '../registry/export.js';
import { writeFileAtomic } from '../workspace/atomic.js';

export interface InitOptions {
  root: string;
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

const MANIFEST = join('.plansmith', 'init-manifest.json');
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * Sets a project up: `.plansmith/config.json`, and with --claude / --copilot plansmith's planner agent
 * and commands in those formats plus the MCP entry for that client. A file plansmith wrote before and
 * nobody changed is updated; a file a person wrote or changed is kept unless --force. MCP config files
 * get plansmith's entry merged in, other servers untouched. Writes nothing outside the project.
 */
export function initProject(o: InitOptions): InitEntry[] {
  const manifestPath = join(o.root, MANIFEST);
  let manifest: Record<string, string> = {};
  if (existsSync(manifestPath)) {
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    } catch {
      manifest = {};
    }
  }
  const entries: InitEntry[] = [];
  const files: ExportedFile[] = [];
  const existingConfig = existsSync(join(o.root, CONFIG_PATH))
    ? (JSON.parse(readFileSync(join(o.root, CONFIG_PATH), 'utf8')) as ProjectConfig)
    : {};
  const config: ProjectConfig = { ...existingConfig };
  if (o.style) config.plan_style = o.style;
  if (o.model) config.model = o.model;
  const checked = projectConfigSchema.safeParse(config);
  if (!checked.success) throw new InputError(`${CONFIG_PATH}: ${checked.error.issues[0]!.message}`);
  files.push({ path: CONFIG_PATH, content: `${JSON.stringify(config, null, 2)}\n` });
  if (o.claude) files.push(...claudeFiles());
  if (o.copilot) files.push(...copilotFiles());

  for (const f of files) {
    const abs = join(o.root, f.path);
    const present = existsSync(abs);
    const current = present ? readFileSync(abs, 'utf8') : null;
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
      writeFileAtomic(abs, content);
      manifest[f.path] = sha(content);
      entries.push({
        path: f.path,
        action: 'merged',
        note: 'added the plansmith server; other servers untouched',
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
    writeFileAtomic(abs, f.content);
    manifest[f.path] = sha(f.content);
    entries.push({ path: f.path, action: current === null ? 'created' : 'updated' });
  }
  writeFileAtomic(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  return entries;
}
