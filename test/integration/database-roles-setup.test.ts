// Setting the two database roles up (kit/database-roles.ts) where the project does not do it
// itself: production refuses a superuser service connection; a database an earlier single-role
// setup migrated is handed to the owner; an operator's `npm run db:roles` and `npm run migrate`.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CONFIG_EXIT_CODE, ConfigError } from '../../subgraphs/kit/config';
import { migrate } from '../../subgraphs/kit/data-source';
import { assertServiceRoleIsLimited, loginOf, prepareDatabase, withClient, withDatabase } from '../../subgraphs/kit/database-roles';
import { JOBS_SCHEMA, migrateJobs } from '../../subgraphs/kit/jobs';
import { loadSubgraphModule } from '../../subgraphs/modules';
import { createTestDatabase, type TestDatabase } from '../setup/database';
import { INSUFFICIENT_PRIVILEGE, ownedBy, refusal, superuserUrl } from '../setup/role-probes';

let database: TestDatabase;
let serviceRole: string;
let ownerRole: string;

beforeAll(async () => {
  database = await createTestDatabase();
  serviceRole = loginOf(database.url).name;
  ownerRole = loginOf(database.migrationUrl).name;
});

afterAll(async () => {
  await database?.drop();
});

describe('assertServiceRoleIsLimited', () => {
  it('in production refuses a superuser DATABASE_URL with one line, and lets the service role pass', async () => {
    const superuser = superuserUrl(database);
    const refused = await assertServiceRoleIsLimited(superuser, { NODE_ENV: 'production' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(ConfigError);
    expect((refused as Error).message).toMatch(/^生产环境的 DATABASE_URL 不得使用超级用户.*\(DATABASE_URL logs in as a superuser/);
    expect((refused as Error).message).not.toContain('\n');
    await expect(assertServiceRoleIsLimited(database.url, { NODE_ENV: 'production' })).resolves.toBeUndefined();
    // Outside production (npm start on a developer's superuser URL) nothing is checked.
    await expect(assertServiceRoleIsLimited(superuser, { NODE_ENV: 'test' })).resolves.toBeUndefined();
  });
});

describe('a subgraph process in production', () => {
  it('refuses to serve (or migrate) on a superuser DATABASE_URL, with one line saying so', async () => {
    const failed = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'subgraphs/providers/index.ts'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        DATABASE_URL: superuserUrl(database),
        MIGRATION_DATABASE_URL: database.migrationUrl,
        INTERNAL_TOKEN_SECRET: 'roles-test-internal-token-secret-0123456789',
        PROVIDERS_PORT: '0',
      },
    }).then(
      () => null,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(CONFIG_EXIT_CODE);
    expect(failed?.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^\[providers\] 生产环境的 DATABASE_URL 不得使用超级用户/)]);
    const { rows } = await withClient(database.migrationUrl, (client) => client.query(`SELECT to_regnamespace('providers') AS schema`));
    expect(rows).toEqual([{ schema: null }]);
  });
});

describe('prepareDatabase on a database an earlier single-role setup migrated', () => {
  it('hands every project schema and object to the owner, and the service role can use them', async () => {
    const legacy = await createTestDatabase();
    try {
      const superuser = superuserUrl(legacy);
      // As before the roles: everything created by the server's superuser.
      const module = await loadSubgraphModule('providers');
      const dataSource = module.createDataSource(superuser);
      await migrate(dataSource);
      await dataSource.destroy();
      await migrateJobs(superuser, { quiet: true });

      await prepareDatabase(inject('testDatabaseServerUrl'), legacy);
      // What the next start does: migrate as the owner.
      const owned = module.createDataSource(legacy.migrationUrl);
      await migrate(owned);
      await owned.destroy();
      await migrateJobs(legacy.migrationUrl, { quiet: true });

      const client = new pg.Client({ connectionString: legacy.url });
      await client.connect();
      try {
        const superuserName = loginOf(superuser).name;
        expect(await ownedBy(client, superuserName)).toEqual([]);
        expect(await ownedBy(client, serviceRole)).toEqual([]);
        await client.query('BEGIN');
        await client.query(`SELECT count(*) FROM providers.provider`);
        await client.query(`SELECT ${JOBS_SCHEMA}.add_job('test.legacy', '{}'::json)`);
        expect((await client.query(`SELECT id FROM ${JOBS_SCHEMA}._private_jobs`)).rowCount).toBe(1);
        await client.query('ROLLBACK');
        expect(await refusal(client, `DELETE FROM providers.migrations`)).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
        expect(await refusal(client, `DELETE FROM providers.audit_entry`)).toMatchObject({
          code: INSUFFICIENT_PRIVILEGE,
          message: expect.stringContaining('permission denied'),
        });
        expect(await refusal(client, `ALTER TABLE providers.provider ADD COLUMN intruder int`)).toMatchObject({
          code: INSUFFICIENT_PRIVILEGE,
        });
      } finally {
        await client.end();
      }
    } finally {
      await legacy.drop();
    }
  });
});

describe('an operator setting up an external PostgreSQL', () => {
  it('npm run db:roles prepares the database for the two URLs, and npm run migrate migrates it as the owner', async () => {
    const name = `govcloud_ops_${randomBytes(4).toString('hex')}`;
    const env = {
      ...process.env,
      NODE_ENV: 'production',
      ADMIN_DATABASE_URL: inject('testDatabaseServerUrl'),
      DATABASE_URL: withDatabase(database.url, name),
      MIGRATION_DATABASE_URL: withDatabase(database.migrationUrl, name),
    };
    const run = (script: string) => promisify(execFile)(process.execPath, ['--import', 'tsx', script], { env });
    try {
      expect((await run('scripts/db-roles.ts')).stdout).toContain(`数据库 (database) ${name}`);
      expect((await run('scripts/migrate.ts')).stdout).toContain('已完成迁移 (migrated)');
      const client = new pg.Client({ connectionString: env.DATABASE_URL });
      await client.connect();
      try {
        expect(await ownedBy(client, ownerRole)).toContain('relation applications.settlement');
        expect(await ownedBy(client, serviceRole)).toEqual([]);
        expect((await client.query('SELECT count(*)::int AS n FROM applications.unit')).rows).toEqual([{ n: 0 }]);
      } finally {
        await client.end();
      }
    } finally {
      await withClient(inject('testDatabaseServerUrl'), (admin) => admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    }
  });
});
