import type { Detector } from './detect.js';
import { lineOf } from './types.js';

const RUST_FRAMEWORKS: Record<string, [string, string]> = {
  axum: ['axum', 'web'],
  'actix-web': ['Actix Web', 'web'],
  rocket: ['Rocket', 'web'],
  tokio: ['Tokio', 'runtime'],
  diesel: ['Diesel', 'orm'],
  sqlx: ['SQLx', 'orm'],
  'sea-orm': ['SeaORM', 'orm'],
};

/** Rust: cargo, frameworks, workspaces, test, clippy and fmt, binaries; a crate in a folder when the root has none. */
export const rust: Detector = {
  name: 'rust',
  detect(ctx) {
    const { inventory, read, p, framework, command } = ctx;
    const cargo = read('Cargo.toml');
    if (cargo) {
      p.packageManagers.push({ name: 'cargo', kind: 'rust', evidence: { file: 'Cargo.toml', line: 1 } });
      for (const [dep, [name, kind]] of Object.entries(RUST_FRAMEWORKS)) {
        const re = new RegExp(`^${dep}\\s*=`, 'm');
        if (re.test(cargo)) framework(name, kind, { file: 'Cargo.toml', line: lineOf(cargo, re) });
      }
      if (/\[workspace\]/.test(cargo))
        p.workspaces.push({
          name: 'cargo workspace',
          evidence: { file: 'Cargo.toml', line: lineOf(cargo, '[workspace]') },
        });
      command('test', 'cargo test', { file: 'Cargo.toml', line: 1 });
      command('lint', 'cargo clippy -- -D warnings', { file: 'Cargo.toml', line: 1 });
      command('format', 'cargo fmt --check', { file: 'Cargo.toml', line: 1 });
      for (const f of inventory.files)
        if (/^src\/(main\.rs|bin\/[^/]+\.rs)$/.test(f.path))
          p.entryPoints.push({ name: f.path, kind: 'rust', evidence: { file: f.path, line: 1 } });
      return;
    }
    // A crate in a folder of its own (no manifest at the root): its commands run there.
    for (const f of inventory.files) {
      const dir = /^([^/.][^/]*)\/Cargo\.toml$/.exec(f.path)?.[1];
      if (!dir || !read(f.path)) continue;
      const evidence = { file: f.path, line: 1 };
      p.packageManagers.push({ name: 'cargo', kind: 'rust', detail: dir, evidence });
      command('test', `cd ${dir} && cargo test`, evidence);
      command('lint', `cd ${dir} && cargo clippy -- -D warnings`, evidence);
      command('format', `cd ${dir} && cargo fmt --check`, evidence);
    }
  },
};
