import 'reflect-metadata';
import pg from 'pg';
import { DataSource, type EntityManager, type MixedList, type EntitySchema } from 'typeorm';
import { AuditEntryEntity } from './audit-entry.entity';
import { auditTrailMigration } from './audit-trail-migration';
import { classifyDatabaseError, databaseErrorToClient } from './database-errors';
import { ConflictError, GovCloudError } from './errors';
import { SnakeNamingStrategy } from './naming-strategy';
import { listeningPg } from './pg-driver';
import { SqlStatementCounter } from './sql-counter';
import { revokeWritesFromOthers } from './table-privileges';

export interface SubgraphDataSourceOptions {
  /** PostgreSQL connection URL. */
  url: string;
  /** The PostgreSQL schema this subgraph owns; named after the subgraph. */
  schema: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  /** Connections in the pool. Default 10. */
  poolSize?: number;
}

/**
 * A subgraph's DataSource with its own SQL statement counter, not yet initialised. Every subgraph
 * gets the audit trail's table (kit/audit-trail-migration.ts) after its own migrations.
 */
export function createSubgraphDataSource(options: SubgraphDataSourceOptions): DataSource {
  const counter = new SqlStatementCounter();
  return new DataSource({
    type: 'postgres',
    // A connection the server ends while checked out must not end the process (pg-driver.ts).
    driver: listeningPg,
    url: options.url,
    schema: options.schema,
    entities: [...asArray(options.entities), AuditEntryEntity],
    migrations: [...asArray(options.migrations), auditTrailMigration(options.schema)],
    migrationsTableName: 'migrations',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    logger: counter,
    maxQueryExecutionTime: 1000,
    // gen_random_uuid() is built in; and the service role may not create extensions.
    installExtensions: false,
    extra: {
      max: options.poolSize ?? 10,
      onRows: counter.addRows,
      application_name: `govcloud-${options.schema}`,
      // READ COMMITTED whatever the server's default, set once per connection: the audit trail's head
      // is locked and re-read by each append, which a stricter level would turn into serialization failures.
      options: '-c default_transaction_isolation=read\\ committed',
    },
  });
}

/** Connections of the read replica's pool: analysts' ad-hoc queries are few. */
export const READ_POOL_SIZE = 4;

/**
 * The subgraph's DataSource on the read replica (DATABASE_READ_URL), not yet initialised: its
 * entities and SQL counter, no migrations, a small pool, and every transaction read-only, so
 * nothing can write through it even when the URL names the primary.
 */
export function createReadDataSource(createDataSource: (url: string) => DataSource, url: string): DataSource {
  const dataSource = createDataSource(url);
  const { extra, schema } = dataSource.options as { extra: Record<string, unknown>; schema?: string };
  return dataSource.setOptions({
    migrations: [],
    extra: {
      ...extra,
      max: READ_POOL_SIZE,
      application_name: `govcloud-${schema}-read`,
      options: `${String(extra.options)} -c default_transaction_read_only=on`,
    },
  });
}

function asArray<T>(list: MixedList<T>): T[] {
  return Array.isArray(list) ? list : Object.values(list);
}

export function sqlCounterOf(dataSource: DataSource): SqlStatementCounter {
  const logger = dataSource.logger;
  if (!(logger instanceof SqlStatementCounter)) throw new Error('data source was not created by createSubgraphDataSource');
  return logger;
}

/**
 * Creates the subgraph's schema if needed and applies pending migrations, each in a transaction.
 * Run as the owner role (MIGRATION_DATABASE_URL). With nothing to do it runs no DDL at all, so a
 * service role may call it too and find the schema up to date. One migrator at a time per schema,
 * whatever process or replica runs it (withMigrationLock): several replicas may start together.
 */
export async function migrate(dataSource: DataSource): Promise<void> {
  if (!dataSource.isInitialized) await dataSource.initialize();
  const { schema, url } = dataSource.options as { schema?: string; url?: string };
  const work = async () => {
    // Checked first: CREATE SCHEMA IF NOT EXISTS needs the CREATE privilege even when the schema exists.
    if (schema && !(await schemaExists(dataSource, schema))) await dataSource.query(`CREATE SCHEMA "${schema}"`);
    await dataSource.runMigrations({ transaction: 'each' });
    // The services read which migrations ran; none may rewrite that record (also when a schema from
    // before the two roles was handed over with all privileges). Nothing unless we own the table.
    if (schema) await revokeWritesFromOthers((sql) => dataSource.query(sql), `"${schema}"."migrations"`);
  };
  if (!url) throw new Error('migrate() needs a data source created with a url (createSubgraphDataSource)');
  await withMigrationLock(url, schema ?? 'public', work);
}

/**
 * Runs `work` holding the session advisory lock of `name`'s migrations, on a connection of its own
 * (a lock wait on a pooled one would be logged as a slow query): a second migrator of the same
 * schema waits, then finds the migrations applied and does nothing. The lock goes with the
 * connection, so a migrator that dies mid-way frees it.
 */
export async function withMigrationLock<T>(url: string, name: string, work: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: `govcloud-migrate-${name}` });
  await client.connect();
  const key = `govcloud.migrate.${name}`;
  try {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock(hashtextextended($1, 0)) AS locked', [key]);
    if (!rows[0]?.locked) {
      console.log(`[migration] ${name}: 另一进程正在迁移，等待其完成 (another process is migrating ${name}; waiting)`);
      await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [key]);
    }
    return await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [key]).catch(() => undefined);
    await client.end().catch(() => undefined);
  }
}

/** `migrate` on a data source of its own for `migrationUrl` (the owner's), closed afterwards. */
export async function migrateWith(createDataSource: (url: string) => DataSource, migrationUrl: string): Promise<void> {
  const dataSource = createDataSource(migrationUrl);
  try {
    await migrate(dataSource);
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
  }
}

async function schemaExists(dataSource: DataSource, schema: string): Promise<boolean> {
  const rows: unknown[] = await dataSource.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [schema]);
  return rows.length > 0;
}

/**
 * Runs a mutation's writes in one transaction: all of it or none. Concurrency failures
 * (serialization, deadlock, lock timeout, duplicate key) become CONFLICT errors; the database
 * being away is SERVICE_UNAVAILABLE (kit/database-errors.ts decides which is which).
 */
export async function inTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  try {
    return await dataSource.transaction(work);
  } catch (error) {
    if (error instanceof GovCloudError) throw error;
    const kind = classifyDatabaseError(error);
    if (kind === 'conflict') throw new ConflictError();
    if (kind === 'unavailable') throw databaseErrorToClient(error)!;
    throw error;
  }
}
