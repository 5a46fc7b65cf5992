import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, world } from '../../setup/principals';

// flaggedSystems and leastUsedSystems (第十六条、第二十五条) page in SQL (issue 14): the flag and the
// usage score are computed in the list's statement, which returns the page and one row more; every
// system's flag there is the one utilisation.rules.ts gives it (InformationSystem.utilisationEvaluation),
// and the order is the one the lists had (usage score ascending, then id).

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Node {
  flag: string;
  usageScore: number | null;
  system: { id: string };
}
const NODE = 'flag usageScore system { id }';
const FLAGGED = `query ($flag: UtilisationFlag, $first: Int, $after: String) {
  flaggedSystems(flag: $flag, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${NODE} } } } }`;
const LEAST = `query ($first: Int, $after: String) {
  leastUsedSystems(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { ${NODE} } } } }`;

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: Node }>;
}

/** Every page of a list, `size` a page: the nodes in order and the statements of each page. */
async function pageThrough(query: string, field: string, variables: Record<string, unknown>, size: number) {
  const counter = sqlCounterOf(subgraph.dataSource);
  const nodes: Node[] = [];
  const statements: number[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    counter.reset();
    const result: { data?: Record<string, Page> | null; errors?: unknown } = await subgraph.query<Record<string, Page>>(bureau, query, {
      ...variables,
      first: size,
      after,
    });
    expect(result.errors).toBeUndefined();
    statements.push(counter.count);
    const page = result.data![field]!;
    nodes.push(...page.edges.map((edge) => edge.node));
    expect(nodes.length <= page.totalCount).toBe(true);
    if (!page.pageInfo.hasNextPage) {
      expect(nodes.length).toBe(page.totalCount);
      break;
    }
    after = page.pageInfo.endCursor;
  }
  return { nodes, statements };
}

/** Every system's evaluation as the rule in TypeScript gives it, one batched request. */
async function evaluations(): Promise<Node[]> {
  const result = await subgraph.query<{ _entities: Array<{ utilisationEvaluation: Node }> }>(
    bureau,
    `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on InformationSystem { utilisationEvaluation { ${NODE} } } } }`,
    { representations: world.systems.map((system) => ({ __typename: 'InformationSystem', id: system.id })) },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities.map((entity) => entity.utilisationEvaluation);
}

/** The lists' order: usage score ascending as text ("012.50"), no score last, then id. */
const byScore = (a: Node, b: Node) => {
  const text = (node: Node) => (node.usageScore === null ? '~' : node.usageScore.toFixed(2).padStart(6, '0'));
  return text(a) < text(b) ? -1 : text(a) > text(b) ? 1 : a.system.id < b.system.id ? -1 : a.system.id > b.system.id ? 1 : 0;
};

describe('utilisation lists page in SQL', () => {
  it('list, a page at a time, every system the rule flags so, in score order', async () => {
    const all = await evaluations();
    // Only systems on the cloud during the period are listed (not exempt, not retired before it).
    const listed = new Set(
      (
        (await subgraph.dataSource.query(
          `SELECT system_id FROM supervision.system_fact WHERE deployment_mode <> 'EXEMPT' AND (retired_on IS NULL OR retired_on >= (now() AT TIME ZONE 'Asia/Shanghai')::date - 29)`,
        )) as Array<{
          system_id: string;
        }>
      ).map((row) => row.system_id),
    );
    const inList = all.filter((node) => listed.has(node.system.id));
    for (const flag of ['IDLE', 'UNDER_USED', 'NORMAL', 'EXCLUDED', 'NO_DATA']) {
      const expected = inList.filter((node) => node.flag === flag).sort(byScore);
      const paged = await pageThrough(FLAGGED, 'flaggedSystems', { flag }, 3);
      expect(
        paged.nodes.map((node) => [node.system.id, node.flag]),
        flag,
      ).toEqual(expected.map((node) => [node.system.id, node.flag]));
      expect(new Set(paged.statements).size, flag).toBe(1);
    }
    const ranked = inList.filter((node) => node.flag !== 'EXCLUDED' && node.flag !== 'NO_DATA').sort(byScore);
    expect(ranked.length).toBeGreaterThan(3);
    const least = await pageThrough(LEAST, 'leastUsedSystems', {}, 3);
    expect(least.nodes.map((node) => node.system.id)).toEqual(ranked.map((node) => node.system.id));
  });

  it('cost one statement and first + 1 rows, whatever the page size', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const cost = async (first: number) => {
      counter.reset();
      const result = await subgraph.query<{ leastUsedSystems: { edges: unknown[] } }>(bureau, LEAST, { first });
      expect(result.errors).toBeUndefined();
      return { statements: counter.count, rows: counter.rows, returned: result.data!.leastUsedSystems.edges.length };
    };
    const two = await cost(2);
    const fifty = await cost(50);
    expect(two.statements).toBe(1);
    expect(fifty.statements).toBe(1);
    expect(two.returned).toBe(2);
    expect(two.rows).toBe(3);
    expect(fifty.rows).toBeLessThanOrEqual(fifty.returned + 1);
  });
});
