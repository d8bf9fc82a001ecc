import type { Detector } from './detect.js';

/** Database tools and migration folders. */
export const database: Detector = {
  name: 'database',
  detect(ctx) {
    const { inventory, has, p } = ctx;
    const dbTools: Array<[string, string]> = [
      ['prisma/schema.prisma', 'Prisma schema'],
      ['alembic.ini', 'Alembic'],
      ['knexfile.js', 'Knex'],
      ['knexfile.ts', 'Knex'],
      ['drizzle.config.ts', 'Drizzle Kit'],
      ['ormconfig.json', 'TypeORM'],
      ['db/schema.rb', 'Rails schema'],
      ['supabase/config.toml', 'Supabase'],
    ];
    for (const [file, name] of dbTools)
      if (has(file)) p.database.tools.push({ name, evidence: { file, line: 1 } });
    const migrationDirs = new Map<string, number>();
    for (const f of inventory.files) {
      const m = /^(.*?(?:^|\/)(?:migrations|migrate|alembic\/versions|versions)\/)/.exec(f.path);
      if (m && /migrat|alembic/.test(m[1]!)) migrationDirs.set(m[1]!, (migrationDirs.get(m[1]!) ?? 0) + 1);
    }
    for (const [dir, n] of [...migrationDirs.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5)) {
      p.database.migrations.push({
        name: dir.replace(/\/$/, ''),
        detail: `${n} file${n === 1 ? '' : 's'}`,
        evidence: { file: inventory.files.find((f) => f.path.startsWith(dir))!.path, line: 1 },
      });
    }
  },
};
