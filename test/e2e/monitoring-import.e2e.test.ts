// Acceptance of monitoring ingest (第二十四条): one million system samples imported from a file with a
// progress display; the daily roll-ups equal a direct SQL aggregate over the raw samples; importing
// the same file again changes nothing; the real CLI prints its progress and summary; the gateway
// serves the roll-ups. Durations are reported, never asserted.
import { execFile } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DataSource } from 'typeorm';
import { WORLD_TODAY } from '../../seed/world';
import { addDays } from '../../subgraphs/kit/dates';
import { generateMonitoringFile } from '../../subgraphs/supervision/monitoring/ingest/generate';
import { formatImportSummary, importMonitoringFile, type ImportSummary } from '../../subgraphs/supervision/monitoring/ingest/import-file';
import { CHINA_TIME_ZONE } from '../../subgraphs/supervision/monitoring/ingest/rollup-sql';
import { startStack, type Stack } from '../setup/stack';

const ROWS = 1_000_000;
let stack: Stack;
let dir: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  dir = mkdtempSync(path.join(tmpdir(), 'govcloud-monitoring-'));
}, 180_000);
afterAll(async () => {
  await stack?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A stream that keeps what the progress display writes. */
function capture(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  return { stream, text: () => chunks.join('') };
}

/** The roll-ups of the days that have raw samples, and a direct aggregate of those samples: rows in one and not the other. */
async function mismatches(dataSource: DataSource): Promise<number> {
  const direct = `
    SELECT s.system_id, (s.measured_at AT TIME ZONE '${CHINA_TIME_ZONE}')::date AS day, count(*)::int AS sample_count,
           round(avg(s.cpu_percent), 2) AS cpu_avg, round((percentile_cont(0.95) WITHIN GROUP (ORDER BY s.cpu_percent))::numeric, 2) AS cpu_p95,
           max(s.cpu_percent) AS cpu_peak,
           round(avg(s.memory_percent), 2) AS memory_avg, round((percentile_cont(0.95) WITHIN GROUP (ORDER BY s.memory_percent))::numeric, 2) AS memory_p95,
           max(s.memory_percent) AS memory_peak,
           round(avg(s.network_percent), 2) AS network_avg, round((percentile_cont(0.95) WITHIN GROUP (ORDER BY s.network_percent))::numeric, 2) AS network_p95,
           max(s.network_percent) AS network_peak,
           round((percentile_cont(0.95) WITHIN GROUP (ORDER BY s.bandwidth_mbps))::numeric, 2) AS bandwidth_p95, max(s.bandwidth_mbps) AS bandwidth_peak
      FROM supervision.system_sample s GROUP BY 1, 2`;
  const rolled = `
    SELECT d.system_id, d.day, d.sample_count, d.cpu_avg_percent, d.cpu_p95_percent, d.cpu_peak_percent,
           d.memory_avg_percent, d.memory_p95_percent, d.memory_peak_percent,
           d.network_avg_percent, d.network_p95_percent, d.network_peak_percent, d.bandwidth_p95_mbps, d.bandwidth_peak_mbps
      FROM supervision.monitoring_daily d
     WHERE EXISTS (SELECT 1 FROM supervision.system_sample s WHERE s.system_id = d.system_id
                     AND (s.measured_at AT TIME ZONE '${CHINA_TIME_ZONE}')::date = d.day)`;
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM ((${direct}) EXCEPT (${rolled})) a)::int + (SELECT count(*) FROM ((${rolled}) EXCEPT (${direct})) b)::int AS n`,
  );
  return row.n as number;
}

async function state(dataSource: DataSource) {
  const [row] = await dataSource.query(
    `SELECT (SELECT count(*) FROM supervision.system_sample)::int AS raw,
            (SELECT md5(string_agg(d::text, '|' ORDER BY d.id)) FROM supervision.monitoring_daily d) AS rollups`,
  );
  return row as { raw: number; rollups: string };
}

describe('monitoring import (acceptance)', () => {
  let summary: ImportSummary;

  it('imports one million samples from a file with a progress display, and the roll-ups equal a direct SQL aggregate', async () => {
    const supervision = stack.dataSources.supervision;
    const file = path.join(dir, 'samples.csv');
    const t0 = performance.now();
    await generateMonitoringFile({ rows: ROWS, out: file, systems: stack.world.systems, lastDay: WORLD_TODAY });
    const generated = (performance.now() - t0) / 1000;

    const progress = capture();
    summary = await importMonitoringFile(supervision, file, { progress: progress.stream });
    console.log(
      `monitoring import: generated ${ROWS.toLocaleString('en-US')} rows in ${generated.toFixed(1)} s; imported in ${summary.seconds.toFixed(1)} s ` +
        `(${Math.round(ROWS / summary.seconds).toLocaleString('en-US')} rows/s, ${(summary.bytes / 1048576).toFixed(1)} MB, ${summary.daysRolledUp} system-days; phases ${JSON.stringify(summary.phases)})`,
    );
    // Every row new: written in one attempt, with no conflict check per row.
    expect(summary).toMatchObject({ kind: 'system', rowsRead: ROWS, accepted: ROWS, duplicates: 0, rejected: 0, deduplicated: false });
    expect(progress.text()).toMatch(/MB \| [\d,]+ 行 \(rows\) \| [\d,]+ 行\/秒 \(rows\/s\)/);
    expect(progress.text()).toContain('1,000,000 行 (rows)');

    const [pairs] = await supervision.query(
      `SELECT count(DISTINCT (system_id, (measured_at AT TIME ZONE '${CHINA_TIME_ZONE}')::date))::int AS n FROM supervision.system_sample`,
    );
    expect(summary.daysRolledUp).toBe(pairs.n);
    expect(await mismatches(supervision)).toBe(0);

    // And the gateway serves the figures from the roll-ups.
    const [day] = await supervision.query(
      `SELECT system_id, day::text AS day, sample_count, cpu_p95_percent::float AS p95 FROM supervision.monitoring_daily WHERE day = $1 ORDER BY system_id LIMIT 1`,
      [WORLD_TODAY],
    );
    const monitor = await stack.token({ role: 'MONITOR' });
    const body = await stack.query<{
      monitoringDailyFigures: { edges: Array<{ node: { sampleCount: number; cpuP95Percent: number } }> };
    }>(
      monitor,
      `query ($systemId: ID!, $day: Date!) { monitoringDailyFigures(from: $day, to: $day, systemId: $systemId) { edges { node { sampleCount cpuP95Percent } } } }`,
      { systemId: day.system_id, day: day.day },
    );
    expect(body.errors).toBeUndefined();
    expect(body.data!.monitoringDailyFigures.edges[0]!.node).toEqual({ sampleCount: day.sample_count, cpuP95Percent: day.p95 });
  }, 600_000);

  it('changes nothing when the same file is imported again', async () => {
    const supervision = stack.dataSources.supervision;
    const before = await state(supervision);
    const again = await importMonitoringFile(supervision, path.join(dir, 'samples.csv'), { progress: null });
    console.log(`monitoring re-import (all duplicates): ${again.seconds.toFixed(1)} s; phases ${JSON.stringify(again.phases)}`);
    expect(again).toMatchObject({ rowsRead: ROWS, accepted: 0, duplicates: ROWS, rejected: 0, daysRolledUp: 0, deduplicated: true });
    expect(await state(supervision)).toEqual(before);
    expect(before.raw).toBe(ROWS);
  }, 600_000);

  it('writes only the new rows of a file that overlaps one imported before, and a row the file holds twice once', async () => {
    const supervision = stack.dataSources.supervision;
    const full = path.join(dir, 'overlap-full.csv');
    await generateMonitoringFile({ rows: 3000, out: full, systems: stack.world.systems, lastDay: '2026-08-20' });
    const lines = readFileSync(full, 'utf8').trimEnd().split('\n');
    const part = path.join(dir, 'overlap-part.csv');
    writeFileSync(part, `${lines.slice(0, 2001).join('\n')}\n`);
    const first = await importMonitoringFile(supervision, part, { progress: null });
    expect(first).toMatchObject({ rowsRead: 2000, accepted: 2000, duplicates: 0, deduplicated: false });
    // The whole file, its last row repeated: 2,000 rows known, 1,000 new, one of them twice.
    appendFileSync(full, `${lines.at(-1)}\n`);
    const before = await state(supervision);
    const second = await importMonitoringFile(supervision, full, { progress: null });
    expect(second).toMatchObject({ rowsRead: 3001, accepted: 1000, duplicates: 2001, rejected: 0, deduplicated: true });
    expect((await state(supervision)).raw).toBe(before.raw + 1000);
    expect(await mismatches(supervision)).toBe(0);
  }, 600_000);

  it('refuses the rows sampled on or after their system’s retirement, as the small batch does, and keeps the one before', async () => {
    const supervision = stack.dataSources.supervision;
    const retired = stack.world.systems.find((system) => system.retiredOn !== null && system.providerId !== null)!;
    const sampled = (day: string) => `${retired.id},${day}T10:00:00+08:00,12.5,40,100,5,20`;
    const file = path.join(dir, 'retired.csv');
    const header = 'system_id,measured_at,cpu_percent,memory_percent,storage_used_gb,network_percent,bandwidth_mbps';
    writeFileSync(file, `${header}\n${sampled(addDays(retired.retiredOn!, -1))}\n${sampled(retired.retiredOn!)}\n`);
    const before = await state(supervision);
    await expect(importMonitoringFile(supervision, file, { progress: null })).rejects.toThrow(/1 行被拒绝，超过容许的 0 行/);
    expect(await state(supervision)).toEqual(before);
    const kept = await importMonitoringFile(supervision, file, { progress: null, maxRejected: 1 });
    expect(kept).toMatchObject({ rowsRead: 2, accepted: 1, rejected: 1 });
    expect(kept.rejections).toEqual([`第 3 行 (line 3): ${retired.id} 系统已于 ${retired.retiredOn} 退役、云资源已回收，此后没有监测数据`]);
  }, 600_000);

  it('checks a file through the whole import on a dry run, counting as an import would, and writes nothing', async () => {
    const supervision = stack.dataSources.supervision;
    const file = path.join(dir, 'dry-run.csv');
    await generateMonitoringFile({ rows: 3000, out: file, systems: stack.world.systems, lastDay: '2026-09-15' });
    const before = await state(supervision);
    const dry = await importMonitoringFile(supervision, file, { progress: null, dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, rowsRead: 3000, accepted: 3000, duplicates: 0, rejected: 0 });
    expect(dry.daysRolledUp).toBeGreaterThan(0);
    expect(formatImportSummary(dry)).toMatch(/^试运行，已回滚，未写入任何数据/);
    expect(await state(supervision)).toEqual(before);
  }, 600_000);

  it('imports provider samples from JSON lines: unknown providers reported per provider, known rows skipped when imported again', async () => {
    const supervision = stack.dataSources.supervision;
    const [{ provider_id: provider }] = await supervision.query(
      `SELECT provider_id::text FROM supervision.system_fact WHERE provider_id IS NOT NULL ORDER BY provider_id LIMIT 1`,
    );
    const unknown = '00000000-0000-4000-8000-00000000000a';
    const sample = (providerId: string, hour: number) =>
      JSON.stringify({
        providerId,
        measuredAt: `2026-10-20T${String(hour).padStart(2, '0')}:00:00+08:00`,
        availabilityPercent: 99 + hour / 100,
        incidentCount: hour % 2,
        responseMinutes: 10 + hour,
        complaintCount: 0,
      });
    const file = path.join(dir, 'providers.jsonl');
    const rows = [sample(provider, 1), sample(unknown, 1), sample(provider, 2), sample(unknown, 2), sample(provider, 3)];
    writeFileSync(file, `${rows.join('\n')}\n`);

    expect((await importMonitoringFile(supervision, file, { progress: null }).catch((error: Error) => error)) as Error).toMatchObject({
      message: expect.stringContaining('1 行被拒绝，超过容许的 0 行'),
    });
    const first = await importMonitoringFile(supervision, file, { progress: null, maxRejected: 2 });
    expect(first).toMatchObject({ kind: 'provider', rowsRead: 5, accepted: 3, rejected: 2, daysRolledUp: 1, deduplicated: false });
    expect(first.rejections).toEqual([`第 2 行起 2 行 (2 rows from line 2): ${unknown} 不是已知的定点服务商`]);
    const [daily] = await supervision.query(
      `SELECT sample_count, incident_count, avg_response_minutes::float AS response FROM supervision.provider_monitoring_daily
        WHERE provider_id = $1 AND day = '2026-10-20'`,
      [provider],
    );
    expect(daily).toEqual({ sample_count: 3, incident_count: 2, response: 12 });

    const again = await importMonitoringFile(supervision, file, { progress: null, maxRejected: 2 });
    expect(again).toMatchObject({ accepted: 0, duplicates: 3, rejected: 2, daysRolledUp: 0, deduplicated: true });
  }, 120_000);

  it('runs as a command with a progress display and a summary, skipping and reporting bad rows', async () => {
    const file = path.join(dir, 'small.csv');
    await generateMonitoringFile({ rows: 3000, out: file, systems: stack.world.systems, lastDay: '2026-10-15' });
    appendFileSync(
      file,
      `not-a-uuid,2026-10-15T10:00:00+08:00,1,1,1,1,1\n00000000-0000-4000-8000-000000000009,2026-10-15T10:00:00+08:00,1,1,1,1,1\n`,
    );
    const url = (stack.dataSources.supervision.options as { url: string }).url;
    // Two bad rows, tolerated only when asked (the default tolerance is none).
    const args = ['--import', 'tsx', 'scripts/import-monitoring.ts', '--max-rejected', '2', file];
    const { stdout, stderr } = await promisify(execFile)(process.execPath, args, {
      env: { ...process.env, DATABASE_URL: url },
    });
    expect(stderr).toMatch(/导入 \(import\) \d+% \|/);
    expect(stderr).toMatch(/[\d.]+\/[\d.]+ MB/);
    expect(stdout).toContain('读取 (rows read):        3,002 行');
    expect(stdout).toContain('写入 (accepted):         3,000');
    expect(stdout).toContain('拒绝 (rejected):         2');
    expect(stdout).toMatch(/第 3002 行 \(line 3002\): systemId 政务信息系统标识须为 UUID/);
    expect(stdout).toMatch(/00000000-0000-4000-8000-000000000009 不是已知的/);
  }, 120_000);
});
