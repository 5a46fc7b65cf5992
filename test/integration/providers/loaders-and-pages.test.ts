// Batching (constant SQL per request, however many entities) and Relay pagination.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BUREAU, CMCC, county, expectErrorCode, expectNoErrors, world } from './helpers';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const ENTITIES = `query($r: [_Any!]!) { _entities(representations: $r) {
  ... on Provider { id name qualificationStatus }
  ... on BasicCatalogEntry { id priceCapYuan provider { name } serviceItem { name } }
} }`;

/** A candidate Provider (no catalog), then basic-catalog entries: `size` representations in all. */
function representations(size: number) {
  const entries = world.basicCatalog.map((entry) => ({ __typename: 'BasicCatalogEntry', id: entry.id }));
  const list: Array<{ __typename: string; id: string }> = [{ __typename: 'Provider', id: CMCC }];
  for (let i = 0; list.length < size; i++) list.push(entries[i % entries.length]!);
  return list;
}

async function statementsFor(principal = BUREAU, query: string, variables?: Record<string, unknown>) {
  const counter = sqlCounterOf(subgraph.dataSource);
  counter.reset();
  const result = await subgraph.query(principal, query, variables);
  expectNoErrors(result);
  return { count: counter.count, statements: [...counter.statements], result };
}

describe('loaders', () => {
  it('_entities for 100 Provider/BasicCatalogEntry representations runs a few SQL statements, the same as for 10', async () => {
    const ten = await statementsFor(BUREAU, ENTITIES, { r: representations(10) });
    const hundred = await statementsFor(BUREAU, ENTITIES, { r: representations(100) });
    expect(hundred.count, hundred.statements.join('\n')).toBeLessThanOrEqual(5);
    expect(hundred.count).toBe(ten.count);

    const resolved = (hundred.result.data as { _entities: Array<Record<string, unknown>> })._entities;
    expect(resolved).toHaveLength(100);
    expect(resolved[0]).toMatchObject({ id: CMCC, qualificationStatus: 'INCOMPLETE' });
    const first = world.basicCatalog[0]!;
    const item = world.serviceItems.find((i) => i.code === first.serviceItemCode)!;
    const owner = world.providers.find((p) => p.id === first.providerId)!;
    expect(resolved[1]).toEqual({
      id: first.id,
      priceCapYuan: first.priceCapYuan,
      provider: { name: owner.name },
      serviceItem: { name: item.name },
    });
  });

  it('unknown and malformed representations resolve to null without failing the batch', async () => {
    const { result } = await statementsFor(BUREAU, ENTITIES, {
      r: [
        { __typename: 'BasicCatalogEntry', id: 'not-a-uuid' },
        { __typename: 'Provider', id: '00000000-0000-5000-8000-000000000000' },
        { __typename: 'Provider', id: CMCC },
      ],
    });
    expect((result.data as { _entities: unknown[] })._entities).toEqual([
      null,
      null,
      { id: CMCC, name: world.providers.find((p) => p.id === CMCC)!.name, qualificationStatus: 'INCOMPLETE' },
    ]);
  });

  it('a page of providers with their catalogs, items, histories and agreements costs the same SQL for 2 or 4 providers', async () => {
    const query = `query($first: Int) { providers(first: $first) { edges { node {
      basicCatalog(first: 100) { edges { node { serviceItem { name } capHistory { totalCount } } } }
      supplementaryCatalog { totalCount } agreements(first: 100) { edges { node { cityAgreement { number } } } } currentExit { id }
    } } } }`;
    // Two, not one: the first provider in code order is a candidate with nothing nested to load.
    const two = await statementsFor(county('371602'), query, { first: 2 });
    const four = await statementsFor(county('371602'), query, { first: 4 });
    expect(four.count, four.statements.join('\n')).toBeLessThanOrEqual(8);
    expect(four.count).toBe(two.count);
  });
});

describe('pagination', () => {
  type Page = {
    edges: Array<{ cursor: string; node: { code: string } }>;
    pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
    totalCount: number;
  };

  it('providers page by first/after in code order with totalCount and hasNextPage', async () => {
    const query = `query($after: String) { providers(first: 3, after: $after) { edges { cursor node { code } } pageInfo { hasNextPage hasPreviousPage endCursor } totalCount } }`;
    const first = (await subgraph.query<{ providers: Page }>(BUREAU, query)).data!.providers;
    expect(first.edges).toHaveLength(3);
    expect(first.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: false });
    expect(first.totalCount).toBe(world.providers.length);
    const second = (await subgraph.query<{ providers: Page }>(BUREAU, query, { after: first.pageInfo.endCursor })).data!.providers;
    expect(second.edges).toHaveLength(world.providers.length - 3);
    expect(second.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const codes = [...first.edges, ...second.edges].map((e) => e.node.code);
    expect(codes).toEqual(world.providers.map((p) => p.code).sort());
  });

  it('service items page through every item exactly once, filtered by category', async () => {
    const query = `query($after: String, $category: ServiceCategory) { serviceItems(first: 7, after: $after, category: $category) { edges { node { code } } pageInfo { hasNextPage endCursor } totalCount } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 10; guard++) {
      const page: Page = (await subgraph.query<{ serviceItems: Page }>(BUREAU, query, { after })).data!.serviceItems;
      expect(page.totalCount).toBe(world.serviceItems.length);
      seen.push(...page.edges.map((e) => e.node.code));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(world.serviceItems.map((i) => i.code).sort());
    const security = (await subgraph.query<{ serviceItems: Page }>(BUREAU, query, { category: 'SECURITY' })).data!.serviceItems;
    expect(security.totalCount).toBe(world.serviceItems.filter((i) => i.category === 'SECURITY').length);
  });

  it('a nested catalog pages too', async () => {
    const query = `query($id: ID!, $after: String) { provider(id: $id) { basicCatalog(first: 10, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } totalCount } } }`;
    const inspur = world.providers.find((p) => p.code === 'P-INSPUR')!.id;
    type Nested = {
      provider: {
        basicCatalog: { edges: Array<{ node: { id: string } }>; pageInfo: { hasNextPage: boolean; endCursor: string }; totalCount: number };
      };
    };
    const first = (await subgraph.query<Nested>(BUREAU, query, { id: inspur })).data!.provider.basicCatalog;
    const second = (await subgraph.query<Nested>(BUREAU, query, { id: inspur, after: first.pageInfo.endCursor })).data!.provider
      .basicCatalog;
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(new Set([...first.edges, ...second.edges].map((e) => e.node.id)).size).toBe(20);
  });

  it('a bad cursor or page size is BAD_USER_INPUT', async () => {
    expectErrorCode(await subgraph.query(BUREAU, `{ providers(after: "garbage") { totalCount } }`), 'BAD_USER_INPUT');
    expectErrorCode(await subgraph.query(BUREAU, `{ serviceItems(after: "bm90LWpzb24") { totalCount } }`), 'BAD_USER_INPUT');
    expectErrorCode(await subgraph.query(BUREAU, `{ providers(first: 101) { totalCount } }`), 'BAD_USER_INPUT');
    expectErrorCode(
      await subgraph.query(BUREAU, `{ provider(id: "${CMCC}") { basicCatalog(after: "garbage") { totalCount } } }`),
      'BAD_USER_INPUT',
    );
  });
});
