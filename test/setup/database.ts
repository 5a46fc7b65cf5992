import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import type { DatabaseUrls } from '../../subgraphs/kit/config';
import { prepareDatabase, withClient, withDatabase, withLogin } from '../../subgraphs/kit/database-roles';

export interface TestDatabase extends DatabaseUrls {
  /** A fresh, empty database of its own, as the service role (what the subgraphs use). */
  url: string;
  /** The same database as the owner role (migrations, seeds, fixtures that change schemas). */
  migrationUrl: string;
  drop(): Promise<void>;
}

/** A new empty database on the run's test server, so test files never see each other's rows. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const serverUrl = inject('testDatabaseServerUrl');
  const roles = inject('testDatabaseRoles');
  const name = `govcloud_test_${randomBytes(6).toString('hex')}`;
  const database = withDatabase(serverUrl, name);
  const urls: DatabaseUrls = { url: withLogin(database, roles.service), migrationUrl: withLogin(database, roles.owner) };
  const drop = () => withAdmin(serverUrl, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => undefined);
  try {
    await prepareDatabase(serverUrl, urls);
  } catch (error) {
    await drop();
    throw error;
  }
  return { ...urls, drop };
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
