// Token size of what an MCP client puts in every conversation: the tools/list result (names,
// descriptions, JSON Schemas), per profile, counted with the cl100k/o200k tokenizers of gpt-tokenizer.
// Baseline in the same run: the same tool set if its schemas were pretty-printed as many servers send
// them is not meaningful; instead we print the per-tool breakdown so the biggest costs are visible.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { encode as cl100k } from 'gpt-tokenizer/encoding/cl100k_base';
import { encode as o200k } from 'gpt-tokenizer/encoding/o200k_base';
import { submittedPlanJsonSchema } from '../dist/domain/plan-input.js';
import { createContext } from '../dist/index.js';
import { createMcpServer } from '../dist/mcp/server.js';

const dir = mkdtempSync(join(tmpdir(), 'plansmith-tokens-'));
for (const profile of ['core', 'default', 'all']) {
  const ctx = createContext({ root: dir });
  const server = createMcpServer(ctx, { profile });
  const [a, b] = InMemoryTransport.createLinkedPair();
  const client = new Client({ name: 'token-count', version: '1' });
  await Promise.all([server.connect(a), client.connect(b)]);
  const { tools } = await client.listTools();
  const text = JSON.stringify({ tools });
  console.log(
    `\n== --tools ${profile}: ${tools.length} tools, ${o200k(text).length} tokens (o200k), ${cl100k(text).length} (cl100k), ${text.length} chars`,
  );
  for (const t of tools.map((t) => [t.name, o200k(JSON.stringify(t)).length]).sort((x, y) => y[1] - x[1])) {
    console.log(`  ${String(t[1]).padStart(5)}  ${t[0]}`);
  }
  await client.close();
  await ctx.close();
}
rmSync(dir, { recursive: true, force: true });
// The typed plan schema: the whole one (the built-in engine's submit_plan, the plansmith://schema/plan
// resource) and the compact one inside MCP save_plan.
for (const variant of ['full', 'compact']) {
  const text = JSON.stringify(submittedPlanJsonSchema(variant));
  console.log(`plan schema (${variant}): ${o200k(text).length} tokens (o200k), ${text.length} chars`);
}
