// Lists people can use (issue 12), through the gateway: a county portal asks for its applications
// submitted in November 2026, newest first, in one query (operations/county/applications-submitted);
// paging a filtered, ordered list returns every row once; a malformed id is BAD_USER_INPUT.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CountyApplicationsSubmittedDocument } from '../../operations/generated/graphql';
import { expectGatewayCode } from '../setup/gateway-assertions';
import { startStack, type GraphQLResult, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;
let county: string;

const BINCHENG = '371602';
const NOVEMBER = { submittedFrom: '2026-11-01', submittedTo: '2026-11-30' };

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
  county = await stack.token({ role: 'COUNTY_AUTHORITY', region: BINCHENG });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

interface Listed {
  applications: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string };
    edges: Array<{ node: { id: string; submittedOn: string } }>;
  };
}

const inNovember = (day: string | null) => day !== null && day >= NOVEMBER.submittedFrom && day <= NOVEMBER.submittedTo;

describe('lists: filter, order and keyset paging through the gateway', () => {
  it("gives a county portal 371602's applications submitted in November 2026, newest first, in one query", async () => {
    const result = await stack.query(county, CountyApplicationsSubmittedDocument, { regionCode: BINCHENG, ...NOVEMBER, first: 100 });
    expect(result.errors).toBeUndefined();
    const expected = stack.world.applications.filter(
      (application) => application.regionCode === BINCHENG && inNovember(application.submittedOn),
    );
    expect(expected.length).toBeGreaterThan(0);
    const nodes = result.data!.applications!.edges.map((edge) => edge.node);
    expect(nodes.map((node) => node.id).sort()).toEqual(expected.map((application) => application.id).sort());
    expect(result.data!.applications!.totalCount).toBe(expected.length);
    const days = nodes.map((node) => new Date(node.submittedOn!).getTime());
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it('pages the city’s November applications newest first two at a time, every row once and in order', async () => {
    const expected = stack.world.applications.filter((application) => inNovember(application.submittedOn));
    expect(expected.length).toBeGreaterThan(4);
    const seen: Array<{ id: string; submittedOn: string }> = [];
    let after: string | null = null;
    const LIST = `query ($after: String) {
      applications(first: 2, after: $after, filter: { submittedFrom: "2026-11-01", submittedTo: "2026-11-30" }, orderBy: { field: SUBMITTED_AT, direction: DESC }) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id submittedOn } }
      }
    }`;
    for (;;) {
      const result: GraphQLResult<Listed> = await stack.query<Listed>(bureau, LIST, { after });
      expect(result.errors).toBeUndefined();
      expect(result.data!.applications.totalCount).toBe(expected.length);
      seen.push(...result.data!.applications.edges.map((edge) => edge.node));
      if (!result.data!.applications.pageInfo.hasNextPage) break;
      after = result.data!.applications.pageInfo.endCursor;
    }
    expect(seen.map((row) => row.id).sort()).toEqual(expected.map((application) => application.id).sort());
    expect(new Set(seen.map((row) => row.id)).size).toBe(seen.length);
    const days = seen.map((row) => new Date(row.submittedOn).getTime());
    expect(days).toEqual([...days].sort((a, b) => b - a));
  });

  it('answers a malformed id in a filter or a lookup with BAD_USER_INPUT', async () => {
    for (const [query, variables] of [
      [`query ($id: ID) { applications(filter: { unitId: $id }) { totalCount } }`, { id: 'U-371602-001' }],
      [`query ($id: ID) { applications(filter: { providerId: $id }) { totalCount } }`, { id: 'not-a-uuid' }],
      [`query ($id: ID!) { application(id: $id) { id } }`, { id: 'A-2026-0001' }],
    ] as const) {
      const result = await stack.query(county, query, variables);
      expectGatewayCode(result, 'BAD_USER_INPUT');
    }
  });
});
