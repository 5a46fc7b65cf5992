// `npm run seed [-- --reset]` (seed/run.ts): the demo world loads into empty schemas only; a reset
// empties and reloads every schema and drops the effects still queued from the old world.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migrateAndSeed } from '../../seed/run';
import { JOBS_SCHEMA, migrateJobs } from '../../subgraphs/kit/jobs';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let database: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  database = await createTestDatabase();
  client = new pg.Client({ connectionString: database.url });
  await client.connect();
});

afterAll(async () => {
  await client?.end();
  await database?.drop();
});

const count = async (sql: string): Promise<number> => Number((await client.query<{ n: string }>(sql)).rows[0]!.n);

describe('seed', () => {
  it('loads every empty schema, and leaves loaded ones as they are', async () => {
    expect(await migrateAndSeed(database.migrationUrl)).toEqual({ seeded: [...SUBGRAPH_NAMES], skipped: [] });
    const units = await count(`SELECT COUNT(*) AS n FROM applications.unit`);
    expect(units).toBeGreaterThan(0);
    expect(await migrateAndSeed(database.migrationUrl)).toEqual({ seeded: [], skipped: [...SUBGRAPH_NAMES] });
    expect(await count(`SELECT COUNT(*) AS n FROM applications.unit`)).toBe(units);
  });

  it('--reset reloads the demo world and drops effects still queued', async () => {
    await migrateJobs(database.migrationUrl, { quiet: true });
    await client.query(`SELECT ${JOBS_SCHEMA}.add_job('applications.flagOverdue', '{}'::json)`);
    await client.query(`UPDATE applications.unit SET name = '已改动'`);
    expect(await count(`SELECT COUNT(*) AS n FROM ${JOBS_SCHEMA}.jobs`)).toBe(1);

    expect(await migrateAndSeed(database.migrationUrl, { reset: true })).toEqual({ seeded: [...SUBGRAPH_NAMES], skipped: [] });
    expect(await count(`SELECT COUNT(*) AS n FROM ${JOBS_SCHEMA}.jobs`)).toBe(0);
    expect(await count(`SELECT COUNT(*) AS n FROM applications.unit WHERE name = '已改动'`)).toBe(0);
  });
});
