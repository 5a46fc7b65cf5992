// Child lists paged in SQL (issue 14), through the gateway on a seeded stack: each list walked page
// by page gives every child once, in the order of the whole list (and of the root list where there
// is one), with the same SQL statements in its subgraph for every page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SubgraphName } from '../../subgraphs/kit/schema-files';
import { sqlCounterOf } from '../../subgraphs/kit/data-source';
import { startStack, type Stack } from '../setup/stack';

let stack: Stack;
let bureau: string;

beforeAll(async () => {
  stack = await startStack({ seed: true });
  bureau = await stack.token({ role: 'BUREAU' });
}, 120_000);
afterAll(async () => {
  await stack?.stop();
});

const PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { node { id } }';

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: { id: string } }>;
}

/**
 * Walks one list through the gateway, `size` a page (`query` takes `$first` and `$after`): its node
 * ids and the statements `subgraph` ran for each page.
 */
async function walk<T>(subgraph: SubgraphName, query: string, variables: Record<string, unknown>, pick: (data: T) => Page, size: number) {
  const counter = sqlCounterOf(stack.dataSources[subgraph]);
  const ids: string[] = [];
  const statements: number[] = [];
  let after: string | null = null;
  for (let guard = 0; guard < 200; guard++) {
    counter.reset();
    const result = await stack.query<T>(bureau, query, { ...variables, first: size, after });
    expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
    statements.push(counter.count);
    const page = pick(result.data!);
    ids.push(...page.edges.map((edge) => edge.node.id));
    if (!page.pageInfo.hasNextPage) {
      expect(ids.length).toBe(page.totalCount);
      break;
    }
    after = page.pageInfo.endCursor;
  }
  expect(new Set(ids).size, 'a node appeared on two pages').toBe(ids.length);
  return { ids, statements };
}

/** The list walked 2 a page equals the list in one page, and every page after the first costs the same statements. */
async function expectWalkMatchesWhole<T>(
  subgraph: SubgraphName,
  query: string,
  variables: Record<string, unknown>,
  pick: (data: T) => Page,
) {
  const paged = await walk(subgraph, query, variables, pick, 2);
  const whole = await walk(subgraph, query, variables, pick, 100);
  expect(paged.ids.length, 'a list of more than one page').toBeGreaterThan(2);
  expect(paged.ids).toEqual(whole.ids);
  expect(new Set(paged.statements.slice(1)).size, `statements per page ${paged.statements.join(', ')}`).toBe(1);
  return paged.ids;
}

describe('child lists through the gateway, page by page', () => {
  it('Unit.offCloudSystems (第三条, ON_CLOUD): newest first, as offCloudSystems(filter: { unitId }) lists them', async () => {
    const unitId = stack.world.units.find((unit) => unit.regionCode === '371602')!.id;
    await stack.asOwner(`
      INSERT INTO applications.off_cloud_system
      SELECT (jsonb_populate_record(NULL::applications.off_cloud_system, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'unit_id', '${unitId}', 'region_code', '371602')
        || CASE WHEN g > 2 THEN jsonb_build_object('registered_at', t.registered_at + interval '1 day' * g) ELSE '{}' END)).*
      FROM applications.off_cloud_system t, generate_series(1, 4) g`);
    const walked = await expectWalkMatchesWhole<{ unit: { offCloudSystems: Page } }>(
      'applications',
      `query ($id: ID!, $first: Int!, $after: String) { unit(id: $id) { offCloudSystems(first: $first, after: $after) { ${PAGE} } } }`,
      { id: unitId },
      (data) => data.unit.offCloudSystems,
    );
    const listed = await walk<{ offCloudSystems: Page }>(
      'applications',
      `query ($unitId: ID!, $first: Int!, $after: String) { offCloudSystems(first: $first, after: $after, filter: { unitId: $unitId }) { ${PAGE} } }`,
      { unitId },
      (data) => data.offCloudSystems,
      100,
    );
    expect(walked).toEqual(listed.ids);
  });

  it('Application.resourceLines (第十一条、第十五条): the lines in force by position', async () => {
    const application = stack.world.applications.find((candidate) => candidate.goLiveOn)!;
    await stack.asOwner(`
      INSERT INTO applications.application_resource_line
      SELECT (jsonb_populate_record(NULL::applications.application_resource_line, to_jsonb(t) || jsonb_build_object(
        'id', gen_random_uuid(), 'position', t.position + 100 * g))).*
      FROM applications.application_resource_line t, generate_series(1, 2) g
      WHERE t.application_id = '${application.id}'`);
    const walked = await expectWalkMatchesWhole<{ application: { resourceLines: Page } }>(
      'applications',
      `query ($id: ID!, $first: Int!, $after: String) { application(id: $id) { resourceLines(first: $first, after: $after) { ${PAGE} } } }`,
      { id: application.id },
      (data) => data.application.resourceLines,
    );
    const positions = await stack.query<{ application: { resourceLines: { edges: Array<{ node: { id: string; position: number } }> } } }>(
      bureau,
      `query ($id: ID!) { application(id: $id) { resourceLines(first: 100) { edges { node { id position } } } } }`,
      { id: application.id },
    );
    const lines = positions.data!.application.resourceLines.edges.map((edge) => edge.node);
    expect(lines.map((line) => line.id)).toEqual(walked);
    expect(lines.map((line) => line.position)).toEqual([...lines.map((line) => line.position)].sort((a, b) => a - b));
  });
});
