// A fingerprint of the four subgraphs' data: per table, its row count and an md5 over its rows.
// Two equal fingerprints mean no probe wrote anything. The audit trail is left out (refusing a
// request may legitimately record it); the effect queues live in other schemas and are drained first.
import type { DataSource } from 'typeorm';

const SCHEMAS = ['providers', 'applications', 'security', 'supervision'];
/** The audit trail (a refused request may be recorded) and the migrations' own bookkeeping. */
const EXCLUDED = /^(application_event|migrations|typeorm_metadata)$|(^|_)(audit|log)($|_)/;

export type Fingerprint = Record<string, string>;

/** Any data source on the stack's database (they all share one). */
export async function databaseFingerprint(db: DataSource): Promise<Fingerprint> {
  await waitForIdleQueue(db);
  const tables: Array<{ schema: string; name: string }> = await db.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
        WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
    [SCHEMAS],
  );
  const result: Fingerprint = {};
  for (const { schema, name } of tables) {
    if (EXCLUDED.test(name)) continue;
    const rows: Array<{ count: string; digest: string | null }> = await db.query(
      `SELECT count(*) AS count, md5(string_agg(md5(t::text), '' ORDER BY md5(t::text))) AS digest FROM "${schema}"."${name}" t`,
    );
    result[`${schema}.${name}`] = `${rows[0]!.count}:${rows[0]!.digest ?? '-'}`;
  }
  return result;
}

/** Tables whose fingerprint differs. */
export function changedTables(before: Fingerprint, after: Fingerprint): string[] {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names].filter((name) => before[name] !== after[name]).sort();
}

/** Effects enqueued by earlier requests are handled before a fingerprint is taken (bounded wait). */
async function waitForIdleQueue(db: DataSource): Promise<void> {
  const exists: unknown[] = await db.query(
    `SELECT 1 FROM information_schema.tables WHERE table_schema = 'graphile_worker' AND table_name = '_private_jobs'`,
  );
  if (!exists.length) return;
  for (let attempt = 0; attempt < 50; attempt++) {
    const rows: Array<{ n: string }> = await db.query(
      `SELECT count(*) AS n FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL OR (run_at <= now() AND attempts < max_attempts)`,
    );
    if (rows[0]!.n === '0') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
