// Child connections of the security and supervision subgraphs page in SQL (issue 14) through the
// gateway: a page of parents with one child each costs the subgraph the same statements, and no
// row more than the pages and one a parent with more, however many children there are; walking
// one parent's list a child a page gives the same children, in the same order, as one long page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';
import { copyChildren, type ChildPage } from '../setup/child-pages';
import { copyAffectedIncidentsSql } from '../setup/incident-copies';
import { startStack, type GraphQLResult, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const PAGE = `totalCount edges { node { id } } pageInfo { hasNextPage endCursor }`;

interface ChildList {
  /** The subgraph that serves the list. */
  subgraph: SubgraphName;
  /** The root list of parents (`providers`, `systems`) and the parent's by-id field (`provider`, `system`). */
  parents: 'providers' | 'systems';
  byId: 'provider' | 'system';
  field: string;
  /** More children under the same parents: the table and the columns a copy must change. */
  grow: { table: string; changed?: string; where?: string } | { sql: string };
}

/** The pages of `field` (first: 1) under a page of parents, and what they cost the list's subgraph. */
async function cost(list: ChildList) {
  const counter = sqlCounterOf(stack.dataSources[list.subgraph]);
  counter.reset();
  const result = await stack.query<Record<string, { edges: Array<{ node: { children: ChildPage } }> }>>(
    bureau,
    `{ ${list.parents}(first: 100) { edges { node { id children: ${list.field}(first: 1) { ${PAGE} } } } } }`,
  );
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  const pages = result.data![list.parents]!.edges.map((edge) => edge.node.children);
  return {
    statements: counter.count,
    rows: counter.rows,
    returned: pages.reduce((sum, page) => sum + page.edges.length, 0),
    more: pages.filter((page) => page.totalCount > page.edges.length).length,
    total: pages.reduce((sum, page) => sum + page.totalCount, 0),
    busiest: pages.reduce((best, page, index) => (page.totalCount > best.count ? { index, count: page.totalCount } : best), {
      index: -1,
      count: 0,
    }),
    ids: result.data![list.parents]!.edges.map((edge) => (edge.node as unknown as { id: string }).id),
  };
}

/** One parent's children a page at a time, through the parent's by-id field. */
async function walk(list: ChildList, parentId: string, size: number): Promise<{ ids: string[]; totalCount: number }> {
  const ids: string[] = [];
  let after: string | null = null;
  let totalCount = 0;
  for (let guard = 0; guard < 500; guard++) {
    const result: GraphQLResult<Record<string, { children: ChildPage }>> = await stack.query<Record<string, { children: ChildPage }>>(
      bureau,
      `query ($id: ID!, $first: Int, $after: String) { ${list.byId}(id: $id) { children: ${list.field}(first: $first, after: $after) { ${PAGE} } } }`,
      { id: parentId, first: size, after },
    );
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    const page: ChildPage = result.data![list.byId]!.children;
    totalCount = page.totalCount;
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo!.hasNextPage) break;
    after = page.pageInfo!.endCursor;
  }
  return { ids, totalCount };
}

const LISTS: ChildList[] = [
  {
    subgraph: 'security',
    parents: 'providers',
    byId: 'provider',
    field: 'openRectifications',
    grow: { table: 'security.inspection_finding', changed: `'seq', t.seq + 100 * g`, where: `t.status <> 'CLOSED'` },
  },
  {
    subgraph: 'security',
    parents: 'systems',
    byId: 'system',
    field: 'openRectifications',
    grow: { table: 'security.inspection_finding', changed: `'seq', t.seq + 1000 * g`, where: `t.status <> 'CLOSED'` },
  },
  {
    subgraph: 'supervision',
    parents: 'providers',
    byId: 'provider',
    field: 'evaluations',
    grow: { table: 'supervision.provider_evaluation', changed: `'year', t.year + 10 * g` },
  },
  {
    subgraph: 'security',
    parents: 'providers',
    byId: 'provider',
    field: 'securityIncidents',
    grow: { table: 'security.security_incident' },
  },
  {
    subgraph: 'security',
    parents: 'providers',
    byId: 'provider',
    field: 'disasterRecoveryDrills',
    grow: { table: 'security.disaster_recovery_drill' },
  },
  {
    subgraph: 'security',
    parents: 'systems',
    byId: 'system',
    field: 'securityIncidents',
    // Two copies of every affected system's incidents, linked to it.
    grow: { sql: copyAffectedIncidentsSql(2) },
  },
  {
    subgraph: 'security',
    parents: 'providers',
    byId: 'provider',
    field: 'securityBulletins',
    grow: { table: 'security.security_bulletin', changed: `'number', t.number || '-a' || g` },
  },
  {
    subgraph: 'security',
    parents: 'providers',
    byId: 'provider',
    field: 'unacknowledgedSecurityBulletins',
    grow: { table: 'security.security_bulletin', changed: `'number', t.number || '-b' || g` },
  },
];

describe('security and supervision child lists page in SQL through the gateway', () => {
  it.each(LISTS.map((list) => [`${list.parents}.${list.field}`, list] as const))('%s', async (_, list) => {
    const before = await cost(list);
    expect(before.total).toBeGreaterThan(0);
    if ('sql' in list.grow) await stack.asOwner(list.grow.sql);
    else await copyChildren(stack, list.grow.table, 2, list.grow.changed, list.grow.where);
    const grown = await cost(list);
    expect(grown.statements).toBe(before.statements);
    expect(grown.total).toBeGreaterThan(before.total);
    expect(grown.rows).toBe(grown.returned + grown.more);

    const parentId = grown.ids[grown.busiest.index]!;
    const long = await walk(list, parentId, 100);
    expect(long.ids.length).toBe(grown.busiest.count);
    expect(await walk(list, parentId, 1)).toEqual(long);
  });
});

describe('utilisation lists page in SQL through the gateway', () => {
  it('leastUsedSystems: a page of two costs supervision one statement and three rows; walked two a page, the same systems in the same order', async () => {
    const LEAST = `query ($first: Int, $after: String) { leastUsedSystems(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { usageScore system { id } } } } }`;
    type Least = {
      leastUsedSystems: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: Array<{ node: { system: { id: string } } }>;
      };
    };
    const counter = sqlCounterOf(stack.dataSources.supervision);
    const walked: string[] = [];
    let after: string | null = null;
    for (let guard = 0; guard < 200; guard++) {
      counter.reset();
      const result: GraphQLResult<Least> = await stack.query<Least>(bureau, LEAST, { first: 2, after });
      expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
      const page = result.data!.leastUsedSystems;
      expect(counter.count).toBe(1);
      expect(counter.rows).toBeLessThanOrEqual(3);
      walked.push(...page.edges.map((edge) => edge.node.system.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    const whole = await stack.query<Least>(bureau, LEAST, { first: 100 });
    expect(whole.errors).toBeUndefined();
    expect(walked.length).toBeGreaterThan(2);
    expect(walked).toEqual(whole.data!.leastUsedSystems.edges.map((edge) => edge.node.system.id));
  });
});
