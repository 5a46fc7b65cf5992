// The city dashboard's reads in applications (issue 14, test/bench/operations.ts): its two fetches
// here read plain rows with only the selected columns (kit/plain-rows.ts); the answer is what the
// tables hold, in the same few statements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { regionByCode } from '../../../subgraphs/kit/regions';
import { bureau, oneOfEachScope, world } from '../../setup/principals';
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
  it('systems(first: 100) with owners and hosting providers: the tables’ rows in two statements (the page with its owners joined, the count)', async () => {
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
    expect(statements).toBe(2);
  });

  it('Provider.hostedSystems(first: 50) with owners for every provider: the tables’ rows in one statement (the pages with their counts and owners joined)', async () => {
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
    expect(statements).toBe(1);
  });

  // The lists join each system's owner within the units the principal sees (system-owners.ts
  // systemJoins); an InformationSystem reference loads it on its own. Both must give the same owner.
  it.each(oneOfEachScope())('the owners a list joins are those %s would load one by one', async (_, principal) => {
    const owner = 'owner { id code name region { code } }';
    const list = await subgraph.query<{ systems: { edges: Array<{ node: { id: string; owner: unknown } }> } }>(
      principal,
      `{ systems(first: 100) { edges { node { id ${owner} } } } }`,
    );
    expect(list.errors).toBeUndefined();
    const systems = list.data!.systems.edges.map((edge) => edge.node);
    expect(systems.length).toBeGreaterThan(0);
    const loaded = await subgraph.query<{ _entities: Array<{ id: string; owner: unknown }> }>(
      principal,
      `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on InformationSystem { id ${owner} } } }`,
      { representations: systems.map((system) => ({ __typename: 'InformationSystem', id: system.id })) },
    );
    expect(loaded.errors).toBeUndefined();
    expect(systems).toEqual(loaded.data!._entities);
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
