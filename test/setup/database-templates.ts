// Template databases, built once per vitest project run by the global setup, so that a test file
// clones a migrated (or migrated and seeded) database in one statement instead of running every
// migration and the demo seed itself. Free of vitest, like subgraphs.ts.
import pg from 'pg';
import { migrateAll, migrateAndSeed } from '../../seed/run';
import type { DatabaseUrls } from '../../subgraphs/kit/config';
import { prepareDatabase, withClient, withDatabase, withLogin, type RoleLogin } from '../../subgraphs/kit/database-roles';

/** What a test file's database holds when it starts. */
export type DatabaseContents = 'empty' | 'migrated' | 'seeded';

/** The template database of each non-empty starting point. */
export type DatabaseTemplates = Record<Exclude<DatabaseContents, 'empty'>, string>;

export interface TemplateRoles {
  owner: RoleLogin;
  service: RoleLogin;
}

const ident = (name: string) => pg.escapeIdentifier(name);

/** The two roles' URLs for database `name` on the server. */
export function roleUrls(serverUrl: string, roles: TemplateRoles, name: string): DatabaseUrls {
  const database = withDatabase(serverUrl, name);
  return { url: withLogin(database, roles.service), migrationUrl: withLogin(database, roles.owner) };
}

/**
 * Builds the templates as a test file's database was built before: prepared for the two roles
 * (prepareDatabase), then every subgraph's and the job queue's migrations as the owner (migrateAll);
 * the seeded one is a copy of that, seeded like `npm run seed` (migrateAndSeed). `prefix` keeps two
 * projects sharing one DATABASE_URL server apart.
 */
export async function buildTemplates(serverUrl: string, roles: TemplateRoles, prefix: string): Promise<DatabaseTemplates> {
  const templates: DatabaseTemplates = { migrated: `${prefix}_migrated`, seeded: `${prefix}_seeded` };
  await dropTemplates(serverUrl, templates);
  const migrated = roleUrls(serverUrl, roles, templates.migrated);
  await prepareDatabase(serverUrl, migrated);
  await migrateAll(migrated.migrationUrl);
  await cloneDatabase(serverUrl, roles, templates.migrated, templates.seeded);
  await migrateAndSeed(roleUrls(serverUrl, roles, templates.seeded).migrationUrl);
  // A template with a connection open cannot be cloned; refusing connections keeps it so.
  await withClient(withDatabase(serverUrl, 'postgres'), async (admin) => {
    for (const name of Object.values(templates))
      await admin.query(`ALTER DATABASE ${ident(name)} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
  });
  return templates;
}

export async function dropTemplates(serverUrl: string, templates: DatabaseTemplates): Promise<void> {
  await withClient(withDatabase(serverUrl, 'postgres'), async (admin) => {
    for (const name of Object.values(templates)) {
      const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
      if (found.rowCount === 0) continue;
      await admin.query(`ALTER DATABASE ${ident(name)} WITH IS_TEMPLATE false`);
      await admin.query(`DROP DATABASE ${ident(name)} WITH (FORCE)`);
    }
  });
}

/**
 * A copy of `template` named `name`, belonging to the owner. Everything inside a database (schemas,
 * tables, grants, default privileges, the revoked CREATE on public) comes with the copy; the
 * database's own grants do not, so the service role's CONNECT and TEMPORARY are granted as
 * prepareDatabase grants them.
 */
export async function cloneDatabase(serverUrl: string, roles: TemplateRoles, template: string, name: string): Promise<void> {
  await withClient(withDatabase(serverUrl, 'postgres'), async (admin) => {
    await admin.query(`CREATE DATABASE ${ident(name)} TEMPLATE ${ident(template)} OWNER ${ident(roles.owner.name)}`);
    await admin.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${ident(name)} TO ${ident(roles.service.name)}`);
  });
}
