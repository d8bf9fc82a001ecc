import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { AppContext } from '../../src/context.js';
import { createMcpServer, type ToolProfile } from '../../src/mcp/server.js';

/** Calls a tool and parses its JSON text; `error` is set when the tool answered isError. */
export async function call<T = unknown>(
  client: Client,
  name: string,
  args: Record<string, unknown> = {},
): Promise<{
  value: T;
  error?: { message: string; issues?: Array<{ task?: string; field: string }> };
  raw: CallToolResult;
}> {
  const raw = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = raw.content.map((c) => (c.type === 'text' ? c.text : '')).join('');
  if (raw.isError) {
    let error: { message: string };
    try {
      error = JSON.parse(text).error;
    } catch {
      error = { message: text };
    }
    return { value: undefined as T, error, raw };
  }
  return { value: JSON.parse(text) as T, raw };
}

export function newClient(name = 'plansmith-test'): Client {
  return new Client({ name, version: '1.0.0' });
}

/** A real MCP server over `ctx`, connected to a fresh SDK client through the in-memory transport. */
export async function connectInMemory(ctx: AppContext, profile?: ToolProfile): Promise<Client> {
  const server = createMcpServer(ctx, { profile: profile ?? 'all' });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = newClient();
  await Promise.all([server.connect(a), client.connect(b)]);
  return client;
}
