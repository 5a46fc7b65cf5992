// Probes of what a database role may do, for the tests of the owner and service roles.
import pg from 'pg';
import { inject } from 'vitest';
import { databaseOf, PROJECT_SCHEMAS, withDatabase } from '../../subgraphs/kit/database-roles';
import type { TestDatabase } from './database';

export const INSUFFICIENT_PRIVILEGE = '42501';

/** The error `sql` fails with on `client`, run in a transaction rolled back after; fails the test if it runs. */
export async function refusal(client: pg.Client, sql: string): Promise<{ code: string; message: string }> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  } finally {
    await client.query('ROLLBACK');
  }
  throw new Error(`expected a refusal, but it ran: ${sql}`);
}

/** Objects in the project's schemas (and the schemas themselves) owned by `role`. */
export async function ownedBy(client: pg.Client, role: string): Promise<string[]> {
  const { rows } = await client.query<{ object: string }>(
    `SELECT 'schema ' || n.nspname AS object FROM pg_namespace n WHERE n.nspname = ANY($1) AND n.nspowner = $2::regrole
     UNION ALL SELECT 'relation ' || c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relowner = $2::regrole
     UNION ALL SELECT 'routine ' || p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = ANY($1) AND p.proowner = $2::regrole
     UNION ALL SELECT 'type ' || t.oid::regtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = ANY($1) AND t.typowner = $2::regrole
     ORDER BY 1`,
    [PROJECT_SCHEMAS, role],
  );
  return rows.map((row) => row.object);
}

/** The test server's superuser, on `target`'s database. */
export function superuserUrl(target: Pick<TestDatabase, 'url'>): string {
  return withDatabase(inject('testDatabaseServerUrl'), databaseOf(target.url));
}
