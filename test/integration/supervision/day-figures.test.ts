// The import's roll-up of a day no sample had reached before, computed from the file's rows as they
// stream by (ingest/day-figures.ts), must be exactly what the roll-up from the raw table computes
// (rollUpSystemDaysSql): rounding of values with more than two decimals, ties, averages, the
// interpolated 95th percentile of 1 to 96 samples, and the storage of the day's last instant
// however the file orders them. A day that had samples is rolled up from the table, with them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { WORLD_TODAY } from '../../../seed/world';
import { createDataSource } from '../../../subgraphs/supervision/data-source';
import { importMonitoringFile } from '../../../subgraphs/supervision/monitoring/ingest/import-file';
import { rollUpSystemDaysSql } from '../../../subgraphs/supervision/monitoring/ingest/rollup-sql';
import { monitorable } from '../../../subgraphs/supervision/monitoring/monitoring.seed';
import { createTestDatabase, type TestDatabase } from '../../setup/database';
import { world } from '../../setup/principals';

let database: TestDatabase;
let service: DataSource;
let dir: string;

beforeAll(async () => {
  database = await createTestDatabase({ from: 'seeded' });
  service = createDataSource(database.url);
  await service.initialize();
  dir = mkdtempSync(path.join(tmpdir(), 'govcloud-day-figures-'));
});

afterAll(async () => {
  await service?.destroy();
  await database?.drop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const systems = monitorable(world.systems, WORLD_TODAY)
  .filter((system) => system.providerId)
  .slice(0, 5);
const DAYS = ['2026-03-10', '2026-03-11'];
const SAMPLES_A_DAY = [1, 2, 7, 20, 96];

/** A value with `decimals` decimals from a seed: ties (…5 in the third decimal) come up often. */
function value(seed: number, max: number, decimals: number): string {
  const whole = seed % max;
  const digits = String((seed * 7919) % 10 ** decimals).padStart(decimals, '0');
  return decimals === 0 ? String(whole) : `${whole}.${digits}`;
}

/** A CSV of `SAMPLE_DAYS` samples for each system and day, minutes from `offset`, the instants of each day shuffled. */
function file(name: string, offset: number): string {
  const lines = ['system_id,measured_at,cpu_percent,memory_percent,storage_used_gb,network_percent,bandwidth_mbps'];
  systems.forEach((system, s) => {
    for (const day of DAYS) {
      const n = SAMPLES_A_DAY[s]!;
      const order = Array.from({ length: n }, (_, i) => (i * 37 + s) % n);
      for (const i of new Set(order)) {
        const minute = offset + i * 7;
        const instant = `${day}T${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:00+08:00`;
        const seed = s * 1000 + i * 31 + offset;
        lines.push(
          [
            system.id,
            instant,
            value(seed, 100, 3),
            value(seed + 1, 100, 2),
            value(seed + 2, 5000, 4),
            value(seed + 3, 100, 5),
            value(seed + 4, 900, 3),
          ].join(','),
        );
      }
    }
  });
  const full = path.join(dir, name);
  writeFileSync(full, `${lines.join('\n')}\n`);
  return full;
}

/** The roll-up from the raw table over the same days: the rows it would change (none when the two agree). */
async function changedByTableRollUp(): Promise<unknown[]> {
  const pairs = systems.flatMap((system) => DAYS.map((day) => [system.id, day] as const));
  return service.query(`${rollUpSystemDaysSql('unnest($1::uuid[], $2::date[]) AS t(system_id, day)')} RETURNING d.system_id`, [
    pairs.map(([id]) => id),
    pairs.map(([, day]) => day),
  ]);
}

async function sampleCounts(): Promise<number[]> {
  const rows: Array<{ n: number }> = await service.query(
    `SELECT sample_count AS n FROM supervision.monitoring_daily WHERE system_id = ANY($1) AND day = ANY($2::date[]) ORDER BY system_id, day`,
    [systems.map((system) => system.id), DAYS],
  );
  return rows.map((row) => row.n);
}

describe('the roll-up of days a file brings the first samples of', () => {
  it('is computed from the file’s rows, and is what the roll-up from the table computes', async () => {
    expect(systems).toHaveLength(5);
    const summary = await importMonitoringFile(service, file('first.csv', 0), { progress: null, today: WORLD_TODAY });
    expect(summary).toMatchObject({ accepted: SAMPLES_A_DAY.reduce((a, b) => a + b) * DAYS.length, daysRolledUp: 10, daysFromFile: 10 });
    expect(await changedByTableRollUp()).toEqual([]);
  });

  it('rolls a day that had samples up from the table, the new samples with the old', async () => {
    const before = await sampleCounts();
    const summary = await importMonitoringFile(service, file('second.csv', 3), { progress: null, today: WORLD_TODAY });
    expect(summary).toMatchObject({ deduplicated: false, daysRolledUp: 10, daysFromFile: 0 });
    expect(await sampleCounts()).toEqual(before.map((n) => n * 2));
    expect(await changedByTableRollUp()).toEqual([]);
  });
});
