// The two database roles. The owner (MIGRATION_DATABASE_URL) owns the project's schemas and runs
// migrations and seeds; the service role (DATABASE_URL) that the running subgraphs use owns
// nothing, so it cannot alter or drop a table, disable a trigger or set session_replication_role
// (superuser only): what the database enforces (confirmed settlements are final, audit rows are
// append-only) holds even against the application's own connection.
import pg from 'pg';
import { restrictAuditPrivilegesSql } from './audit-trail-migration';
import { ConfigError, isProduction, type DatabaseUrls } from './config';
import { EFFECTS_SCHEMA, JOBS_SCHEMA } from './jobs';
import { handOverSchemasSql } from './schema-handover';
import { SUBGRAPH_NAMES } from './schema-files';

/** The names the project gives the roles on a server it sets up itself (embedded PostgreSQL, tests). */
export const DEFAULT_OWNER_ROLE = 'govcloud_owner';
export const DEFAULT_SERVICE_ROLE = 'govcloud_service';

/** Every schema the project creates: one per subgraph, graphile-worker's queue and our refusal record. */
export const PROJECT_SCHEMAS: readonly string[] = [...SUBGRAPH_NAMES, JOBS_SCHEMA, EFFECTS_SCHEMA];

/** Neither role may do more than its work needs; the admin that creates them stays outside the project. */
const ROLE_ATTRIBUTES = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS NOREPLICATION INHERIT';

// Any constant the project's processes agree on; serialises the creation of the roles.
const ROLES_LOCK = 7_316_002_104;

/** What the service role may do with rows; never TRUNCATE, REFERENCES or TRIGGER, which it does not need. */
export const SERVICE_TABLE_PRIVILEGES = 'SELECT, INSERT, UPDATE, DELETE';

export interface RoleLogin {
  name: string;
  password: string;
}

/** The role and password a connection URL logs in with. */
export function loginOf(url: string): RoleLogin {
  const parsed = new URL(url);
  return { name: decodeURIComponent(parsed.username), password: decodeURIComponent(parsed.password) };
}

/** The database a connection URL names. */
export function databaseOf(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
}

/** `url` with another login (the same server and database). */
export function withLogin(url: string, login: RoleLogin): string {
  const parsed = new URL(url);
  parsed.username = encodeURIComponent(login.name);
  parsed.password = encodeURIComponent(login.password);
  return parsed.toString();
}

/** `url` with another database (the same server and login). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

export async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'govcloud-roles' });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const ident = (name: string) => pg.escapeIdentifier(name);
const literal = (value: string) => pg.escapeLiteral(value);

/**
 * Makes the server match the two URLs, idempotently: both roles exist with these passwords and no
 * special powers (ensureRoles), and the database is prepared for them (prepareDatabase).
 * `adminUrl` logs in as a superuser, or a role with CREATEROLE that may hand the database over.
 */
export async function setUpDatabaseRoles(adminUrl: string, urls: DatabaseUrls): Promise<void> {
  await ensureRoles(adminUrl, urls);
  await prepareDatabase(adminUrl, urls);
}

/** Both roles exist, log in with the URLs' passwords, and have no special powers. */
export async function ensureRoles(adminUrl: string, urls: DatabaseUrls): Promise<void> {
  const { owner, service } = checkedLogins(urls);
  await withClient(withDatabase(adminUrl, 'postgres'), async (admin) => {
    // One set-up at a time (two test projects, two operators): roles are shared by the whole server.
    await admin.query('BEGIN');
    try {
      await admin.query('SELECT pg_advisory_xact_lock($1)', [ROLES_LOCK]);
      for (const role of [owner, service]) {
        const exists = await admin.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role.name]);
        const verb = exists.rowCount === 0 ? 'CREATE' : 'ALTER';
        await admin.query(`${verb} ROLE ${ident(role.name)} WITH ${ROLE_ATTRIBUTES} PASSWORD ${literal(role.password)}`);
      }
      await admin.query('COMMIT');
    } catch (error) {
      await admin.query('ROLLBACK');
      throw error;
    }
  });
}

