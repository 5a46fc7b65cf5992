// monitoringDaily(filter:), monitoringDailyFigures(filter:), providerMonitoringDaily(filter:) and
// flaggedSystems(filter:) (第十六条、第二十四条、第二十五条; issue 12): each filter in SQL gives exactly
// the rows it names, within the caller's scope, in the list's order; bad input is BAD_USER_INPUT; the
// day range is served by an index.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../../subgraphs/kit/dates';
import { SAMPLE_DAYS } from '../../../subgraphs/supervision/monitoring/monitoring.seed';
import { ProviderMonitoringDailyEntity } from '../../../subgraphs/supervision/monitoring/provider-monitoring-daily.entity';
import { WORLD_TODAY } from '../../../seed/world';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, world } from '../../setup/principals';
import { expectIndexUsed } from '../../setup/explain';
import { idsOf, walkList } from '../../setup/walk-list';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const FIRST_DAY = addDays(WORLD_TODAY, -(SAMPLE_DAYS - 1));
const systemById = new Map(world.systems.map((system) => [system.id, system]));

async function expectBadInput(query: string, variables: object): Promise<void> {
  const result = await subgraph.query(bureau, query, variables);
  expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
}

interface Daily {
  id: string;
  date: string;
  system: { id: string };
  region: { code: string };
}

const FIGURES = `query ($first: Int, $after: String, $filter: MonitoringDailyFilter, $from: Date = "${FIRST_DAY}", $to: Date = "${WORLD_TODAY}") {
  monitoringDailyFigures(from: $from, to: $to, first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id date system { id } region { code } } }
  }
}`;

const DAILY = `query ($systemId: ID!, $first: Int, $after: String, $filter: MonitoringDailyFilter) {
  monitoringDaily(systemId: $systemId, first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id date system { id } region { code } } }
  }
}`;

interface ProviderDaily {
  id: string;
  date: string;
  provider: { id: string };
}

const PROVIDER_DAYS = `query ($first: Int, $after: String, $filter: ProviderMonitoringDailyFilter) {
  providerMonitoringDaily(from: "${FIRST_DAY}", to: "${WORLD_TODAY}", first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id date provider { id } } }
  }
}`;

describe('monitoringDailyFigures(filter:) and monitoringDaily(filter:)', () => {
  it('filters by system, provider, region and day range, each exactly, in day order', async () => {
    const day = addDays(WORLD_TODAY, -3);
    // One day of every system: the base every case below narrows.
    const { nodes: oneDay } = await walkList<Daily>(subgraph, bureau, 'monitoringDailyFigures', FIGURES, { from: day, to: day });
    expect(oneDay.length).toBeGreaterThan(1);
    const sample = oneDay[0]!;
    const providerId = systemById.get(sample.system.id)!.providerId!;
    const cases: Array<[object, (row: Daily) => boolean]> = [
      [{ systemId: sample.system.id }, (row) => row.system.id === sample.system.id],
      [{ providerId }, (row) => systemById.get(row.system.id)!.providerId === providerId],
      [{ regionCode: BINCHENG }, (row) => row.region.code === BINCHENG],
      [
        { regionCode: BINCHENG, providerId },
        (row) => row.region.code === BINCHENG && systemById.get(row.system.id)!.providerId === providerId,
      ],
    ];
    for (const [filter, keep] of cases) {
      const { nodes, totals } = await walkList<Daily>(subgraph, bureau, 'monitoringDailyFigures', FIGURES, { from: day, to: day, filter });
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(oneDay.filter(keep)));
      expect(totals[0]).toBe(nodes.length);
    }
    // The day range within the period, on one system (its own list and the period's agree).
    const { nodes: ofSystem } = await walkList<Daily>(subgraph, bureau, 'monitoringDaily', DAILY, { systemId: sample.system.id });
    const ranged = { dayFrom: addDays(day, -2), dayTo: day };
    const within = ofSystem.filter((row) => row.date >= ranged.dayFrom && row.date <= ranged.dayTo);
    expect(within.length).toBeGreaterThan(0);
    const { nodes: daily } = await walkList<Daily>(subgraph, bureau, 'monitoringDaily', DAILY, {
      systemId: sample.system.id,
      filter: ranged,
    });
    expect(daily.map((row) => row.id)).toEqual(within.map((row) => row.id));
    const { nodes: figures } = await walkList<Daily>(subgraph, bureau, 'monitoringDailyFigures', FIGURES, {
      filter: { ...ranged, systemId: sample.system.id },
    });
    expect(figures.map((row) => row.id)).toEqual(within.map((row) => row.id));
    const dates = figures.map((row) => row.date);
    expect(dates).toEqual([...dates].sort());
  });

  it('by region gives the city what the county itself sees, and a county asking for another region nothing', async () => {
    const day = addDays(WORLD_TODAY, -1);
    const { nodes: county } = await walkList<Daily>(subgraph, countyAuthority(BINCHENG), 'monitoringDailyFigures', FIGURES, {
      from: day,
      to: day,
    });
    const { nodes: byRegion } = await walkList<Daily>(subgraph, bureau, 'monitoringDailyFigures', FIGURES, {
      from: day,
      to: day,
      filter: { regionCode: BINCHENG },
    });
    expect(county.length).toBeGreaterThan(0);
    expect(idsOf(byRegion)).toEqual(idsOf(county));
    const { nodes: elsewhere } = await walkList<Daily>(subgraph, countyAuthority(BINCHENG), 'monitoringDailyFigures', FIGURES, {
      filter: { regionCode: '371600' },
    });
    expect(elsewhere).toEqual([]);
  });

  it('refuses a malformed id, a code where an id belongs, an unknown region and a reversed range', async () => {
    for (const filter of [
      { systemId: 'S-371600-001-01' },
      { providerId: 'P-INSPUR' },
      { regionCode: '999999' },
      { dayFrom: '2026-10-02', dayTo: '2026-10-01' },
    ]) {
      await expectBadInput(FIGURES, { filter });
    }
    await expectBadInput(DAILY, { systemId: world.systems[0]!.id, filter: { dayFrom: '2026-10-02', dayTo: '2026-10-01' } });
  });
});

