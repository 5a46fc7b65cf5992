import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, world } from '../../setup/principals';

// Child connections page in SQL (issue 14): a system's access grants (and security agreements, on the same kit), and an
// inspection's findings, cost the same statements however many parents and children there are, and
// load at most one row more than each parent's page.

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('security', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Page {
  totalCount: number;
  edges: Array<{ node: { id: string } }>;
}

const PAGE = '(first: 1) { totalCount edges { node { id } } }';
const SYSTEMS = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on InformationSystem { id grants: accessGrants${PAGE} }
  }
}`;
const FINDINGS = `{ securityInspections(first: 100) { edges { node { id findings${PAGE} } } } }`;

async function measured<T>(query: string, variables: Record<string, unknown>, pagesOf: (data: T) => Page[]) {
  const counter = sqlCounterOf(subgraph.dataSource);
  counter.reset();
  const result = await subgraph.query<T>(bureau, query, variables);
  expect(result.errors).toBeUndefined();
  const pages = pagesOf(result.data!);
  return {
    statements: counter.count,
    rows: counter.rows,
    returned: pages.reduce((sum, page) => sum + page.edges.length, 0),
    total: pages.reduce((sum, page) => sum + page.totalCount, 0),
    parents: pages.length,
  };
}

type Systems = { _entities: Array<{ grants: Page } | null> };
type Inspections = { securityInspections: { edges: Array<{ node: { findings: Page } }> } };

const systems = (count: number) =>
  measured<Systems>(
    SYSTEMS,
    { representations: world.systems.slice(0, count).map((system) => ({ __typename: 'InformationSystem', id: system.id })) },
    (data) => data._entities.flatMap((entity) => (entity ? [entity.grants] : [])),
  );
const inspections = () => measured<Inspections>(FINDINGS, {}, (data) => data.securityInspections.edges.map((edge) => edge.node.findings));

/** `copies` more rows of each child table under the same parents (new ids and numbers). */
async function grow(copies: number): Promise<void> {
  for (const [table, changed] of [
    ['access_grant', `'staff_account', t.staff_account || '-G' || g`],
    ['inspection_finding', `'seq', t.seq + 100 * g`],
  ] as const) {
    await subgraph.asOwner(`
      INSERT INTO security.${table}
      SELECT (jsonb_populate_record(NULL::security.${table}, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(), ${changed}))).*
      FROM security.${table} t, generate_series(1, ${copies}) g`);
  }
}

describe('security child connections page in SQL', () => {
  it('runs the same statements for 3 systems as for all, and after their children grow; loads at most first + 1 rows a parent', async () => {
    const few = await systems(3);
    const all = await systems(world.systems.length);
    const findings = await inspections();
    expect(all.statements).toBe(few.statements);
    await grow(3);
    const grown = await systems(world.systems.length);
    const grownFindings = await inspections();
    expect(grown.statements).toBe(all.statements);
    expect(grownFindings.statements).toBe(findings.statements);
    expect(grown.total).toBe(all.total * 4);
    expect(grownFindings.total).toBe(findings.total * 4);
    // Each page, one more row a page, and the systems (or inspections) themselves.
    expect(grown.rows).toBeLessThanOrEqual(grown.returned + grown.parents + world.systems.length);
    expect(grownFindings.rows).toBeLessThanOrEqual(grownFindings.returned + 2 * grownFindings.parents + 1);
  });
});
