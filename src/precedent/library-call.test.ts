import { describe, expect, it } from 'vitest';
import { precedentAt } from '../../test/precedent-at.js';
import { tempProjects } from '../../test/temp-project.js';
import { inventory } from '../explore/inventory.js';
import { projectFiles } from '../files/project-files.js';
import { precedentFacts } from './facts.js';
import type { FootprintEntry } from './footprint.js';
import { importedFrom, libraryCalls, libraryRisks, openCallee } from './library-call.js';
import { TreeSearch } from './search.js';

const project = tempProjects('library-call');

/**
 * A small web tool written for this test: `serve` hands `--watch-dirs` to a server library's function as a
 * keyword, and `--port` to a function of its own; the library is declared with a floor in pyproject.toml.
 */
const SERVE: Record<string, string> = {
  'pyproject.toml': `[project]
name = "tinyserve"
dependencies = [
    "hotreload >= 1.4",
    "colourful",
]
`,
  'tinyserve/__init__.py': '',
  'tinyserve/cli.py': `import argparse
import json

from hotreload.server import serve_forever

from .banner import show_banner


def main(argv=None):
    p = argparse.ArgumentParser(prog="tinyserve")
    p.add_argument("--watch-dirs", nargs="*", help="also restart when files in these folders change")
    p.add_argument("--port", type=int, default=8000, help="port to listen on")
    args = p.parse_args(argv)
    show_banner(port=args.port)
    print(json.dumps({"port": args.port}, indent=2))
    serve_forever(
        "app:app",
        port=args.port,
        watch_dirs=args.watch_dirs,
    )
`,
  'tinyserve/banner.py': `def show_banner(port):
    print("listening on", port)
`,
};

describe('a library call the sibling reaches', () => {
  it('names the call, its import and the line that declares the library', async () => {
    const root = project(SERVE);
    const p = await precedentAt(
      root,
      'Add a `--watch-exts` option to restart only for files with these extensions',
    );
    expect(p.sibling?.name).toBe('--watch-dirs');
    expect(p.library).toEqual([
      {
        callee: 'serve_forever',
        module: 'hotreload.server',
        keyword: 'watch_dirs',
        file: 'tinyserve/cli.py',
        line: 19,
        dependency: { file: 'pyproject.toml', line: 4, text: '"hotreload >= 1.4",' },
      },
    ]);
    expect(precedentFacts(p).library?.[0]).toContain('serve_forever(watch_dirs=…) from hotreload.server');
    const [risk] = libraryRisks(p);
    expect(risk?.risk).toContain('`--watch-dirs` reaches a library: `watch_dirs=` goes to `serve_forever`');
    expect(risk?.mitigation).toContain('raise the floor at pyproject.toml:4');
  });

  it('is silent for a call of the project own, the standard library, or a library declared nowhere', async () => {
    const own = await precedentAt(project(SERVE), 'Add a `--host` option to choose the interface to bind to');
    expect(own.sibling?.name).toBe('--port');
    // `show_banner(port=…)` is the project's; `json.dumps` is the standard library; `serve_forever`'s
    // `port=` is a library keyword, but only `--watch-dirs`-like values are asked here, by the sibling.
    expect(own.library.map((l) => l.callee)).toEqual(['serve_forever']);
    const undeclared = { ...SERVE, 'pyproject.toml': '[project]\nname = "tinyserve"\n' };
    const none = await precedentAt(
      project(undeclared),
      'Add a `--watch-exts` option to restart only for files with these extensions',
    );
    expect(none.library).toEqual([]);
  });
});

