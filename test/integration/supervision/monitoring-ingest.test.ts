// Monitoring ingest's small batches (第二十四条): submitMonitoringSamples validates the whole batch,
// refuses unknown systems and providers, writes in one transaction, never counts a sample twice
// and rolls up exactly the days that gained a sample; the figures queries read the roll-ups in scope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { Role, type Principal } from '../../../subgraphs/kit/principal';
import { monitorable } from '../../../subgraphs/supervision/monitoring/monitoring.seed';
import { WORLD_TODAY } from '../../../seed/world';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, providerPrincipal, userUnit, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const monitor: Principal = { subject: 'test-monitor', role: Role.MONITOR };
const systems = monitorable(world.systems, WORLD_TODAY);
const [systemA] = systems;
const provider = world.providers.find((candidate) => candidate.id === systemA!.providerId)!;

const SUBMIT = `mutation ($systemSamples: [SystemSampleInput!], $providerSamples: [ProviderSampleInput!]) {
  submitMonitoringSamples(systemSamples: $systemSamples, providerSamples: $providerSamples) {
    received accepted duplicates systemDaysRolledUp providerDaysRolledUp
  }
}`;

const FIGURES = `query ($from: Date!, $to: Date!, $systemId: ID, $after: String) {
  monitoringDailyFigures(from: $from, to: $to, systemId: $systemId, first: 100, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { date system { id } cpuAvgPercent cpuP95Percent cpuPeakPercent memoryAvgPercent memoryP95Percent memoryPeakPercent
      storageUsedGb networkAvgPercent networkP95Percent networkPeakPercent bandwidthP95Mbps bandwidthPeakMbps sampleCount } }
  }
}`;

function sample(systemId: string, measuredAt: string, cpu: number, overrides: Record<string, unknown> = {}) {
  return {
    systemId,
    measuredAt,
    cpuPercent: cpu,
    memoryPercent: 40,
    storageUsedGb: 100 + cpu,
    networkPercent: cpu / 2,
    bandwidthMbps: cpu * 3,
    ...overrides,
  };
}

function providerSample(measuredAt: string, availability: number) {
  return {
    providerId: provider.id,
    measuredAt,
    availabilityPercent: availability,
    incidentCount: 1,
    responseMinutes: 12.5,
    complaintCount: 2,
  };
}

/** percentile_cont: linear interpolation between the closest ranks. */
function percentileCont(values: number[], fraction: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = fraction * (sorted.length - 1);
  const low = Math.floor(rank);
  const high = Math.ceil(rank);
  return Math.round((sorted[low]! + (sorted[high]! - sorted[low]!) * (rank - low)) * 100) / 100;
}

async function rawCounts() {
  const [row] = await subgraph.dataSource.query(
    `SELECT (SELECT count(*) FROM supervision.system_sample)::int AS systems, (SELECT count(*) FROM supervision.provider_sample)::int AS providers,
            (SELECT md5(string_agg(d::text, '|' ORDER BY d.id)) FROM supervision.monitoring_daily d) AS daily,
            (SELECT md5(coalesce(string_agg(p::text, '|' ORDER BY p.id), '')) FROM supervision.provider_monitoring_daily p) AS provider_daily`,
  );
  return row as { systems: number; providers: number; daily: string; provider_daily: string };
}

async function submit(principal: Principal, variables: Record<string, unknown>) {
  return subgraph.query<{ submitMonitoringSamples: Record<string, number> }>(principal, SUBMIT, variables);
}

