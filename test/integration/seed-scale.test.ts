// `npm run seed -- --scale N` (seed/run.ts, seed/world/scale.ts, issue 14): a world N times the
// demo, the same rows on every run, the demo's own records unchanged, and the copies' monitoring
// samples in their month's partition with roll-ups equal to them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { migrateAndSeed } from '../../seed/run';
import { buildWorld, WORLD_TODAY } from '../../seed/world';
import { buildWorldCopy, worldCopies } from '../../seed/world/scale';
import { addDays } from '../../subgraphs/kit/dates';
import { SUBGRAPH_NAMES } from '../../subgraphs/kit/schema-files';
import { SAMPLE_DAYS } from '../../subgraphs/supervision/monitoring/monitoring.seed';
import { SAMPLES_PER_DAY, scaledSampleSystems } from '../../subgraphs/supervision/monitoring/monitoring-scale.seed';
import { createTestDatabase, type TestDatabase } from '../setup/database';

const SCALE = 2;
let first: TestDatabase;
let second: TestDatabase;
let demo: TestDatabase;

beforeAll(async () => {
  [first, second, demo] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase({ from: 'seeded' })]);
  const progress: string[] = [];
  await migrateAndSeed(first.migrationUrl, { scale: SCALE, onProgress: (step, done, total) => progress.push(`${step} ${done}/${total}`) });
  await migrateAndSeed(second.migrationUrl, { scale: SCALE });
  expect(progress).toContain('applications 1/1');
  expect(progress.at(-1)).toMatch(/^rollups (\d+)\/\1$/);
}, 600_000);

afterAll(async () => {
  await Promise.all([first, second, demo].map((database) => database?.drop()));
});

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Every data table of every subgraph (partitions through their parent), as one digest per table. */
async function digests(url: string, where: (table: string) => string = () => 'true'): Promise<Record<string, string>> {
  const tables = await query<{ name: string }>(
    url,
    `SELECT format('%I.%I', n.nspname, c.relname) AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname IN (${SUBGRAPH_NAMES.map((name) => `'${name}'`).join(', ')}) AND c.relkind IN ('r', 'p') AND NOT c.relispartition
        AND c.relname NOT IN ('migrations', 'audit_entry', 'audit_chain_head') ORDER BY 1`,
  );
  const result: Record<string, string> = {};
  for (const { name } of tables) {
    const [row] = await query<{ digest: string; n: number }>(
      url,
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM ${name} t WHERE ${where(name)}`,
    );
    result[name] = `${row!.n}:${row!.digest}`;
  }
  return result;
}

const count = async (url: string, sql: string) => (await query<{ n: number }>(url, `SELECT (${sql})::int AS n`))[0]!.n;

describe('npm run seed -- --scale N', () => {
  it('loads the same rows on every run', async () => {
    expect(await digests(first.url)).toEqual(await digests(second.url));
  });

  it('holds N times the demo’s units, systems, applications, agreements and MLPS records, with no code repeated', async () => {
    const world = buildWorld();
    const copy = buildWorldCopy(world, 1);
    expect(copy.units.map((unit) => unit.regionCode).sort()).toEqual(world.units.map((unit) => unit.regionCode).sort());
    // The copy's systems draw their own providers, levels and dates, so its agreements and records differ a little in number.
    const figures = [
      ['applications.unit', world.units.length, copy.units.length],
      ['applications.information_system', world.systems.length, copy.systems.length],
      ['applications.application', world.applications.length, copy.applications.length],
      ['security.security_agreement', world.securityAgreements.length, copy.securityAgreements.length],
      ['security.mlps_record', world.mlpsRecords.length, copy.mlpsRecords.length],
    ] as const;
    expect(copy.units.length).toBe(world.units.length);
    expect(copy.applications.length).toBe(world.applications.length);
    for (const [table, inDemo, inCopy] of figures)
      expect(await count(first.url, `SELECT count(*) FROM ${table}`), table).toBe(inDemo + inCopy);
    expect(await count(first.url, 'SELECT count(DISTINCT code) FROM applications.unit')).toBe(world.units.length * SCALE);
    expect(await count(first.url, 'SELECT count(DISTINCT unified_social_credit_code) FROM applications.unit')).toBe(
      world.units.length * SCALE,
    );
    expect(await count(first.url, 'SELECT count(DISTINCT number) FROM applications.application')).toBe(world.applications.length * SCALE);
    expect(worldCopies(world, 3).map((c) => c.units[0]!.code)).toEqual([copy.units[0]!.code, buildWorldCopy(world, 2).units[0]!.code]);
  });

  it('leaves every record of the demo as the demo seed has it', async () => {
    const demoIds = (table: string) => {
      const world = buildWorld();
      const ids: Record<string, string[]> = {
        'applications.unit': world.units.map((unit) => unit.id),
        'applications.information_system': world.systems.map((system) => system.id),
        'applications.application': world.applications.map((application) => application.id),
        'security.mlps_record': world.mlpsRecords.map((record) => record.id),
      };
      return ids[table] ? `id IN (${ids[table]!.map((id) => `'${id}'`).join(', ')})` : 'true';
    };
    const scaled = await digests(first.url, demoIds);
    const original = await digests(demo.url, demoIds);
    for (const table of ['applications.unit', 'applications.information_system', 'applications.application', 'security.mlps_record']) {
      expect(scaled[table], table).toEqual(original[table]);
    }
    // The demo's settlements and evaluations are computed from the demo's records only.
    expect(scaled['supervision.provider_evaluation']).toEqual(original['supervision.provider_evaluation']);
  });

  it('writes an hourly sample of each copy’s monitored system into its month’s partition, and rolls its days up from them', async () => {
    const world = buildWorld();
    const systems = scaledSampleSystems(worldCopies(world, SCALE), addDays(WORLD_TODAY, -(SAMPLE_DAYS - 1)));
    expect(systems.length).toBeGreaterThan(100);
    expect(await count(first.url, 'SELECT count(*) FROM supervision.system_sample')).toBe(systems.length * SAMPLE_DAYS * SAMPLES_PER_DAY);
    expect(await count(first.url, 'SELECT count(*) FROM supervision.system_sample_default')).toBe(0);
    expect(await count(first.url, 'SELECT count(DISTINCT tableoid) FROM supervision.system_sample')).toBe(2); // October and November
    const rolledUp = `SELECT count(*) FROM supervision.monitoring_daily WHERE system_id IN (${systems.map((id) => `'${id}'`).join(', ')})`;
    expect(await count(first.url, rolledUp)).toBe(systems.length * SAMPLE_DAYS);
    expect(
      await count(
        first.url,
        `SELECT count(*) FROM supervision.monitoring_daily d WHERE d.sample_count <> ${SAMPLES_PER_DAY} AND d.system_id IN (${systems.map((id) => `'${id}'`).join(', ')})`,
      ),
    ).toBe(0);
  });
});
