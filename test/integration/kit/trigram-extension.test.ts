// pg_trgm is created by the migrations of two subgraphs (kit/index-migration.ts
// createTrigramExtension), which `npm start` migrates at once (seed/run.ts) and which replicas of
// different subgraphs may migrate at once: the second creator waits for the first and finds it,
// where CREATE EXTENSION IF NOT EXISTS alone failed on the catalog's unique name.
import pg from 'pg';
import type { QueryRunner } from 'typeorm';
import { afterAll, describe, expect, it } from 'vitest';
import { createTrigramExtension } from '../../../subgraphs/kit/index-migration';
import { createTestDatabase, type TestDatabase } from '../../setup/database';

let database: TestDatabase | undefined;
const clients: pg.Client[] = [];
afterAll(async () => {
  for (const client of clients) await client.end().catch(() => undefined);
  await database?.drop();
});

async function migrationConnection(url: string): Promise<{ client: pg.Client; runner: QueryRunner }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  clients.push(client);
  // The one method the helper calls, as a migration's QueryRunner answers it.
  const runner = { query: async (sql: string) => (await client.query(sql)).rows } as unknown as QueryRunner;
  return { client, runner };
}

describe('createTrigramExtension', () => {
  it('two migrations creating it at once on an empty database both succeed', async () => {
    database = await createTestDatabase({ from: 'empty' });
    const first = await migrationConnection(database.migrationUrl);
    const second = await migrationConnection(database.migrationUrl);
    await first.client.query('BEGIN');
    await second.client.query('BEGIN');
    await createTrigramExtension(first.runner);
    // The second starts while the first has created it and not yet committed.
    const secondDone = createTrigramExtension(second.runner).then(
      () => 'created or found',
      (error: Error) => error.message,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    await first.client.query('COMMIT');
    expect(await secondDone).toBe('created or found');
    await second.client.query('COMMIT');
    const { rows } = await first.client.query(`SELECT count(*)::int AS n FROM pg_extension WHERE extname = 'pg_trgm'`);
    expect(rows[0].n).toBe(1);
  });
});
