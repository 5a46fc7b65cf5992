// The two database roles (kit/database-roles.ts): the services' role owns nothing and has no special
// powers, so it can neither change a schema nor switch off what the database enforces — the trigger
// that keeps confirmed settlements final (SETTLEMENT_JAN5) above all; the owner migrates and seeds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrateAndSeed } from '../../seed/run';
import { buildWorld } from '../../seed/world';
import { ConfigError } from '../../subgraphs/kit/config';
import { migrate } from '../../subgraphs/kit/data-source';
import {
  assertServiceRoleIsLimited,
  databaseOf,
  loginOf,
  prepareDatabase,
  PROJECT_SCHEMAS,
  withDatabase,
} from '../../subgraphs/kit/database-roles';
import { JOBS_SCHEMA, migrateJobs } from '../../subgraphs/kit/jobs';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { loadSubgraphModule } from '../../subgraphs/modules';
import { generateMonitoringFile } from '../../subgraphs/supervision/ingest/generate';
import { importMonitoringFile } from '../../subgraphs/supervision/ingest/import-file';
import { createTestDatabase, type TestDatabase } from '../setup/database';

let database: TestDatabase;
let service: pg.Client;
let serviceRole: string;
let ownerRole: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await migrateAndSeed(database.migrationUrl);
  service = new pg.Client({ connectionString: database.url });
  await service.connect();
  serviceRole = loginOf(database.url).name;
  ownerRole = loginOf(database.migrationUrl).name;
});

afterAll(async () => {
  await service?.end();
  await database?.drop();
});

/** The SQLSTATE `sql` fails with as the service role (inside a transaction rolled back after). */
async function refusal(sql: string, client: pg.Client = service): Promise<{ code: string; message: string }> {
  await client.query('BEGIN');
  try {
    await client.query(sql);
  } catch (error) {
    const { code, message } = error as { code: string; message: string };
    return { code, message };
  } finally {
    await client.query('ROLLBACK');
  }
  throw new Error(`expected a refusal, but it ran: ${sql}`);
}

const INSUFFICIENT_PRIVILEGE = '42501';

/** Objects in the project's schemas (and the schemas themselves) owned by `role`. */
async function ownedBy(role: string, client: pg.Client = service): Promise<string[]> {
  const { rows } = await client.query<{ object: string }>(
    `SELECT 'schema ' || n.nspname AS object FROM pg_namespace n WHERE n.nspname = ANY($1) AND n.nspowner = $2::regrole
     UNION ALL SELECT 'relation ' || c.oid::regclass FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = ANY($1) AND c.relowner = $2::regrole
     UNION ALL SELECT 'routine ' || p.oid::regprocedure FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = ANY($1) AND p.proowner = $2::regrole
     UNION ALL SELECT 'type ' || t.oid::regtype FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = ANY($1) AND t.typowner = $2::regrole
     ORDER BY 1`,
    [PROJECT_SCHEMAS, role],
  );
  return rows.map((row) => row.object);
}

