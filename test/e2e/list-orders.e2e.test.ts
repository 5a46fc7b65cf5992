// Lists people can use (issue 12), through the gateway: a county portal pages its systems newest
// go-live first, two at a time, and gets every system once in order (第三条、第十四条); a cursor of
// another order is BAD_USER_INPUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectGatewayCode } from '../setup/gateway-assertions';
import { startStack, type GraphQLResult, type Stack } from '../setup/stack';

let stack: Stack;
let county: string;

const BINCHENG = '371602';

beforeAll(async () => {
  stack = await startStack({ seed: true });
  county = await stack.token({ role: 'COUNTY_AUTHORITY', region: BINCHENG });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

interface SystemsPage {
  systems: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: Array<{ node: { id: string; goLiveOn: string | null } }>;
  };
}

const SYSTEMS = `query ($after: String, $orderBy: SystemOrder) {
  systems(first: 2, after: $after, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id goLiveOn } }
  }
}`;

describe('list orders through the gateway', () => {
  it('pages a county’s systems by go-live day, newest first and not yet live last, every system once', async () => {
    const expected = stack.world.systems.filter((system) => system.regionCode === BINCHENG);
    expect(expected.some((system) => system.goLiveOn === null)).toBe(true);
    const seen: Array<{ id: string; goLiveOn: string | null }> = [];
    let after: string | null = null;
    for (;;) {
      const result: GraphQLResult<SystemsPage> = await stack.query<SystemsPage>(county, SYSTEMS, {
        after,
        orderBy: { field: 'GO_LIVE_ON', direction: 'DESC' },
      });
      expect(result.errors).toBeUndefined();
      expect(result.data!.systems.totalCount).toBe(expected.length);
      seen.push(...result.data!.systems.edges.map((edge) => edge.node));
      if (!result.data!.systems.pageInfo.hasNextPage) break;
      after = result.data!.systems.pageInfo.endCursor;
    }
    expect(seen.map((row) => row.id).sort()).toEqual(expected.map((system) => system.id).sort());
    const live = seen.filter((row) => row.goLiveOn !== null).map((row) => row.goLiveOn!);
    expect(live).toEqual([...live].sort().reverse());
    expect(seen.slice(live.length).every((row) => row.goLiveOn === null)).toBe(true);
  });

  it('refuses a cursor of another order with BAD_USER_INPUT', async () => {
    const first = await stack.query<SystemsPage>(county, SYSTEMS, { orderBy: { field: 'GO_LIVE_ON', direction: 'DESC' } });
    const result = await stack.query(county, SYSTEMS, {
      after: first.data!.systems.pageInfo.endCursor,
      orderBy: { field: 'NAME', direction: 'DESC' },
    });
    expectGatewayCode(result, 'BAD_USER_INPUT');
  });
});
