import type { Detector } from './detect.js';
import { lineOf } from './types.js';

const GO_FRAMEWORKS: Record<string, [string, string]> = {
  'github.com/gin-gonic/gin': ['Gin', 'web'],
  'github.com/labstack/echo': ['Echo', 'web'],
  'github.com/go-chi/chi': ['chi', 'web'],
  'github.com/gofiber/fiber': ['Fiber', 'web'],
  'gorm.io/gorm': ['GORM', 'orm'],
  'github.com/jmoiron/sqlx': ['sqlx', 'orm'],
  'github.com/stretchr/testify': ['testify', 'test'],
};

/** Go modules, frameworks, go test and vet, commands under cmd/. */
export const go: Detector = {
  name: 'go',
  detect(ctx) {
    const { inventory, has, read, p, framework, command } = ctx;
    const gomod = read('go.mod');
    if (gomod) {
      p.packageManagers.push({
        name: 'go modules',
        kind: 'go',
        detail: /^module\s+(\S+)/m.exec(gomod)?.[1],
        evidence: { file: 'go.mod', line: 1 },
      });
      for (const [dep, [name, kind]] of Object.entries(GO_FRAMEWORKS))
        if (gomod.includes(dep)) framework(name, kind, { file: 'go.mod', line: lineOf(gomod, dep) });
      command('test', 'go test ./...', { file: 'go.mod', line: 1 });
      p.testRunner ??= {
        name: 'go',
        collects: ['**/*_test.go'],
        roots: [],
        evidence: { file: 'go.mod', line: 1 },
      };
      command('lint', 'go vet ./...', { file: 'go.mod', line: 1 });
      if (has('.golangci.yml') || has('.golangci.yaml'))
        command('lint', 'golangci-lint run', {
          file: has('.golangci.yml') ? '.golangci.yml' : '.golangci.yaml',
          line: 1,
        });
      for (const f of inventory.files)
        if (/^(main\.go|cmd\/[^/]+\/main\.go)$/.test(f.path))
          p.entryPoints.push({ name: f.path, kind: 'go', evidence: { file: f.path, line: 1 } });
      return;
    }
    // A module in a folder of its own (no go.mod at the root, no go.work): its commands run there, and
    // its tests are collected under it.
    if (has('go.work')) return;
    let modules = 0;
    for (const f of inventory.files) {
      const dir = /^([^/.][^/]*)\/go\.mod$/.exec(f.path)?.[1];
      if (!dir || !read(f.path)) continue;
      modules++;
      const evidence = { file: f.path, line: 1 };
      p.packageManagers.push({ name: 'go modules', kind: 'go', detail: dir, evidence });
      command('test', `cd ${dir} && go test ./...`, evidence);
      command('lint', `cd ${dir} && go vet ./...`, evidence);
      p.testRunner ??= { name: 'go', collects: [`${dir}/**/*_test.go`], roots: [dir], evidence };
    }
    // No go.mod anywhere (a GOPATH-era tree): `go test ./...` is still the runner of its `_test.go` files,
    // with the shallowest of them as the evidence, when Go is what the tree is written in (more of its
    // source files Go than of any other language): a Rust or Python project's Go sample or vendored
    // parser files make no Go project.
    if (modules || inventory.files.some((f) => /(^|\/)go\.mod$/.test(f.path))) return;
    const byLanguage = new Map<string, number>();
    for (const f of inventory.files)
      if (f.role === 'source' && f.language)
        byLanguage.set(f.language, (byLanguage.get(f.language) ?? 0) + 1);
    const goFiles = byLanguage.get('Go') ?? 0;
    if (!goFiles || [...byLanguage].some(([l, n]) => l !== 'Go' && n >= goFiles)) return;
    const first = inventory.files
      .map((f) => f.path)
      .filter((f) => /_test\.go$/.test(f) && !/(^|\/)(vendor|testdata)\//.test(f))
      .sort((a, b) => a.split('/').length - b.split('/').length || a.localeCompare(b))[0];
    if (!first) return;
    const evidence = { file: first, line: 1 };
    command('test', 'go test ./...', evidence);
    p.testRunner ??= { name: 'go', collects: ['**/*_test.go'], roots: [], evidence };
  },
};