describe('the service role', () => {
  it('is a plain login: no superuser, no CREATEDB, CREATEROLE, BYPASSRLS or replication, and not the owner', async () => {
    const { rows } = await service.query(
      `SELECT current_user AS name, rolsuper, rolcreatedb, rolcreaterole, rolbypassrls, rolreplication,
              pg_has_role(current_user, $1, 'MEMBER') AS acts_as_owner
         FROM pg_roles WHERE rolname = current_user`,
      [ownerRole],
    );
    expect(rows).toEqual([
      {
        name: serviceRole,
        rolsuper: false,
        rolcreatedb: false,
        rolcreaterole: false,
        rolbypassrls: false,
        rolreplication: false,
        acts_as_owner: false,
      },
    ]);
  });

  it('owns nothing in any project schema; the owner owns every schema', async () => {
    expect(await ownedBy(serviceRole)).toEqual([]);
    const owned = await ownedBy(ownerRole);
    expect(owned.filter((object) => object.startsWith('schema ')).sort()).toEqual(
      PROJECT_SCHEMAS.map((schema) => `schema ${schema}`).sort(),
    );
    expect(owned).toContain('relation applications.settlement');
    expect(owned).toContain(`relation ${JOBS_SCHEMA}._private_jobs`);
  });

  it('cannot create in the project schemas, nor a schema, nor in public', async () => {
    for (const schema of [...PROJECT_SCHEMAS, 'public']) {
      expect(await refusal(`CREATE TABLE "${schema}".intruder (id int)`), schema).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }
    expect(await refusal(`CREATE SCHEMA intruder`)).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    expect(await refusal(`CREATE FUNCTION applications.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'`)).toMatchObject({
      code: INSUFFICIENT_PRIVILEGE,
    });
  });

  it('cannot drop, alter or truncate a table, nor add an index or a trigger', async () => {
    for (const sql of [
      `DROP TABLE applications.application_event`,
      `ALTER TABLE applications.unit ADD COLUMN intruder int`,
      `ALTER TABLE providers.provider DROP CONSTRAINT IF EXISTS provider_pkey`,
      `TRUNCATE applications.application_event`,
      `CREATE INDEX intruder ON applications.unit (name)`,
      `CREATE TRIGGER intruder BEFORE INSERT ON applications.unit FOR EACH ROW EXECUTE FUNCTION applications.settlement_confirmed_is_final()`,
      `DROP FUNCTION applications.settlement_confirmed_is_final() CASCADE`,
      `ALTER SCHEMA applications RENAME TO intruder`,
    ]) {
      expect(await refusal(sql), sql).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }
  });

  it('reads and writes rows, uses sequences and functions, and may create temporary tables', async () => {
    await service.query('BEGIN');
    try {
      const { rows } = await service.query<{ id: string }>(`SELECT id FROM applications.unit ORDER BY id LIMIT 1`);
      const updated = await service.query(`UPDATE applications.unit SET name = name || '（改）' WHERE id = $1`, [rows[0]!.id]);
      expect(updated.rowCount).toBe(1);
      await service.query(`SELECT ${JOBS_SCHEMA}.add_job('test.roles', '{}'::json)`);
      const jobs = await service.query(`SELECT id FROM ${JOBS_SCHEMA}._private_jobs`);
      expect(jobs.rowCount).toBe(1);
      await service.query(`CREATE TEMP TABLE staging (line bigint) ON COMMIT DROP`);
      await service.query(`INSERT INTO staging VALUES (1)`);
    } finally {
      await service.query('ROLLBACK');
    }
  });

  it('imports a monitoring file (temporary staging table, COPY FROM STDIN, roll-ups) with no more than it has', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govcloud-roles-'));
    const module = await loadSubgraphModule('supervision');
    const supervision = module.createDataSource(database.url);
    await supervision.initialize();
    try {
      const file = path.join(dir, 'samples.csv');
      await generateMonitoringFile({ rows: 500, out: file, systems: buildWorld().systems, lastDay: '2026-10-15' });
      const summary = await importMonitoringFile(supervision, file, { progress: null });
      expect(summary).toMatchObject({ rowsRead: 500, accepted: 500, rejected: 0 });
    } finally {
      await supervision.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads which migrations ran but cannot rewrite that record', async () => {
    for (const schema of SUBGRAPH_NAMES) {
      const { rowCount } = await service.query(`SELECT 1 FROM "${schema}".migrations`);
      expect(rowCount).toBeGreaterThan(0);
      expect(await refusal(`DELETE FROM "${schema}".migrations`), schema).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }
    expect(await refusal(`INSERT INTO ${JOBS_SCHEMA}.migrations (id) VALUES (999999)`)).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  });

  it('finds an up-to-date database needing nothing, so a subgraph may start without the owner', async () => {
    await expect(migrateJobs(database.url, { quiet: true })).resolves.toBeUndefined();
    const module = await loadSubgraphModule('applications');
    const dataSource = module.createDataSource(database.url);
    try {
      await expect(migrate(dataSource)).resolves.toBeUndefined();
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('a confirmed settlement (SETTLEMENT_JAN5) against the service role', () => {
  let settlementId: string;
  beforeAll(async () => {
    const { rows } = await service.query<{ id: string }>(`SELECT id FROM applications.settlement WHERE status = 'CONFIRMED' LIMIT 1`);
    expect(rows).toHaveLength(1);
    settlementId = rows[0]!.id;
  });

  it('cannot switch triggers off with session_replication_role (superuser only)', async () => {
    expect(await refusal(`SET session_replication_role = replica`)).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    expect(await refusal(`SET LOCAL session_replication_role = replica`)).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  });

  it('cannot disable the trigger, which only the table owner may', async () => {
    for (const table of ['settlement', 'settlement_line', 'settlement_confirmation']) {
      expect(await refusal(`ALTER TABLE applications.${table} DISABLE TRIGGER ${table}_confirmed_is_final`), table).toMatchObject({
        code: INSUFFICIENT_PRIVILEGE,
      });
      expect(await refusal(`ALTER TABLE applications.${table} DISABLE TRIGGER ALL`), table).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }
  });

  it('is refused by the trigger on UPDATE and DELETE of it, its lines and its confirmations', async () => {
    for (const sql of [
      `UPDATE applications.settlement SET status = 'AWAITING_CONFIRMATION', confirmed_at = NULL, confirmed_on = NULL WHERE id = '${settlementId}'`,
      `DELETE FROM applications.settlement WHERE id = '${settlementId}'`,
      `UPDATE applications.settlement_line SET amount_fen = 0 WHERE settlement_id = '${settlementId}'`,
      `DELETE FROM applications.settlement_confirmation WHERE settlement_id = '${settlementId}'`,
    ]) {
      expect(await refusal(sql), sql).toMatchObject({ code: '23000', message: expect.stringContaining('SETTLEMENT_JAN5') });
    }
  });

  it('whereas a superuser could slip past the trigger: why the services must not be one', async () => {
    const admin = new pg.Client({ connectionString: superuserUrl(database) });
    await admin.connect();
    try {
      await admin.query('BEGIN');
      await admin.query('SET LOCAL session_replication_role = replica');
      const deleted = await admin.query(`DELETE FROM applications.settlement_confirmation WHERE settlement_id = $1`, [settlementId]);
      expect(deleted.rowCount).toBeGreaterThan(0);
    } finally {
      await admin.query('ROLLBACK');
      await admin.end();
    }
  });
});

/** The test server's superuser, on `target`'s database. */
function superuserUrl(target: TestDatabase): string {
  return withDatabase(inject('testDatabaseServerUrl'), databaseOf(target.url));
}

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
      await migrateJobs(legacy.migrationUrl, { quiet: true });

      const client = new pg.Client({ connectionString: legacy.url });
      await client.connect();
      try {
        const superuserName = loginOf(superuser).name;
        expect(await ownedBy(superuserName, client)).toEqual([]);
        expect(await ownedBy(serviceRole, client)).toEqual([]);
        await client.query('BEGIN');
        await client.query(`SELECT count(*) FROM providers.provider`);
        await client.query(`SELECT ${JOBS_SCHEMA}.add_job('test.legacy', '{}'::json)`);
        expect((await client.query(`SELECT id FROM ${JOBS_SCHEMA}._private_jobs`)).rowCount).toBe(1);
        await client.query('ROLLBACK');
        expect(await refusal(`ALTER TABLE providers.provider ADD COLUMN intruder int`, client)).toMatchObject({
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
