import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { inject } from 'vitest';
import type { DatabaseUrls } from '../../subgraphs/kit/config';
import { createSubgraphDataSource } from '../../subgraphs/kit/data-source';
import { prepareDatabase, withClient } from '../../subgraphs/kit/database-roles';
import { cloneDatabase, roleUrls, type DatabaseContents } from './database-templates';

export type { DatabaseContents } from './database-templates';

export interface TestDatabase extends DatabaseUrls {
  /** A fresh database of its own, as the service role (what the subgraphs use). */
  url: string;
  /** The same database as the owner role (migrations, seeds, fixtures that change schemas). */
  migrationUrl: string;
  /** What it held when created (startSubgraphs then skips the migrations and seed already in it). */
  contents: DatabaseContents;
  drop(): Promise<void>;
}

export interface TestDatabaseOptions {
  /**
   * The starting point: `empty` (default; for tests of migrations and role setup, and fixtures
   * of their own), `migrated` (every subgraph's and the job queue's migrations) or `seeded` (that
   * and the demo world, as `npm run seed` loads it) — the last two cloned from the run's templates.
   */
  from?: DatabaseContents;
}

/** A new database on the run's test server, so test files never see each other's rows. */
export async function createTestDatabase(options: TestDatabaseOptions = {}): Promise<TestDatabase> {
  const contents = options.from ?? 'empty';
  const serverUrl = inject('testDatabaseServerUrl');
  const roles = inject('testDatabaseRoles');
  const name = `govcloud_test_${randomBytes(6).toString('hex')}`;
  const urls = roleUrls(serverUrl, roles, name);
  const drop = () => withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  try {
    if (contents === 'empty') await prepareDatabase(serverUrl, urls);
    else await cloneDatabase(serverUrl, roles, inject('testDatabaseTemplates')[contents], name);
  } catch (error) {
    await drop();
    throw error;
  }
  return { ...urls, contents, drop };
}

/** Runs SQL as the database's owner role: fixtures the service role may not set up (a trigger, say). */
export async function runAsOwner(database: Pick<DatabaseUrls, 'migrationUrl'>, sql: string): Promise<void> {
  await withClient(database.migrationUrl, (client) => client.query(sql));
}

async function withAdmin<T>(serverUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh empty database behind a subgraph's data source of one connection (kit/pg-driver.ts as the subgraphs run it). */
export interface BareDataSource {
  dataSource: DataSource;
  /** Closes the data source and drops the database. */
  close(): Promise<void>;
}

/** One connection, so every statement of a test (and its look at the connection's state) shares it. */
export async function openBareDataSource(): Promise<BareDataSource> {
  const database = await createTestDatabase();
  const dataSource = await createSubgraphDataSource({
    url: database.url,
    schema: 'public',
    entities: [],
    migrations: [],
    poolSize: 1,
  }).initialize();
  return {
    dataSource,
    async close() {
      await dataSource.destroy();
      await database.drop();
    },
  };
}
