import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { buildMonitoringSample, SAMPLE_DAYS } from '../../../subgraphs/supervision/monitoring/monitoring.seed';
import { WORLD_TODAY } from '../../../seed/world';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const sample = buildMonitoringSample(world.systems, WORLD_TODAY);
const sampledIds = [...new Set(sample.map((row) => row.systemId))];
const systemById = new Map(world.systems.map((system) => [system.id, system]));
const cityFirst = sampledIds.find((id) => systemById.get(id)!.regionCode !== BINCHENG)!;
const binchengSystem = sampledIds.find((id) => systemById.get(id)!.regionCode === BINCHENG)!;

const average = (values: number[]) => Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;

type Utilisation = {
  days: number;
  fromDate: string;
  toDate: string;
  daysWithData: number;
  cpuAvgPercent: number;
  storageUsedGb: number;
} | null;

async function utilisationOf(ids: string[], days: number, principal = bureau) {
  return subgraph.query<{ _entities: Array<{ utilisation: Utilisation }> }>(
    principal,
    `query ($representations: [_Any!]!, $days: Int!) {
      _entities(representations: $representations) { ... on InformationSystem { utilisation(days: $days) { days fromDate toDate daysWithData cpuAvgPercent storageUsedGb } } }
    }`,
    { representations: ids.map((id) => ({ __typename: 'InformationSystem', id })), days },
  );
}

describe('monitoring', () => {
  it('lists a system’s daily roll-ups oldest first, page by page', async () => {
    const query = `query ($systemId: ID!, $after: String) {
      monitoringDaily(systemId: $systemId, first: 12, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { date cpuAvgPercent system { id } } } }
    }`;
    const dates: string[] = [];
    let after: string | null = null;
    do {
      const result: {
        data?: {
          monitoringDaily: {
            totalCount: number;
            pageInfo: { hasNextPage: boolean; endCursor: string };
            edges: Array<{ node: { date: string } }>;
          };
        } | null;
      } = await subgraph.query(bureau, query, { systemId: cityFirst, after });
      const page = result.data!.monitoringDaily;
      expect(page.totalCount).toBe(SAMPLE_DAYS);
      dates.push(...page.edges.map((edge) => edge.node.date));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after);
    expect(dates).toEqual(sample.filter((row) => row.systemId === cityFirst).map((row) => row.day));
    expect(dates.at(-1)).toBe(WORLD_TODAY);
  });

  it('hides another county’s monitoring from a county authority', async () => {
    const result = await subgraph.query<{ monitoringDaily: { totalCount: number } }>(
      countyAuthority(BINCHENG),
      `query ($systemId: ID!) { monitoringDaily(systemId: $systemId) { totalCount } }`,
      { systemId: cityFirst },
    );
    expect(result.data!.monitoringDaily.totalCount).toBe(0);
    const hidden = await utilisationOf([cityFirst, binchengSystem], 30, countyAuthority(BINCHENG));
    expect(hidden.data!._entities[0]!.utilisation).toBeNull();
    expect(hidden.data!._entities[1]!.utilisation).not.toBeNull();
  });

  it('averages the last `days` days ending on the latest monitored day', async () => {
    const rows = sample.filter((row) => row.systemId === cityFirst);
    const lastWeek = rows.slice(-7);
    const result = await utilisationOf([cityFirst], 7);
    expect(result.errors).toBeUndefined();
    expect(result.data!._entities[0]!.utilisation).toEqual({
      days: 7,
      fromDate: lastWeek[0]!.day,
      toDate: WORLD_TODAY,
      daysWithData: 7,
      cpuAvgPercent: average(lastWeek.map((row) => row.cpuAvgPercent)),
      storageUsedGb: average(lastWeek.map((row) => row.storageUsedGb)),
    });
    const month = await utilisationOf([cityFirst], 90);
    expect(month.data!._entities[0]!.utilisation).toMatchObject({
      days: 90,
      daysWithData: SAMPLE_DAYS,
      cpuAvgPercent: average(rows.map((row) => row.cpuAvgPercent)),
    });
  });

  it('answers null for a system without monitoring data and rejects a window outside 1–366 days', async () => {
    const unmonitored = world.systems.find((system) => !sampledIds.includes(system.id))!;
    const none = await utilisationOf([unmonitored.id], 30);
    expect(none.data!._entities[0]!.utilisation).toBeNull();
    const bad = await utilisationOf([cityFirst], 0);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'days' });
  });

  it('computes utilisation for 100 systems in one statement, as for 10', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const ids = world.systems.map((system) => system.id);
    counter.reset();
    const ten = await utilisationOf(ids.slice(0, 10), 30);
    const tenStatements = counter.count;
    counter.reset();
    const hundred = await utilisationOf(ids.slice(0, 100), 30);
    expect(ten.errors).toBeUndefined();
    const monitored = ids.slice(0, 100).filter((id) => sampledIds.includes(id)).length;
    expect(monitored).toBeGreaterThan(0);
    expect(hundred.data!._entities.filter((entity) => entity.utilisation).length).toBe(monitored);
    expect(tenStatements).toBe(1);
    expect(counter.count).toBe(1);
  });
});
