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

/** Rust: cargo, frameworks, workspaces, test, clippy and fmt, binaries. */
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
    }
  },
};
