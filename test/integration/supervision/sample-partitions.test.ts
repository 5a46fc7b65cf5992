// Raw monitoring samples partitioned by China month (第二十四条; migration 1796301500001): a
// month's roll-up reads only that month's partition, retention drops whole partitions, and a month
// made after some of its samples arrived takes them out of the DEFAULT partition — all through the
// service role, which may not create or drop tables itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { createDataSource } from '../../../subgraphs/supervision/data-source';
import { rollUpSystemDaysSql } from '../../../subgraphs/supervision/monitoring/ingest/rollup-sql';
import { monitorable } from '../../../subgraphs/supervision/monitoring/monitoring.seed';
import {
  dropExpiredSamplePartitions,
  ensureMonthsAhead,
  ensureSamplePartitions,
  firstKeptSampleDay,
} from '../../../subgraphs/supervision/monitoring/sample-partitions';
import { WORLD_TODAY } from '../../../seed/world';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { world } from '../../setup/principals';

let database: TestDatabase;
let service: DataSource;

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  service = createDataSource(database.url);
  await service.initialize();
});

afterAll(async () => {
  await service?.destroy();
  await database?.drop();
});

const [system] = monitorable(world.systems, WORLD_TODAY);

/** Three samples a day for every China day from `from` to `to`. */
async function insertSamples(from: string, to: string): Promise<void> {
  await service.query(
    `INSERT INTO supervision.system_sample (system_id, measured_at, unit_id, provider_id, region_code, cpu_percent, memory_percent,
            storage_used_gb, network_percent, bandwidth_mbps)
     SELECT $1, (d::timestamp AT TIME ZONE 'Asia/Shanghai') + h * interval '1 hour', $2, $3, $4, 10 + h, 40, 100, 5, 20
       FROM generate_series($5::date, $6::date, interval '1 day') d, unnest(ARRAY[0, 8, 23]) h`,
    [system!.id, system!.unitId, system!.providerId, system!.regionCode, from, to],
  );
}

async function partitionsOf(table: string): Promise<string[]> {
  const rows: Array<{ name: string }> = await service.query(
    `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = $1::regclass ORDER BY 1`,
    [`supervision.${table}`],
  );
  return rows.map((row) => row.name);
}

async function rowsIn(relation: string): Promise<number> {
  const [row] = await service.query(`SELECT count(*)::int AS n FROM supervision.${relation}`);
  return row.n;
}

interface PlanNode {
  'Node Type'?: string;
  'Relation Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

/** The relations a plan reads; with `executed`, only those its execution actually scanned. */
function relationsOf(node: PlanNode, executed: boolean, found = new Set<string>()): Set<string> {
  if (node['Relation Name'] && (!executed || (node['Actual Loops'] ?? 0) > 0)) found.add(node['Relation Name']);
  for (const child of node.Plans ?? []) relationsOf(child, executed, found);
  return found;
}

/** How many times the plan's nodes of `type` ran, summed. */
function loopsOf(node: PlanNode, type: string): number {
  const own = node['Node Type'] === type ? (node['Actual Loops'] ?? 0) : 0;
  return own + (node.Plans ?? []).reduce((sum, child) => sum + loopsOf(child, type), 0);
}

describe('monthly partitions of the raw samples', () => {
  it('a month of samples lives in its own partition, and its roll-up reads that partition only', async () => {
    expect(await ensureSamplePartitions(service, '2026-02-01', '2026-04-30')).toBeGreaterThan(0);
    await insertSamples('2026-02-01', '2026-04-30');
    expect(await rowsIn('system_sample_y2026m03')).toBe(31 * 3);
    expect(await rowsIn('system_sample_default')).toBe(0);

    // A month's range: pruned when planned.
    const [{ 'QUERY PLAN': planned }] = await service.query(
      `EXPLAIN (FORMAT JSON) SELECT count(*) FROM supervision.system_sample
        WHERE measured_at >= '2026-03-01 00:00+08' AND measured_at < '2026-04-01 00:00+08'`,
    );
    expect([...relationsOf(planned[0].Plan, false)]).toEqual(['system_sample_y2026m03']);

    // The roll-up of every day of March: its days arrive as parameters, so the partitions are pruned as it runs.
    const days = Array.from({ length: 31 }, (_, i) => `2026-03-${String(i + 1).padStart(2, '0')}`);
    const runner = service.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      const [{ 'QUERY PLAN': executed }] = await runner.query(
        `EXPLAIN (ANALYZE, FORMAT JSON) ${rollUpSystemDaysSql('unnest($1::uuid[], $2::date[]) AS t(system_id, day)')}`,
        [days.map(() => system!.id), days],
      );
      const read = [...relationsOf(executed[0].Plan, true)].filter((name) => name.startsWith('system_sample'));
      expect(read).toEqual(['system_sample_y2026m03']);
      // The day's last sample is looked up once per day (31), not once per sample (93): the
      // lookup once sat below the grouping and ran for every sample, 8 s of a million-row import.
      expect(loopsOf(executed[0].Plan, 'Limit')).toBe(31);
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });

  it('retention drops whole month partitions before the first kept day, and keeps the rest', async () => {
    expect(firstKeptSampleDay('2026-12-03')).toBe('2025-01-01');
    await ensureSamplePartitions(service, '2024-11-01', '2025-01-31');
    await insertSamples('2024-12-30', '2025-01-02');
    expect(await rowsIn('system_sample_y2024m12')).toBe(2 * 3);

    const dropped = await dropExpiredSamplePartitions(service, '2026-12-03');
    expect(dropped).toEqual(['system_sample_y2024m11', 'system_sample_y2024m12', 'provider_sample_y2024m11', 'provider_sample_y2024m12']);
    const left = await partitionsOf('system_sample');
    expect(left).not.toContain('system_sample_y2024m12');
    expect(left).toContain('system_sample_y2025m01');
    expect(await rowsIn('system_sample_y2025m01')).toBe(2 * 3);
    expect(await dropExpiredSamplePartitions(service, '2026-12-03')).toEqual([]);
  });

  it('a month made after some of its samples arrived takes them out of the DEFAULT partition', async () => {
    await insertSamples('2027-09-10', '2027-09-11');
    expect(await rowsIn('system_sample_default')).toBe(2 * 3);
    await ensureSamplePartitions(service, '2027-09-01', '2027-09-30');
    expect(await rowsIn('system_sample_default')).toBe(0);
    expect(await rowsIn('system_sample_y2027m09')).toBe(2 * 3);
  });

  it('the worker makes this month and the next two', async () => {
    await ensureMonthsAhead(service, '2028-11-15');
    const made = (await partitionsOf('provider_sample')).filter((name) => name >= 'provider_sample_y2028');
    expect(made).toEqual(['provider_sample_y2028m11', 'provider_sample_y2028m12', 'provider_sample_y2029m01']);
  });
});
