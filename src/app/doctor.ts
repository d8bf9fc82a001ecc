import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { projectFiles } from '../files/project-files.js';
import { CONFIG_PATH, readProjectConfig } from '../registry/config.js';
import type { TaskStore } from '../store/task-store.js';
import { recogniseEntry } from './install.js';

export interface DoctorCheck {
  check: string;
  ok: boolean;
  detail: string;
  /** The check was not made (an MCP entry that is not this plansmith, not confirmed); `ok` is false. */
  skipped?: true;
}

/** What doctor needs of the application: the project root and its store. */
export interface DoctorContext {
  root: string;
  store(): Promise<TaskStore>;
}

export interface DoctorOptions {
  timeoutMs?: number;
  /** The running plansmith's script (`process.argv[1]`): an entry that resolves to it is started without asking. */
  script?: string;
  /**
   * Asked before starting an MCP entry's command that is not this plansmith (the repository chose it, so it
   * may be anything). Absent: such an entry is reported as not checked, never started. `--run` answers yes.
   */
  confirm?: (commandLine: string, file: string) => Promise<boolean>;
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
 *
 * A cloned repository chooses what its MCP entries run, so doctor starts an entry only when it can show the
 * entry is this plansmith (the forms `init` writes, resolved to the running script; it then starts that
 * script with this node, never the entry's program). Any other command runs only if `confirm` says yes.
 */
export async function doctor(ctx: DoctorContext, options: DoctorOptions = {}): Promise<DoctorCheck[]> {
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
    const line = [entry.command, ...(Array.isArray(entry.args) ? entry.args : [])].map(String).join(' ');
    const known = recogniseEntry(entry, ctx.root, options.script ?? '');
    let launch = known.self ? known.launch : { command: entry.command, args: entry.args ?? [] };
    if (!known.self && !(options.confirm && (await options.confirm(line, path)))) {
      out.push({
        check: `mcp ${path}`,
        ok: false,
        skipped: true,
        detail: `not checked: \`${line}\` is the repository's own command (${known.reason}); doctor starts only this plansmith unless you confirm at a terminal or pass --run`,
      });
      continue;
    }
    launch = { command: String(launch.command), args: launch.args.map(String) };
    try {
      const tools = await listTools(launch.command, launch.args, ctx.root, options.timeoutMs ?? 20_000);
      out.push({
        check: `mcp ${path}`,
        ok: true,
        detail: `\`${line}\` started${known.self ? ` (${known.via})` : ''}; ${tools.length} tools (${tools.slice(0, 4).join(', ')}, …)`,
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