describe('reading a call and an import', () => {
  it('finds the call a keyword argument is in, across lines and nested brackets', () => {
    const lines = ['x = run(', '    "a", opts={"k": (1, 2)},', '    depth=depth,', ')'];
    expect(openCallee(lines, 3, 4)).toBe('run');
    expect(openCallee(['value = depth'], 1, 8)).toBeNull();
    expect(openCallee(['if (depth', '    and x):'], 1, 4)).toBeNull();
  });

  it('does not count a bracket inside a string or a comment on the way back', () => {
    // An opening parenthesis in a string, a closing one in a string, one in a comment.
    const opened = ['serve(', '    "app:(main",', '    depth=depth,', ')'];
    expect(openCallee(opened, 3, 4)).toBe('serve');
    const closed = ['serve(', "    banner='ready :)',", '    depth=depth,', ')'];
    expect(openCallee(closed, 3, 4)).toBe('serve');
    const noted = ['serve(', '    # the old call was start(', '    depth=depth,', ')'];
    expect(openCallee(noted, 3, 4)).toBe('serve');
    // A top-level statement between the bracket and the keyword: the keyword is not in that call.
    expect(openCallee(['serve(', 'x = 1', '    depth=depth,'], 3, 4)).toBeNull();
    expect(openCallee(['opts = {', '    depth=depth,', '}'], 2, 4)).toBeNull();
  });

  it('reads from-imports, aliases and dotted imports', () => {
    const lines = ['import numpy as np', 'import os.path', 'from a.b import (c as d, e)'];
    expect(importedFrom(lines, 'np.array')).toBe('numpy');
    expect(importedFrom(lines, 'os.path.join')).toBe('os.path');
    expect(importedFrom(lines, 'd')).toBe('a.b');
    expect(importedFrom(lines, 'zz')).toBeNull();
  });
});

/** The library calls of lines given by hand as the sibling's footprint (each `file:line`), on a project. */
function callsAt(files: Record<string, string>, at: string[], ids: string[]) {
  const root = project(files);
  const search = new TreeSearch(root, projectFiles(root), inventory(root));
  const footprint = at.map((a): FootprintEntry => {
    const [file, line] = a.split(':');
    const text = files[file!]!.split('\n')[Number(line) - 1]!.trim();
    return {
      file: file!,
      line: Number(line),
      text,
      role: 'read',
      area: 'code',
      source: 'occurrence',
      why: '',
    };
  });
  return libraryCalls(search, footprint, ids).map(
    (c) => `${c.callee} ${c.module} ${c.keyword} ${c.dependency.file}:${c.dependency.line}`,
  );
}

describe('a library call in JavaScript, Go and Rust', () => {
  it('JavaScript: a key of the object a required package takes; not a relative module', () => {
    const files = {
      'package.json': '{\n  "name": "shelf",\n  "dependencies": {\n    "globber": "^2.1.0"\n  }\n}\n',
      'lib/scan.js': `const globber = require('globber')
const local = require('./local')

function scan (config) {
  const found = globber({
    cwd: config.cwd,
    skipDirs: config.skipDirs
  })
  return local({ skipDirs: config.skipDirs }).concat(found)
}
`,
      'lib/local.js': 'module.exports = function (o) { return [] }\n',
    };
    expect(callsAt(files, ['lib/scan.js:7', 'lib/scan.js:9'], ['skip-dirs', 'skipDirs'])).toEqual([
      'globber globber skipDirs package.json:4',
    ]);
  });

  it('Go: a field of a struct literal of an imported module go.mod requires; not the standard library', () => {
    const files = {
      'go.mod': 'module example.org/shelf\n\ngo 1.21\n\nrequire (\n\tgithub.com/acme/walker v1.3.0\n)\n',
      'scan.go': `package main

import (
\t"net/http"

\t"github.com/acme/walker"
)

func scan(opts Options) {
\tw := walker.Config{
\t\tSkipDirs: opts.SkipDirs,
\t}
\tc := http.Client{Timeout: opts.Timeout}
\t_ = c
\twalker.Run(w)
}
`,
    };
    expect(
      callsAt(files, ['scan.go:11', 'scan.go:13'], ['skip-dirs', 'SkipDirs', 'timeout', 'Timeout']),
    ).toEqual(['walker.Config github.com/acme/walker SkipDirs go.mod:6']);
  });

  it("Rust: a builder's method of a crate Cargo.toml declares; not the project's own crate", () => {
    const files = {
      'Cargo.toml': '[package]\nname = "shelf"\n\n[dependencies]\nfetcher = { version = "0.9" }\n',
      'src/main.rs': `use fetcher::Client;

fn build(args: &Args) -> Client {
    let client = Client::builder()
        .retries(args.retries)
        .build();
    crate::log::note(args.retries);
    client
}
`,
    };
    expect(callsAt(files, ['src/main.rs:5', 'src/main.rs:7'], ['retries'])).toEqual([
      'Client::builder.retries fetcher retries Cargo.toml:5',
    ]);
  });
});
