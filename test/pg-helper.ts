import pg from 'pg';

/** The server the PostgreSQL tests use; CI and the dev machines have one on 127.0.0.1:5432. */
export const TEST_PG_URL = process.env.PLANSMITH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function postgresAvailable(): Promise<{ ok: true } | { ok: false; reason: string }> {
  if (process.env.PLANSMITH_TEST_PG_URL === 'off') return { ok: false, reason: 'PLANSMITH_TEST_PG_URL=off' };
  const c = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await c.connect();
    await c.query('select 1');
    return { ok: true };
  } catch (e) {
    return {
      ok: false,
      reason: `no server at ${TEST_PG_URL} (${(e as Error).message}); set PLANSMITH_TEST_PG_URL to run them`,
    };
  } finally {
    await c.end().catch(() => {});
  }
}
