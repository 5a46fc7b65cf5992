import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../subgraphs/kit/embedded-postgres';
import { ConfigError, readDatabaseUrls, readPort, type DatabaseUrls } from '../subgraphs/kit/config';
import {
  assertServiceRoleIsLimited,
  DEFAULT_OWNER_ROLE,
  DEFAULT_SERVICE_ROLE,
  setUpDatabaseRoles,
  withDatabase,
  withLogin,
} from '../subgraphs/kit/database-roles';
import { DEFAULT_KEYS_DIR } from '../subgraphs/kit/dev-keys';

export interface ProjectDatabase extends DatabaseUrls {
  /** Set when we started the embedded server ourselves and must stop it. */
  embedded?: EmbeddedDatabase;
}

const DATABASE_NAME = 'govcloud';

export const DEFAULT_EMBEDDED_PG_PORT = 54329;
/** PostgreSQL's port is not reached with fetch, so the Fetch standard's bad ports do not matter; 0 would hide it. */
export const EMBEDDED_PG_PORT_OPTIONS = { fetched: false, allowZero: false } as const;

/**
 * DATABASE_URL's server when set (both URLs checked to answer; in production the services' role
 * checked to be no superuser), otherwise the embedded PostgreSQL whose files live in
 * `.data/postgres` and survive restarts, with the owner and service roles set up on it.
 */
export async function openProjectDatabase(env: NodeJS.ProcessEnv = process.env): Promise<ProjectDatabase> {
  const configured = readDatabaseUrls(env);
  if (configured) {
    await assertReachable(configured.url, 'DATABASE_URL');
    if (configured.migrationUrl !== configured.url) await assertReachable(configured.migrationUrl, 'MIGRATION_DATABASE_URL');
    await assertServiceRoleIsLimited(configured.url, env);
    return configured;
  }
  const port = readPort(env, 'EMBEDDED_PG_PORT', DEFAULT_EMBEDDED_PG_PORT, EMBEDDED_PG_PORT_OPTIONS);
  let embedded: EmbeddedDatabase;
  try {
    embedded = await startEmbeddedPostgres({ dataDir: path.resolve('.data', 'postgres'), port });
  } catch (error) {
    throw new ConfigError(
      `${(error as Error).message}\n  → 端口 ${port} 被占用时请设置 EMBEDDED_PG_PORT，或设置 DATABASE_URL 使用已有数据库`,
    );
  }
  try {
    const passwords = loadOrCreateRolePasswords();
    const database = withDatabase(embedded.serverUrl, DATABASE_NAME);
    const urls: DatabaseUrls = {
      url: withLogin(database, { name: DEFAULT_SERVICE_ROLE, password: passwords.service }),
      migrationUrl: withLogin(database, { name: DEFAULT_OWNER_ROLE, password: passwords.owner }),
    };
    // Every start, as the embedded server's superuser: cheap, and it hands a database an older
    // single-role start created to the owner.
    await setUpDatabaseRoles(embedded.serverUrl, urls);
    return { ...urls, embedded };
  } catch (error) {
    await embedded.stop().catch(() => undefined);
    throw error;
  }
}

interface RolePasswords {
  owner: string;
  service: string;
}

/** The embedded roles' passwords, generated on first use beside the development keys (git-ignored). */
function loadOrCreateRolePasswords(dir = DEFAULT_KEYS_DIR): RolePasswords {
  const file = path.join(dir, 'database-roles.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as RolePasswords;
  const passwords: RolePasswords = { owner: randomBytes(24).toString('base64url'), service: randomBytes(24).toString('base64url') };
  mkdirSync(dir, { recursive: true });
  writeFileSync(file, JSON.stringify(passwords, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return passwords;
}

async function assertReachable(url: string, variable: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
  } catch (error) {
    throw new ConfigError(
      `无法连接 ${variable} (cannot reach ${variable}: ${(error as Error).message})：请检查地址、账号和数据库是否在运行`,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}
