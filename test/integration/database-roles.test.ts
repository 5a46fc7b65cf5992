// The two database roles (kit/database-roles.ts): the services' role owns nothing and has no special
// powers, so it can neither change a schema nor switch off what the database enforces — the trigger
// that keeps confirmed settlements final (SETTLEMENT_JAN5) above all; the owner migrates and seeds.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAndSeed } from '../../seed/run';
import { buildWorld } from '../../seed/world';
import { migrate } from '../../subgraphs/kit/data-source';
import { loginOf, PROJECT_SCHEMAS } from '../../subgraphs/kit/database-roles';
import { JOBS_SCHEMA, migrateJobs } from '../../subgraphs/kit/jobs';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { revokeFromOthers } from '../../subgraphs/kit/table-privileges';
import { loadSubgraphModule } from '../../subgraphs/modules';
import { generateMonitoringFile } from '../../subgraphs/supervision/monitoring/ingest/generate';
import { importMonitoringFile } from '../../subgraphs/supervision/monitoring/ingest/import-file';
import { createTestDatabase, type TestDatabase } from '../setup/database';
import { INSUFFICIENT_PRIVILEGE, ownedBy, refusal, superuserUrl } from '../setup/role-probes';

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
    expect(await ownedBy(service, serviceRole)).toEqual([]);
    const owned = await ownedBy(service, ownerRole);
    expect(owned.filter((object) => object.startsWith('schema ')).sort()).toEqual(
      PROJECT_SCHEMAS.map((schema) => `schema ${schema}`).sort(),
    );
    expect(owned).toContain('relation applications.settlement');
    expect(owned).toContain(`relation ${JOBS_SCHEMA}._private_jobs`);
  });

  it('cannot create in the project schemas, nor a schema, nor in public', async () => {
    for (const schema of [...PROJECT_SCHEMAS, 'public']) {
      expect(await refusal(service, `CREATE TABLE "${schema}".intruder (id int)`), schema).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }
    expect(await refusal(service, `CREATE SCHEMA intruder`)).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    expect(await refusal(service, `CREATE FUNCTION applications.intruder() RETURNS int LANGUAGE sql AS 'SELECT 1'`)).toMatchObject({
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
      expect(await refusal(service, sql), sql).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
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

  it('imports a monitoring file (COPY FROM STDIN into the raw table, again through a temporary staging table, roll-ups) with no more than it has', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'govcloud-roles-'));
    const module = await loadSubgraphModule('supervision');
    const supervision = module.createDataSource(database.url);
    await supervision.initialize();
    try {
      const file = path.join(dir, 'samples.csv');
      await generateMonitoringFile({ rows: 500, out: file, systems: buildWorld().systems, lastDay: '2026-10-15' });
      const summary = await importMonitoringFile(supervision, file, { progress: null });
      expect(summary).toMatchObject({ rowsRead: 500, accepted: 500, rejected: 0 });
      // Again: the rows are known, so the import stages them and writes them skipping known ones.
      const again = await importMonitoringFile(supervision, file, { progress: null });
      expect(again).toMatchObject({ rowsRead: 500, accepted: 0, duplicates: 500, deduplicated: true });
    } finally {
      await supervision.destroy();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads which migrations ran but cannot rewrite that record', async () => {
    for (const schema of SUBGRAPH_NAMES) {
      const { rowCount } = await service.query(`SELECT 1 FROM "${schema}".migrations`);
      expect(rowCount).toBeGreaterThan(0);
      expect(await refusal(service, `DELETE FROM "${schema}".migrations`), schema).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }
    expect(await refusal(service, `INSERT INTO ${JOBS_SCHEMA}.migrations (id) VALUES (999999)`)).toMatchObject({
      code: INSUFFICIENT_PRIVILEGE,
    });
  });

  it('gets what default privileges give on a table a later migration creates, less what it revokes (append-only)', async () => {
    const owner = new pg.Client({ connectionString: database.migrationUrl });
    await owner.connect();
    try {
      await owner.query(`CREATE TABLE applications.roles_probe (id int PRIMARY KEY)`);
      await owner.query(`INSERT INTO applications.roles_probe VALUES (1)`);
      await revokeFromOthers((sql) => owner.query(sql), 'applications.roles_probe', ['UPDATE', 'DELETE', 'TRUNCATE']);
      await service.query(`INSERT INTO applications.roles_probe VALUES (2)`);
      expect((await service.query(`SELECT id FROM applications.roles_probe ORDER BY id`)).rows).toEqual([{ id: 1 }, { id: 2 }]);
      for (const sql of [
        `UPDATE applications.roles_probe SET id = 3`,
        `DELETE FROM applications.roles_probe`,
        `TRUNCATE applications.roles_probe`,
      ]) {
        expect(await refusal(service, sql), sql).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
      }
    } finally {
      await owner.query(`DROP TABLE IF EXISTS applications.roles_probe`);
      await owner.end();
    }
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
    expect(await refusal(service, `SET session_replication_role = replica`)).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    expect(await refusal(service, `SET LOCAL session_replication_role = replica`)).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
  });

  it('cannot disable the trigger, which only the table owner may', async () => {
    for (const table of ['settlement', 'settlement_line', 'settlement_confirmation']) {
      expect(await refusal(service, `ALTER TABLE applications.${table} DISABLE TRIGGER ${table}_confirmed_is_final`), table).toMatchObject({
        code: INSUFFICIENT_PRIVILEGE,
      });
      expect(await refusal(service, `ALTER TABLE applications.${table} DISABLE TRIGGER ALL`), table).toMatchObject({
        code: INSUFFICIENT_PRIVILEGE,
      });
    }
  });

  it('is refused by the trigger on UPDATE and DELETE of it, its lines and its confirmations', async () => {
    for (const sql of [
      `UPDATE applications.settlement SET status = 'AWAITING_CONFIRMATION', confirmed_at = NULL, confirmed_on = NULL WHERE id = '${settlementId}'`,
      `DELETE FROM applications.settlement WHERE id = '${settlementId}'`,
      `UPDATE applications.settlement_line SET amount_fen = 0 WHERE settlement_id = '${settlementId}'`,
      `DELETE FROM applications.settlement_confirmation WHERE settlement_id = '${settlementId}'`,
    ]) {
      expect(await refusal(service, sql), sql).toMatchObject({ code: '23000', message: expect.stringContaining('SETTLEMENT_JAN5') });
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

describe('the audit trail, as the service role', () => {
  it.each(SUBGRAPH_NAMES)('%s: appends entries but cannot change, remove, truncate, unhook or re-head them', async (schema) => {
    const before = (await service.query(`SELECT seq::int, hash FROM "${schema}".audit_chain_head`)).rows[0];
    await service.query(
      `INSERT INTO "${schema}".audit_entry (seq, recorded_at, request_id, subject, role, scope, operation, target_ids, outcome, prev_hash, hash)
       VALUES (0, now(), 'roles-test', 'probe', 'BUREAU', 'CITY', 'probe', '{}', 'SUCCEEDED', '', '')`,
    );
    for (const sql of [
      `UPDATE "${schema}".audit_entry SET subject = 'someone else'`,
      `DELETE FROM "${schema}".audit_entry`,
      `TRUNCATE "${schema}".audit_entry`,
      `ALTER TABLE "${schema}".audit_entry DISABLE TRIGGER USER`,
      `UPDATE "${schema}".audit_chain_head SET seq = 0`,
      `SET session_replication_role = replica`,
    ]) {
      expect(await refusal(service, sql), sql).toMatchObject({ code: INSUFFICIENT_PRIVILEGE });
    }
    const after = (await service.query(`SELECT seq::int FROM "${schema}".audit_chain_head`)).rows[0];
    expect(after.seq).toBe(before.seq + 1);
  });
});
