// Bundles the CLI (and, through dynamic imports, each heavy part it loads lazily) into a few ESM files
// under dist/bin/. Loading ~300 small ESM files of kysely and zod costs ~200 ms of start-up on a slow
// machine; a code-split bundle loads in a fraction of that. The library API (dist/index.js) stays
// unbundled for consumers. Native and driver packages stay external.
import { cpSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

// Chunk names carry a hash: old ones would pile up (and ship in the package) without this.
rmSync('dist/bin', { recursive: true, force: true });
await build({
  entryPoints: { main: 'src/cli/main.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist/bin',
  chunkNames: 'chunks/[name]-[hash]',
  external: ['better-sqlite3', 'pg', 'pg-native'],
  // CommonJS dependencies bundled into ESM still call require() for Node built-ins.
  banner: { js: "import { createRequire as __plansmithRequire } from 'node:module'; const require = __plansmithRequire(import.meta.url);" },
  sourcemap: 'linked',
  logLevel: 'warning',
  legalComments: 'none',
});

// The dashboard ships prebuilt: its files are copied as they are (no framework, no bundler, no CDN).
rmSync('dist/dashboard', { recursive: true, force: true });
cpSync('src/web/assets', 'dist/dashboard', { recursive: true });
