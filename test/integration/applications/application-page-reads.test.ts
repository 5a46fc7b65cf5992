// A county portal's page of applications (operations/county/application-list.graphql, issue 14):
// plain rows with the selected columns, each application's unit and system joined in the page's own
// statement within what the principal sees (lifecycle/application-fields.ts). Whatever the page
// joined, an Application reference (the gateway's `_entities`, read as a whole entity with its unit
// and system loaded by id) must show the same.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { BINCHENG, countyAuthority, oneOfEachScope } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

// Every field APPLICATION_FIELDS maps, the unit's and the system's fields the county page reads and
// more, and a field it does not map (materials) in the last query: that page reads whole rows.
const FIELDS = `id number kind status version submittedOn filedOn decidedOn rejectionReason createdAt procuredOn goLiveOn
  decisionDeadline { date estimated } decisionOverdue testPeriod { startedOn endedOn }
  testEnvironmentDueOn testEnvironmentOverdue legacyShutdownDue terminationReportedOn terminationReason terminatedOn
  priceAboveCapSince region { code } provider { id }
  unit { id code name region { code } contactName }
  system { id code name deploymentMode goLiveOn region { code } owner { name } }`;

type Node = Record<string, unknown> & { id: string };

async function pageAndReferences(principal: Parameters<SubgraphForTest['query']>[0], fields: string) {
  const page = await subgraph.query<{ applications: { edges: Array<{ node: Node }> } }>(
    principal,
    `{ applications(first: 100) { edges { node { ${fields} } } } }`,
  );
  expect(page.errors).toBeUndefined();
  const nodes = page.data!.applications.edges.map((edge) => edge.node);
  const references = await subgraph.query<{ _entities: Node[] }>(
    principal,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on Application { ${fields} } } }`,
    { representations: nodes.map((node) => ({ __typename: 'Application', id: node.id })) },
  );
  expect(references.errors).toBeUndefined();
  return { nodes, references: references.data!._entities };
}

describe('a page of applications', () => {
  it.each(oneOfEachScope())('shows %s what its applications show one by one, units and systems included', async (_, principal) => {
    const { nodes, references } = await pageAndReferences(principal, FIELDS);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes).toEqual(references);
  });

  it('with a field the page does not map, still shows what the applications show one by one', async () => {
    const { nodes, references } = await pageAndReferences(countyAuthority(BINCHENG), `${FIELDS} materials { kind }`);
    expect(nodes.length).toBeGreaterThan(0);
    expect(nodes).toEqual(references);
  });

  it('reads the county page, units and systems included, in two statements (the page with its joins, the count)', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    counter.reset();
    const result = await subgraph.query(
      countyAuthority(BINCHENG),
      `{ applications(first: 50) { totalCount pageInfo { hasNextPage endCursor }
          edges { node { id number kind status version submittedOn filedOn unit { id name } system { id code name } provider { id } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(counter.count).toBe(2);
  });
});
