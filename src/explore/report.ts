import type { ExploreReport } from './explore.js';

/** The terminal report of `plansmith explore`. */
export function renderExploreReport(r: ExploreReport): string {
  const p = r.profile;
  const ev = (e: { file: string; line: number }) => `${e.file}:${e.line}`;
  const out: string[] = [];
  const skipped = Object.entries(r.inventory.skipped)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k.replace('_', ' ')}`);
  out.push(
    `${r.root}`,
    `  ${r.inventory.files} files (${(r.inventory.bytes / 1024 / 1024).toFixed(1)} MB) from ${r.inventory.source === 'git' ? 'git' : 'a walk honouring .gitignore'}${skipped.length ? `; skipped ${skipped.join(', ')}` : ''}`,
  );
  if (r.inventory.secrets.length)
    out.push(
      `  secret files present, never read: ${r.inventory.secrets.slice(0, 5).join(', ')}${r.inventory.secrets.length > 5 ? ', …' : ''}`,
    );
  if (r.inventory.non_utf8)
    out.push(`  ${r.inventory.non_utf8} files are not valid UTF-8 (read with replacement characters)`);
  const section = (title: string, rows: string[]) => {
    if (rows.length) out.push('', title, ...rows.map((x) => `  ${x}`));
  };
  section(
    'Languages',
    p.languages
      .slice(0, 8)
      .map(
        (l) =>
          `${l.name.padEnd(14)} ${String(l.files).padStart(6)} files ${String(l.lines).padStart(8)} lines`,
      ),
  );
  section(
    'Package managers',
    p.packageManagers.map((m) => `${m.name}  (${ev(m.evidence)})`),
  );
  section(
    'Workspaces',
    p.workspaces.slice(0, 10).map((w) => `${w.name}${w.detail ? ` ${w.detail}` : ''}  (${ev(w.evidence)})`),
  );
  section(
    'Frameworks',
    p.frameworks.map((f) => `${f.name.padEnd(16)} ${String(f.kind ?? '').padEnd(10)} (${ev(f.evidence)})`),
  );
  section(
    'Commands',
    p.commands.map((c) => `${c.purpose.padEnd(9)} ${c.command}  (${ev(c.evidence)})`),
  );
  section(
    'pytest markers',
    p.pytestMarkers.map((m) => `${m.name}  (${ev(m.evidence)})`),
  );
  section(
    'CI',
    p.ci.map(
      (c) =>
        `${c.system}: ${c.file}${c.jobs.length ? ` — jobs ${c.jobs.map((j) => j.name).join(', ')}` : ''}`,
    ),
  );
  section('Database', [
    ...p.database.tools.map((t) => `${t.name}  (${ev(t.evidence)})`),
    ...p.database.migrations.map((m) => `migrations in ${m.name}/ (${m.detail})`),
  ]);
  section(
    'Containers and infrastructure',
    p.containers.slice(0, 8).map((c) => `${c.name}: ${c.detail ?? ev(c.evidence)}`),
  );
  section(
    'Entry points',
    p.entryPoints.slice(0, 8).map((e) => `${e.name}  (${e.kind})`),
  );
  if (p.xano)
    section(
      'Xano workspace',
      Object.entries(p.xano.components).map(([k, v]) => `${k.padEnd(15)} ${v.length} files`),
    );
  section(
    'Read first',
    p.docs.map((d) => `${d.name}  (${d.kind})`),
  );
  section(
    'Conventions',
    r.conventions.slice(0, 12).map((c) => `${c.role.padEnd(12)} ${c.pattern}  (${c.count})`),
  );
  if (r.relevance) {
    const list = (title: string, files: Array<{ path: string; score: number; reasons: string[] }>) =>
      section(
        title,
        files.flatMap((f, i) => [
          `${String(i + 1).padStart(2)}. ${f.path}  ${f.score.toFixed(2)}`,
          ...f.reasons.slice(0, 3).map((x) => `      ${x}`),
        ]),
      );
    list(
      `Files most likely to change for: ${r.relevance.query.split('\n')[0]!.slice(0, 80)}`,
      r.relevance.relevantFiles,
    );
    list('Tests to look at', r.relevance.tests.slice(0, 5));
    list('Docs to look at', r.relevance.docs.slice(0, 5));
  }
  return out.join('\n');
}
