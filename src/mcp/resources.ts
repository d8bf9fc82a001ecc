import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { AppContext } from '../context.js';

/** The task graph as resources: the whole graph in Mermaid, and each task as JSON. */
export function registerResources(server: McpServer, ctx: AppContext): void {
  server.registerResource(
    'task-graph',
    'plansmith://tasks/graph',
    { title: 'Task graph (Mermaid)', mimeType: 'text/plain' },
    async (uri) => {
      const text = await (await ctx.tasks()).graph({ format: 'mermaid' });
      return { contents: [{ uri: uri.href, mimeType: 'text/plain', text: String(text) }] };
    },
  );
  server.registerResource(
    'task',
    new ResourceTemplate('plansmith://tasks/{id}', { list: undefined }),
    { title: 'One task (JSON)', mimeType: 'application/json' },
    async (uri, { id }) => {
      const r = await (await ctx.tasks()).show(String(id));
      return { contents: [{ uri: uri.href, mimeType: 'application/json', text: JSON.stringify(r) }] };
    },
  );
}
