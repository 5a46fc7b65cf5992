// The city dashboard's reads in applications (issue 14, test/bench/operations.ts): its two fetches
// here read plain rows with only the selected columns (kit/plain-rows.ts); the answer is what the
// tables hold, in the same few statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { regionByCode } from '../../../subgraphs/kit/regions';
import { bureau, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

// The gateway's fetches for the dashboard's systems and its providers' hosted systems.
const SYSTEMS = `{
  systems(first: 100) {
    totalCount
    edges { node { code name owner { name region { name } } hostingProvider { __typename id } } }
  }
}`;

const HOSTED = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on Provider { hostedSystems(first: 50) { totalCount edges { node { code owner { name } } } } }
  }
}`;

interface SystemRow {
  code: string;
  name: string;
  owner: string;
  region: string;
  provider: string | null;
}

/** The systems with their owners, straight from the tables, in code order. */
async function systemsInTables(): Promise<SystemRow[]> {
  return subgraph.dataSource.query<SystemRow[]>(
    `SELECT s.code, s.name, u.name AS owner, u.region_code AS region, s.provider_id::text AS provider
       FROM applications.information_system s JOIN applications.unit u ON u.id = s.unit_id
      ORDER BY s.code::text, s.id::text`,
  );
}

async function counted<T>(run: () => Promise<T>): Promise<{ result: T; statements: number }> {
  const counter = sqlCounterOf(subgraph.dataSource);
  counter.reset();
  const result = await run();
  return { result, statements: counter.count };
}

describe('the dashboard’s reads in applications', () => {
  it('systems(first: 100) with owners and hosting providers: the tables’ rows in three statements (page, owners, count)', async () => {
    const { result, statements } = await counted(() => subgraph.query(bureau, SYSTEMS));
    expect(result.errors).toBeUndefined();
    const rows = await systemsInTables();
    expect(result.data).toEqual({
      systems: {
        totalCount: rows.length,
        edges: rows.slice(0, 100).map((row) => ({
          node: {
            code: row.code,
            name: row.name,
            owner: { name: row.owner, region: { name: regionByCode(row.region)!.name } },
            hostingProvider: row.provider ? { __typename: 'Provider', id: row.provider } : null,
          },
        })),
      },
    });
    expect(statements).toBe(3);
  });

  it('Provider.hostedSystems(first: 50) with owners for every provider: the tables’ rows in two statements (pages with counts, owners)', async () => {
    const providers = world.providers.map((provider) => provider.id);
    const { result, statements } = await counted(() =>
      subgraph.query<{ _entities: Array<{ hostedSystems: { totalCount: number; edges: Array<{ node: unknown }> } }> }>(bureau, HOSTED, {
        representations: providers.map((id) => ({ __typename: 'Provider', id })),
      }),
    );
    expect(result.errors).toBeUndefined();
    const rows = await systemsInTables();
    const expected = providers.map((id) => {
      const hosted = rows.filter((row) => row.provider === id);
      return {
        hostedSystems: {
          totalCount: hosted.length,
          edges: hosted.slice(0, 50).map((row) => ({ node: { code: row.code, owner: { name: row.owner } } })),
        },
      };
    });
    expect(expected.some((provider) => provider.hostedSystems.totalCount > 0)).toBe(true);
    expect(result.data!._entities).toEqual(expected);
    expect(statements).toBe(2);
  });

  it('a cursor asked for is the same whichever columns the page read', async () => {
    const page = `{ systems(first: 3) { pageInfo { endCursor } edges { cursor node { code } } } }`;
    const full = `{ systems(first: 3) { pageInfo { endCursor } edges { cursor node { code name goLiveOn deploymentMode unitId: id } } } }`;
    const [light, heavy] = await Promise.all([subgraph.query(bureau, page), subgraph.query(bureau, full)]);
    expect(light.errors).toBeUndefined();
    expect(heavy.errors).toBeUndefined();
    const cursors = (result: typeof light) =>
      (result.data as { systems: { edges: Array<{ cursor: string }> } }).systems.edges.map((edge) => edge.cursor);
    expect(cursors(light)).toEqual(cursors(heavy));
    expect((light.data as { systems: { pageInfo: { endCursor: string } } }).systems.pageInfo.endCursor).toBe(cursors(light).at(-1));
  });
});
