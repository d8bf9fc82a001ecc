import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

/** Relative imports of a file (static, type-only and dynamic), as source paths. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const out: string[] = [];
  for (const m of text.matchAll(/(?:import|export)[^'"]*?from\s+'(\.[^']+)'|import\(\s*'(\.[^']+)'\s*\)/g))
    out.push(normalize(join(dirname(file), (m[1] ?? m[2])!.replace(/\.js$/, '.ts'))));
  return out;
}

/**
 * The layers of docs/ARCHITECTURE.md's picture, bottom first: a file may import its own folder, a folder of
 * the same layer, or a lower layer, never a higher one (`app/` taking `AppContext` from `context.ts`, or
 * `files/` taking a helper from `explore/`, ran up).
 */
const LAYERS: string[][] = [
  ['domain'],
  ['files', 'graph'],
  ['store'],
  ['explore', 'registry', 'workspace', 'agent', 'planning', 'precedent'],
  ['app'],
  ['context'],
  ['http'],
  ['mcp', 'web', 'cli'],
  ['index'],
];
const layerOf = (file: string): { folder: string; rank: number } => {
  const folder = relative(SRC, file).split(sep)[0]!.replace(/\.ts$/, '');
  return { folder, rank: LAYERS.findIndex((l) => l.includes(folder)) };
};

describe('source structure', () => {
  it('imports only run down the layers (type-only imports included), and every folder has a layer', () => {
    const up: string[] = [];
    for (const f of sources(SRC)) {
      const from = layerOf(f);
      if (from.rank < 0) up.push(`${relative(SRC, f)}: its folder ${from.folder}/ has no layer in this test`);
      for (const d of importsOf(f)) {
        const to = layerOf(d);
        if (to.folder !== from.folder && to.rank > from.rank)
          up.push(
            `${relative(SRC, f)} → ${relative(SRC, d)} (${from.folder} imports ${to.folder}, a higher layer)`,
          );
      }
    }
    expect(up).toEqual([]);
  });

  it('has no import cycles, type-only imports included', () => {
    const graph = new Map(sources(SRC).map((f) => [f, importsOf(f)]));
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (f: string, path: string[]) => {
      state.set(f, 'open');
      for (const d of graph.get(f) ?? []) {
        if (state.get(d) === 'open')
          cycles.push([...path.slice(path.indexOf(d)), d].map((p) => relative(SRC, p)).join(' → '));
        else if (!state.has(d) && graph.has(d)) visit(d, [...path, d]);
      }
      state.set(f, 'done');
    };
    for (const f of graph.keys()) if (!state.has(f)) visit(f, [f]);
    expect(cycles).toEqual([]);
  });
});