describe('submitMonitoringSamples', () => {
  it('is for the monitoring agency only', async () => {
    const before = await rawCounts();
    for (const principal of [bureau, providerPrincipal(provider)]) {
      const result = await submit(principal, { systemSamples: [sample(systemA!.id, '2026-10-01T10:00:00+08:00', 20)] });
      expect(result.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await rawCounts()).toEqual(before);
  });

  it('validates the whole batch first, naming the row, and then writes nothing', async () => {
    const before = await rawCounts();
    const cases: Array<[Record<string, unknown>, string]> = [
      [
        { systemSamples: [sample(systemA!.id, '2026-10-01T10:00:00+08:00', 20), sample(systemA!.id, '2026-10-01T10:05:00+08:00', 120)] },
        'systemSamples[1].cpuPercent',
      ],
      [{ systemSamples: [sample(systemA!.id, '2026-10-01 10:00', 20)] }, 'systemSamples[0].measuredAt'],
      [{ systemSamples: [sample(systemA!.id, '2026-11-27T00:00:00+08:00', 20)] }, 'systemSamples[0].measuredAt'],
      [{ systemSamples: [sample(systemA!.id, '2026-10-01T10:00:00+08:00', 20, { bandwidthMbps: -1 })] }, 'systemSamples[0].bandwidthMbps'],
      [
        {
          systemSamples: [
            sample(systemA!.id, '2026-10-01T10:00:00+08:00', 20),
            sample('00000000-0000-4000-8000-000000000001', '2026-10-01T10:00:00+08:00', 5),
          ],
        },
        'systemSamples[1].systemId',
      ],
      [
        {
          systemSamples: [sample(systemA!.id, '2026-10-01T10:00:00+08:00', 20)],
          providerSamples: [{ ...providerSample('2026-10-01T10:00:00+08:00', 99), providerId: '00000000-0000-4000-8000-000000000002' }],
        },
        'providerSamples[0].providerId',
      ],
      [
        { providerSamples: [{ ...providerSample('2026-10-01T10:00:00+08:00', 99), incidentCount: -1 }] },
        'providerSamples[0].incidentCount',
      ],
      [{ systemSamples: [] }, 'systemSamples'],
      [
        {
          systemSamples: Array.from({ length: 1001 }, (_, i) =>
            sample(systemA!.id, new Date(Date.parse('2026-10-01T00:00:00Z') + i * 60_000).toISOString(), 10),
          ),
        },
        'systemSamples',
      ],
    ];
    for (const [variables, field] of cases) {
      const result = await submit(monitor, variables);
      expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(result.errors?.[0]?.message).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(await rawCounts()).toEqual(before);
  });

  it('writes new samples, rolls up the touched days from raw, and counts a resubmission as duplicates', async () => {
    const day1 = [
      sample(systemA!.id, '2026-10-02T00:00:00+08:00', 10),
      sample(systemA!.id, '2026-10-02T12:00:00+08:00', 30),
      sample(systemA!.id, '2026-10-02T23:59:59+08:00', 80),
    ];
    // 16:30 UTC on 2 October is 00:30 on 3 October in China: the roll-ups' day is the China day.
    const day2 = [sample(systemA!.id, '2026-10-02T16:30:00Z', 50)];
    const variables = {
      systemSamples: [...day1, ...day2],
      providerSamples: [providerSample('2026-10-02T08:00:00+08:00', 99.5), providerSample('2026-10-02T20:00:00+08:00', 98.5)],
    };
    const first = await submit(monitor, variables);
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitMonitoringSamples).toEqual({
      received: 6,
      accepted: 6,
      duplicates: 0,
      systemDaysRolledUp: 2,
      providerDaysRolledUp: 1,
    });

    const figures = await subgraph.query<{
      monitoringDailyFigures: { totalCount: number; edges: Array<{ node: Record<string, unknown> }> };
    }>(monitor, FIGURES, { from: '2026-10-02', to: '2026-10-03', systemId: systemA!.id });
    const [october2, october3] = figures.data!.monitoringDailyFigures.edges.map((edge) => edge.node);
    const cpus = [10, 30, 80];
    expect(october2).toMatchObject({
      date: '2026-10-02',
      cpuAvgPercent: 40,
      cpuP95Percent: percentileCont(cpus, 0.95),
      cpuPeakPercent: 80,
      memoryP95Percent: 40,
      storageUsedGb: 180, // the day's last sample
      networkPeakPercent: 40,
      bandwidthP95Mbps: percentileCont(
        cpus.map((cpu) => cpu * 3),
        0.95,
      ),
      bandwidthPeakMbps: 240,
      sampleCount: 3,
    });
    expect(october3).toMatchObject({ date: '2026-10-03', cpuAvgPercent: 50, sampleCount: 1 });

    const before = await rawCounts();
    const again = await submit(monitor, variables);
    expect(again.data!.submitMonitoringSamples).toEqual({
      received: 6,
      accepted: 0,
      duplicates: 6,
      systemDaysRolledUp: 0,
      providerDaysRolledUp: 0,
    });
    expect(await rawCounts()).toEqual(before);

    const providerDays = await subgraph.query<{ providerMonitoringDaily: { edges: Array<{ node: Record<string, unknown> }> } }>(
      monitor,
      `query ($providerId: ID) { providerMonitoringDaily(from: "2026-10-02", to: "2026-10-02", providerId: $providerId) {
        edges { node { date provider { id } availabilityPercent incidentCount avgResponseMinutes complaintCount sampleCount } } } }`,
      { providerId: provider.id },
    );
    expect(providerDays.data!.providerMonitoringDaily.edges.map((edge) => edge.node)).toEqual([
      {
        date: '2026-10-02',
        provider: { id: provider.id },
        availabilityPercent: 99,
        incidentCount: 2,
        avgResponseMinutes: 12.5,
        complaintCount: 4,
        sampleCount: 2,
      },
    ]);
  });

  it('lets a late sample correct its day, and counts a duplicate inside one batch once', async () => {
    const late = sample(systemA!.id, '2026-10-02T06:00:00+08:00', 100);
    const result = await submit(monitor, { systemSamples: [late, late] });
    expect(result.data!.submitMonitoringSamples).toMatchObject({ received: 2, accepted: 1, duplicates: 1, systemDaysRolledUp: 1 });
    const figures = await subgraph.query<{ monitoringDailyFigures: { edges: Array<{ node: Record<string, unknown> }> } }>(
      monitor,
      FIGURES,
      {
        from: '2026-10-02',
        to: '2026-10-02',
        systemId: systemA!.id,
      },
    );
    expect(figures.data!.monitoringDailyFigures.edges[0]!.node).toMatchObject({ cpuAvgPercent: 55, cpuPeakPercent: 100, sampleCount: 4 });
  });

  it('runs the same number of SQL statements for 10 samples as for 1,000', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const batch = (count: number, day: string) =>
      Array.from({ length: count }, (_, i) =>
        sample(systems[i % systems.length]!.id, new Date(Date.parse(`${day}T00:00:00+08:00`) + i * 60_000).toISOString(), i % 100),
      );
    counter.reset();
    const small = await submit(monitor, {
      systemSamples: batch(9, '2026-09-01'),
      providerSamples: [providerSample('2026-09-01T10:00:00+08:00', 99)],
    });
    const smallCount = counter.count;
    counter.reset();
    const large = await submit(monitor, {
      systemSamples: batch(999, '2026-09-02'),
      providerSamples: [providerSample('2026-09-02T10:00:00+08:00', 99)],
    });
    expect(small.data!.submitMonitoringSamples.accepted).toBe(10);
    expect(large.data!.submitMonitoringSamples.accepted).toBe(1000);
    expect(counter.count).toBe(smallCount);
  });
});

