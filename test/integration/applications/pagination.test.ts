import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type GraphQLResult, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, unitWithSystems, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { id: string; code: string } }>;
}

const SYSTEMS_PAGE = `query ($after: String) {
  systems(first: 17, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id code } } }
}`;

describe('applications pagination', () => {
  it('walks every system once, in code order, page by page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const result: GraphQLResult<{ systems: Page }> = await subgraph.query<{ systems: Page }>(bureau, SYSTEMS_PAGE, { after });
      expect(result.errors).toBeUndefined();
      const page: Page = result.data!.systems;
      expect(page.totalCount).toBe(world.systems.length);
      seen.push(...page.edges.map((edge) => edge.node.code));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(pages).toBe(Math.ceil(world.systems.length / 17));
    expect(seen).toEqual(world.systems.map((system) => system.code).sort());
  });

  it('pages a unit’s systems through its nested connection', async () => {
    const unit = unitWithSystems('371600', 3);
    const query = `query ($id: ID!, $after: String) { unit(id: $id) { systems(first: 2, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id code } } } } }`;
    const first = await subgraph.query<{ unit: { systems: Page } }>(bureau, query, { id: unit.id });
    const firstPage = first.data!.unit.systems;
    expect(firstPage.edges).toHaveLength(2);
    expect(firstPage.pageInfo.hasNextPage).toBe(true);
    const second = await subgraph.query<{ unit: { systems: Page } }>(bureau, query, { id: unit.id, after: firstPage.pageInfo.endCursor });
    const codes = [...firstPage.edges, ...second.data!.unit.systems.edges].map((edge) => edge.node.code);
    const expected = world.systems
      .filter((system) => system.unitId === unit.id)
      .map((system) => system.code)
      .sort();
    expect(codes).toEqual(expected.slice(0, codes.length));
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('filters applications by status', async () => {
    const result = await subgraph.query<{ applications: { totalCount: number; edges: Array<{ node: { status: string } }> } }>(
      bureau,
      `{ applications(status: REJECTED, first: 100) { totalCount edges { node { status rejectionReason } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.applications.totalCount).toBe(world.applications.filter((application) => application.state === 'REJECTED').length);
    expect(result.data!.applications.edges.every((edge) => edge.node.status === 'REJECTED')).toBe(true);
  });

  it('rejects a page size above 100 and a forged cursor with BAD_USER_INPUT', async () => {
    const tooMany = await subgraph.query(bureau, `{ units(first: 101) { totalCount } }`);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const forged = await subgraph.query(bureau, `{ units(after: "not-a-cursor") { totalCount } }`);
    expect(forged.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