describe('providerMonitoringDaily(filter:)', () => {
  beforeAll(async () => {
    // The seed rolls up systems only: two providers' days for this list.
    const rows = world.providers.slice(0, 2).flatMap((provider) =>
      [3, 2, 1].map((back) => ({
        id: randomUUID(),
        providerId: provider.id,
        day: addDays(WORLD_TODAY, -back),
        availabilityPercent: 99.5,
        incidentCount: 0,
        avgResponseMinutes: 12,
        complaintCount: 0,
        sampleCount: 4,
      })),
    );
    await subgraph.dataSource.getRepository(ProviderMonitoringDailyEntity).insert(rows);
  });

  it('filters by provider and day range, each exactly, and keeps the deprecated providerId working', async () => {
    const { nodes: all } = await walkList<ProviderDaily>(subgraph, bureau, 'providerMonitoringDaily', PROVIDER_DAYS);
    expect(all.length).toBeGreaterThan(1);
    const sample = all[all.length - 1]!;
    const cases: Array<[object, (row: ProviderDaily) => boolean]> = [
      [{ providerId: sample.provider.id }, (row) => row.provider.id === sample.provider.id],
      [{ dayFrom: sample.date }, (row) => row.date >= sample.date],
      [{ dayFrom: sample.date, dayTo: sample.date, providerId: sample.provider.id }, (row) => row.id === sample.id],
    ];
    for (const [filter, keep] of cases) {
      const { nodes } = await walkList<ProviderDaily>(subgraph, bureau, 'providerMonitoringDaily', PROVIDER_DAYS, { filter });
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(idsOf(all.filter(keep)));
    }
    const plain = await subgraph.query<{ providerMonitoringDaily: { totalCount: number } }>(
      bureau,
      `{ providerMonitoringDaily(from: "${FIRST_DAY}", to: "${WORLD_TODAY}", providerId: "${sample.provider.id}") { totalCount } }`,
    );
    expect(plain.data!.providerMonitoringDaily.totalCount).toBe(all.filter((row) => row.provider.id === sample.provider.id).length);
    await expectBadInput(PROVIDER_DAYS, { filter: { providerId: 'P-INSPUR' } });
    await expectBadInput(PROVIDER_DAYS, { filter: { dayFrom: '2026-10-02', dayTo: '2026-10-01' } });
  });
});

interface Flagged {
  id: string;
  flag: string;
  system: { id: string };
}

const FLAGS = ['NORMAL', 'UNDER_USED', 'IDLE', 'EXCLUDED', 'NO_DATA'];

const FLAGGED = `query ($first: Int, $after: String, $filter: FlaggedSystemFilter, $regionCode: String) {
  flaggedSystems(from: "${FIRST_DAY}", to: "${WORLD_TODAY}", regionCode: $regionCode, first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { flag system { id } } }
  }
}`;

describe('flaggedSystems(filter:)', () => {
  it('filters by several flags, system, provider and region, each exactly', async () => {
    const walk = async (variables: Record<string, unknown>) =>
      (await walkList<Flagged>(subgraph, bureau, 'flaggedSystems', FLAGGED, variables)).nodes.map((row) => ({ ...row, id: row.system.id }));
    const all = await walk({ filter: { flag: FLAGS } });
    expect(all.length).toBeGreaterThan(1);
    const sample = all[0]!;
    const providerId = systemById.get(sample.system.id)!.providerId!;
    const regionOf = (row: Flagged) => systemById.get(row.system.id)!.regionCode;
    const cases: Array<[Record<string, unknown>, (row: Flagged) => boolean]> = [
      [{ filter: { flag: [sample.flag] } }, (row) => row.flag === sample.flag],
      [{ filter: {} }, (row) => row.flag === 'IDLE' || row.flag === 'UNDER_USED'],
      [{ filter: { flag: FLAGS, systemId: sample.system.id } }, (row) => row.system.id === sample.system.id],
      [{ filter: { flag: FLAGS, providerId } }, (row) => systemById.get(row.system.id)!.providerId === providerId],
      [{ filter: { flag: FLAGS, regionCode: BINCHENG } }, (row) => regionOf(row) === BINCHENG],
      [{ filter: { flag: FLAGS, regionCode: BINCHENG }, regionCode: '371603' }, () => false],
    ];
    for (const [variables, keep] of cases) {
      expect(idsOf(await walk(variables)), JSON.stringify(variables)).toEqual(idsOf(all.filter(keep)));
    }
    await expectBadInput(FLAGGED, { filter: { systemId: 'S-371600-001-01' } });
    await expectBadInput(FLAGGED, { filter: { providerId: 'P-INSPUR' } });
    await expectBadInput(FLAGGED, { filter: { regionCode: '999999' } });
  });
});

describe('monitoring list filters are served by indexes', () => {
  it('a day range on monitoring_daily uses monitoring_daily_day_idx', () =>
    expectIndexUsed(
      subgraph,
      `SELECT id FROM supervision.monitoring_daily WHERE day >= '2026-10-01' AND day <= '2026-10-03'`,
      'monitoring_daily_day_idx',
    ));
});
