import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The dashboard's prebuilt files (plansmith's own, shipped in the package: no build step, no CDN). They
 * live in `src/web/assets/` and are copied to `dist/dashboard/` by the build; this finds them from the
 * bundled CLI (dist/bin/…), the library (dist/web/) or the sources (tests).
 */
const TYPES: Record<string, string> = {
  html: 'text/html; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  css: 'text/css; charset=utf-8',
  svg: 'image/svg+xml',
};

function assetsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 4; i++) {
    for (const c of [join(dir, 'dashboard'), join(dir, 'assets'), join(dir, 'dist', 'dashboard')])
      if (existsSync(join(c, 'index.html'))) return c;
    dir = dirname(dir);
  }
  throw new Error('the dashboard files are missing from this installation (dist/dashboard)');
}

const cache = new Map<string, { body: string; type: string }>();

/** A dashboard file by name (no paths: only the files that ship). */
export function dashboardAsset(name: string): { body: string; type: string } | null {
  if (!/^[a-z0-9-]+\.(html|js|css|svg)$/.test(name)) return null;
  const hit = cache.get(name);
  if (hit) return hit;
  const file = join(assetsDir(), name);
  if (!existsSync(file)) return null;
  const a = { body: readFileSync(file, 'utf8'), type: TYPES[name.split('.').pop()!]! };
  cache.set(name, a);
  return a;
}
