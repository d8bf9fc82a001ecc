import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { ResourceTemplate } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { AppContext } from '../context.js';
import { planSchema } from '../domain/plan.js';
import { projectFiles } from '../files/project-files.js';

/** Plans (their main markdown file) and the task graph (Mermaid, and each task as JSON) as resources. */
export function registerResources(server: McpServer, ctx: AppContext): void {
  // The plan model's JSON Schema, generated from the zod model (what save_plan takes): a resource, so the
  // tools' own schemas stay small in every agent's context.
  server.registerResource(
    'plan-schema',
    'plansmith://schema/plan',
    { title: 'Plan model (JSON Schema), as save_plan takes it', mimeType: 'application/schema+json' },
    async (uri) => ({
      contents: [
        {
          uri: uri.href,
          mimeType: 'application/schema+json',
          text: JSON.stringify(z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' })),
        },
      ],
    }),
  );
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
    'plan',
    new ResourceTemplate('plansmith://plans/{id}', {
      list: async () => ({
        resources: (await (await ctx.plans()).list()).map((p) => ({
          uri: `plansmith://plans/${p.id}`,
          name: p.title,
          description: `${p.style} plan, revision ${p.revision}: ${p.path}`,
          mimeType: 'text/markdown',
        })),
      }),
    }),
    { title: 'A plan (its main markdown file)', mimeType: 'text/markdown' },
    async (uri, { id }) => {
      const { summary } = await (await ctx.plans()).resolve(String(id));
      // Through the file layer: a plan whose stored path is outside the root, or a link out of it, is refused.
      const text = projectFiles(ctx.root).readText(summary.path, { what: 'plan' }).text;
      return { contents: [{ uri: uri.href, mimeType: 'text/markdown', text }] };
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
