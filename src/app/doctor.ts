import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import type { AppContext } from '../context.js';
import { projectFiles } from '../files/project-files.js';
import { CONFIG_PATH, readProjectConfig } from '../registry/config.js';

export interface DoctorCheck {
  check: string;
  ok: boolean;
  detail: string;
}

/** The MCP entries `init` writes: where they live and where plansmith's entry sits in each. */
const MCP_FILES: Array<[string, 'mcpServers' | 'servers']> = [
  ['.mcp.json', 'mcpServers'],
  ['.vscode/mcp.json', 'servers'],
];

/**
 * Checks a project's setup the way a user's tools will meet it: the config parses, the store opens and is
 * migrated, the model settings are complete (no network), and every MCP entry init wrote really starts a
 * server that lists its tools. Offline; changes nothing but the store's own migrations.
 */
export async function doctor(ctx: AppContext, options: { timeoutMs?: number } = {}): Promise<DoctorCheck[]> {
  const out: DoctorCheck[] = [];
  let model: string | undefined;
  try {
    const config = readProjectConfig(ctx.root);
    model = config.model;
    const has = projectFiles(ctx.root).has(CONFIG_PATH);
    out.push({
      check: 'config',
      ok: true,
      detail: has ? `${CONFIG_PATH} is valid` : `no ${CONFIG_PATH} (defaults; run plansmith init)`,
    });
  } catch (e) {
    out.push({ check: 'config', ok: false, detail: (e as Error).message });
  }
  try {
    const store = await ctx.store();
    const applied = await store.migrations();
    const tasks = await store.countTasks();
    // A URL's password never reaches the output.
    const where = store.info.location.replace(/\/\/[^@/]*@/, '//…@');
    out.push({
      check: 'store',
      ok: true,
      detail: `${store.info.kind} at ${where}: ${applied.length} migration(s), ${tasks} task(s)`,
    });
  } catch (e) {
    out.push({ check: 'store', ok: false, detail: (e as Error).message });
  }
  const spec = process.env.PLANSMITH_MODEL || model;
  if (!spec) out.push({ check: 'model', ok: true, detail: 'none configured: plans use the offline engine' });
  else {
    try {
      const { parseModelSpec, createModel } = await import('../agent/model.js');
      createModel(parseModelSpec(spec), process.env);
      out.push({ check: 'model', ok: true, detail: `${spec}: settings complete (not called)` });
    } catch (e) {
      out.push({ check: 'model', ok: false, detail: `${spec}: ${(e as Error).message}` });
    }
  }
  const files = projectFiles(ctx.root);
  for (const [path, key] of MCP_FILES) {
    const text = files.readTextIfExists(path)?.text;
    if (text === undefined || text === null) continue;
    let entry: { command?: string; args?: string[] } | undefined;
    try {
      entry = JSON.parse(text)?.[key]?.plansmith;
    } catch (e) {
      out.push({ check: `mcp ${path}`, ok: false, detail: `not valid JSON: ${(e as Error).message}` });
      continue;
    }
    if (!entry?.command) {
      out.push({ check: `mcp ${path}`, ok: false, detail: 'no plansmith server in it (run plansmith init)' });
      continue;
    }
    const line = [entry.command, ...(entry.args ?? [])].join(' ');
    try {
      const tools = await listTools(entry.command, entry.args ?? [], ctx.root, options.timeoutMs ?? 20_000);
      out.push({
        check: `mcp ${path}`,
        ok: true,
        detail: `\`${line}\` started; ${tools.length} tools (${tools.slice(0, 4).join(', ')}, …)`,
      });
    } catch (e) {
      out.push({
        check: `mcp ${path}`,
        ok: false,
        detail: `\`${line}\` did not start a server: ${(e as Error).message}`,
      });
    }
  }
  return out;
}

/** Starts a server the way an MCP client does (stdio, in the project folder) and lists its tools. */
async function listTools(command: string, args: string[], cwd: string, timeoutMs: number): Promise<string[]> {
  const client = new Client({ name: 'plansmith-doctor', version: '1' });
  const transport = new StdioClientTransport({ command, args, cwd, stderr: 'pipe' });
  let timer: NodeJS.Timeout | undefined;
  try {
    const work = (async () => {
      await client.connect(transport);
      return (await client.listTools()).tools.map((t) => t.name);
    })();
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
    });
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
    await client.close().catch(() => {});
  }
}