describe('daily figures by period', () => {
  const FROM = '2026-10-01';
  const TO = WORLD_TODAY;

  async function allRows(principal: Principal) {
    const rows: Array<{ system: { id: string } }> = [];
    let after: string | null = null;
    for (;;) {
      const result: {
        data?: {
          monitoringDailyFigures: {
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: Array<{ node: { system: { id: string } } }>;
          };
        } | null;
        errors?: unknown;
      } = await subgraph.query(principal, FIGURES, { from: FROM, to: TO, after });
      expect(result.errors).toBeUndefined();
      rows.push(...result.data!.monitoringDailyFigures.edges.map((edge) => edge.node));
      if (!result.data!.monitoringDailyFigures.pageInfo.hasNextPage) return rows;
      after = result.data!.monitoringDailyFigures.pageInfo.endCursor;
    }
  }

  it('shows each role what its scope allows', async () => {
    const systemById = new Map(world.systems.map((system) => [system.id, system]));
    const all = await allRows(monitor);
    expect(all.length).toBeGreaterThan(100);
    const [expected] = await subgraph.dataSource.query(
      `SELECT count(*)::int AS n FROM supervision.monitoring_daily WHERE day BETWEEN $1 AND $2`,
      [FROM, TO],
    );
    expect(all.length).toBe(expected.n);

    const county = await allRows(countyAuthority(BINCHENG));
    expect(county.length).toBeGreaterThan(0);
    expect(county.every((row) => systemById.get(row.system.id)!.regionCode === BINCHENG)).toBe(true);

    const unit = world.units.find((candidate) => candidate.id === systemA!.unitId)!;
    const unitRows = await allRows(userUnit(unit));
    expect(unitRows.length).toBeGreaterThan(0);
    expect(unitRows.every((row) => systemById.get(row.system.id)!.unitId === unit.id)).toBe(true);

    const hosted = await allRows(providerPrincipal(provider));
    expect(hosted.every((row) => systemById.get(row.system.id)!.providerId === provider.id)).toBe(true);
    expect(hosted.length).toBeLessThan(all.length);
  });

  it('shows a provider only its own service figures, the government roles all', async () => {
    const other = world.providers.find((candidate) => candidate.id !== provider.id)!;
    const query = `{ providerMonitoringDaily(from: "2026-09-01", to: "2026-10-31") { totalCount edges { node { provider { id } } } } }`;
    const own = await subgraph.query<{ providerMonitoringDaily: { totalCount: number } }>(providerPrincipal(provider), query);
    const stranger = await subgraph.query<{ providerMonitoringDaily: { totalCount: number } }>(providerPrincipal(other), query);
    const county = await subgraph.query<{ providerMonitoringDaily: { totalCount: number } }>(countyAuthority(BINCHENG), query);
    expect(own.data!.providerMonitoringDaily.totalCount).toBe(3);
    expect(stranger.data!.providerMonitoringDaily.totalCount).toBe(0);
    expect(county.data!.providerMonitoringDaily.totalCount).toBe(3);
  });

  it('refuses a period that ends before it starts', async () => {
    const result = await subgraph.query(monitor, FIGURES, { from: '2026-10-02', to: '2026-10-01' });
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'from' });
  });

  it('counts only days in service: a test environment’s idle days before go-live leave the year as it was (第十六条)', async () => {
    const live = world.systems.find(
      (system) =>
        system.goLiveOn && system.goLiveOn > '2025-03-01' && system.goLiveOn < '2025-12-01' && !system.retiredOn && system.providerId,
    )!;
    const YEAR = `query($r: [_Any!]!) { _entities(representations: $r) { ... on InformationSystem { yearUtilisation(year: 2025) { flag daysWithData } } } }`;
    const year = async () =>
      (
        await subgraph.query<{ _entities: Array<{ yearUtilisation: { flag: string; daysWithData: number } }> }>(bureau, YEAR, {
          r: [{ __typename: 'InformationSystem', id: live.id }],
        })
      ).data!._entities[0]!.yearUtilisation;
    const before = await year();
    const idleDays = Array.from({ length: 10 }, (_, day) =>
      sample(live.id, `2025-01-${String(day + 1).padStart(2, '0')}T10:00:00+08:00`, 1, { memoryPercent: 5, networkPercent: 0.5 }),
    );
    const kept = await submit(monitor, { systemSamples: idleDays });
    expect(kept.errors, JSON.stringify(kept.errors)).toBeUndefined();
    expect(kept.data!.submitMonitoringSamples).toMatchObject({ accepted: 10, systemDaysRolledUp: 10 });
    expect(await year()).toEqual(before);
  });

  it('refuses a sample taken on or after the day its system was retired, writing nothing', async () => {
    const retired = world.systems.find((system) => system.retiredOn && system.providerId && system.goLiveOn)!;
    const before = await rawCounts();
    const after = await submit(monitor, {
      systemSamples: [sample(retired.id, `${retired.retiredOn}T00:30:00+08:00`, 30)],
    });
    expect(after.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'systemSamples[0].measuredAt' });
    expect(after.errors![0]!.message).toContain(`已于 ${retired.retiredOn} 退役`);
    expect(await rawCounts()).toEqual(before);
    const dayBefore = new Date(Date.parse(`${retired.retiredOn}T23:30:00+08:00`) - 86_400_000).toISOString();
    const kept = await submit(monitor, { systemSamples: [sample(retired.id, dayBefore, 30)] });
    expect(kept.errors, JSON.stringify(kept.errors)).toBeUndefined();
  });
});