/**
 * The database exists and belongs to the owner; the service role may connect and create temporary
 * tables but create nothing else; and every schema, table, sequence and function the owner creates
 * from now on is usable by the service role (ALTER DEFAULT PRIVILEGES), so migrations need no
 * grants. Schemas an earlier single-role setup left owned by another role are handed to the owner.
 */
export async function prepareDatabase(adminUrl: string, urls: DatabaseUrls): Promise<void> {
  const { owner, service } = checkedLogins(urls);
  const database = databaseOf(urls.url);
  await withClient(withDatabase(adminUrl, 'postgres'), async (admin) => {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await admin.query(`CREATE DATABASE ${ident(database)} OWNER ${ident(owner.name)}`);
    else await admin.query(`ALTER DATABASE ${ident(database)} OWNER TO ${ident(owner.name)}`);
  });
  await withClient(withDatabase(adminUrl, database), async (admin) => {
    // PostgreSQL before 15 lets everyone create in `public`; the service role must create nowhere.
    await admin.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
    await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(database)} TO ${ident(service.name)}`);
    await admin.query(handOverSchemasSql(PROJECT_SCHEMAS, owner.name, service.name, SERVICE_TABLE_PRIVILEGES));
  });
  await withClient(urls.migrationUrl, async (client) => {
    await grantDefaultPrivileges(client, service.name);
    // A hand-over above grants on every table; the audit trails stay append-only all the same.
    for (const schema of SUBGRAPH_NAMES) {
      const { rows } = await client.query<{ present: boolean }>('SELECT to_regclass($1) IS NOT NULL AS present', [
        `"${schema}"."audit_entry"`,
      ]);
      if (rows[0]?.present) await client.query(restrictAuditPrivilegesSql(schema));
    }
  });
}

function checkedLogins(urls: DatabaseUrls): { owner: RoleLogin; service: RoleLogin } {
  const owner = loginOf(urls.migrationUrl);
  const service = loginOf(urls.url);
  if (owner.name === service.name) {
    throw new ConfigError('MIGRATION_DATABASE_URL 与 DATABASE_URL 须使用两个不同的账号 (the owner and service roles must differ)');
  }
  if (databaseOf(urls.migrationUrl) !== databaseOf(urls.url)) {
    throw new ConfigError('MIGRATION_DATABASE_URL 与 DATABASE_URL 须指向同一个数据库 (both URLs must name the same database)');
  }
  return { owner, service };
}

/** Run as the owner: what it creates from now on is usable by the service role. */
export async function grantDefaultPrivileges(owner: pg.Client, serviceRole: string): Promise<void> {
  const to = `TO ${ident(serviceRole)}`;
  await owner.query(`
    ALTER DEFAULT PRIVILEGES GRANT USAGE ON SCHEMAS ${to};
    ALTER DEFAULT PRIVILEGES GRANT ${SERVICE_TABLE_PRIVILEGES} ON TABLES ${to};
    ALTER DEFAULT PRIVILEGES GRANT USAGE, SELECT ON SEQUENCES ${to};
    ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS ${to};`);
}

/**
 * In production the services' connection must not be a superuser or bypass row security: either
 * would make every rule the database keeps (triggers, revoked privileges) a suggestion.
 */
export async function assertServiceRoleIsLimited(url: string, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  if (!isProduction(env)) return;
  const { rows } = await withClient(url, (client) =>
    client.query<{ name: string; rolsuper: boolean; rolbypassrls: boolean }>(
      'SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user',
    ),
  );
  const role = rows[0];
  if (role?.rolsuper || role?.rolbypassrls) {
    throw new ConfigError(
      `生产环境的 DATABASE_URL 不得使用超级用户或 BYPASSRLS 账号 "${role.name}"，请使用只读写数据的服务账号，迁移账号设为 MIGRATION_DATABASE_URL (DATABASE_URL logs in as a superuser or BYPASSRLS role in production: use the service role; see README, Database roles)`,
    );
  }
}
