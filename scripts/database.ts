import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../subgraphs/kit/embedded-postgres';
import { ConfigError, readPort } from '../subgraphs/kit/config';

export interface ProjectDatabase {
  url: string;
  /** Set when we started the embedded server ourselves and must stop it. */
  embedded?: EmbeddedDatabase;
}

const DATABASE_NAME = 'govcloud';

/**
 * DATABASE_URL's server when set (checked to answer), otherwise the embedded PostgreSQL whose
 * files live in `.data/postgres` and survive restarts.
 */
export async function openProjectDatabase(env: NodeJS.ProcessEnv = process.env): Promise<ProjectDatabase> {
  if (env.DATABASE_URL) {
    await assertReachable(env.DATABASE_URL);
    return { url: env.DATABASE_URL };
  }
  const port = readPort(env, 'EMBEDDED_PG_PORT', 54329);
  let embedded: EmbeddedDatabase;
  try {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve('.data', 'postgres'), port });
  } catch (error) {
    throw new ConfigError(
      `${(error as Error).message}\n  → 端口 ${port} 被占用时请设置 EMBEDDED_PG_PORT，或设置 DATABASE_URL 使用已有数据库`,
    );
  }
  const url = new URL(embedded.serverUrl);
  const admin = new pg.Client({ connectionString: embedded.serverUrl });
  await admin.connect();
  const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE_NAME]);
  if (exists.rowCount === 0) await admin.query(`CREATE DATABASE ${DATABASE_NAME}`);
  await admin.end();
  url.pathname = `/${DATABASE_NAME}`;
  return { url: url.toString(), embedded };
}

async function assertReachable(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ConfigError(
      `无法连接 DATABASE_URL (cannot reach DATABASE_URL: ${(error as Error).message})：请检查地址、账号和数据库是否在运行`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
