// Child lists of the applications subgraph page in SQL (issue 14): a unit's systems off the cloud,
// an application's resource lines, a change request's lines, and a settlement's totals, lines and
// confirmations cost the same statements however many parents and children there are, load at most
// one row more than each page, and keep their order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../../subgraphs/kit/dates';
import {
  CHILD_PAGE,
  copyChildren,
  entityChildPages,
  expectPagedInSql,
  GROUP_PAGE,
  groupsByCursor,
  measureChildPages,
  orderedIds,
  parentWithMostChildren,
  walkChildPages,
  type ChildPage,
} from '../../setup/child-pages';
import { startSubgraphForTest, type GraphQLResult, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const PAGE = CHILD_PAGE;

const entityPages = (typename: string, field: string, ids: string[], first: number) =>
  entityChildPages(subgraph, bureau, { typename, ids }, field, first);

describe('Unit.offCloudSystems (第三条, ON_CLOUD)', () => {
  const units = world.units.map((unit) => unit.id);

  it('pages newest first in SQL: the same statements for 2 units as for all, and after each unit’s registrations grow', async () => {
    await expectPagedInSql({
      measure: (parents) => entityPages('Unit', 'offCloudSystems', parents === 'few' ? units.slice(0, 2) : units, 1),
      // Copies registered at the same instant: ties, broken by id.
      grow: () => copyChildren(subgraph, 'applications.off_cloud_system', 3),
      factor: 4,
      parentRows: units.length,
    });
  });

  it('walks a unit’s registrations in the order of offCloudSystems(filter: { unitId }), newest first', async () => {
    const rows = await subgraph.dataSource.query<Array<{ unitId: string }>>(
      `SELECT unit_id::text AS "unitId" FROM applications.off_cloud_system GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const unitId = rows[0]!.unitId;
    const walked = await walkChildPages<{ unit: { offCloudSystems: ChildPage } }>(
      subgraph,
      bureau,
      `query ($id: ID!, $first: Int!, $after: String) { unit(id: $id) { offCloudSystems(first: $first, after: $after) { ${PAGE} } } }`,
      { id: unitId },
      (data) => data.unit.offCloudSystems,
      2,
    );
    const listed = await walkChildPages<{ offCloudSystems: ChildPage }>(
      subgraph,
      bureau,
      `query ($unitId: ID!, $first: Int!, $after: String) { offCloudSystems(first: $first, after: $after, filter: { unitId: $unitId }) { ${PAGE} } }`,
      { unitId },
      (data) => data.offCloudSystems,
      100,
    );
    expect(walked.length).toBeGreaterThan(2);
    expect(walked).toEqual(listed);
  });
});

const idsOf = (sql: string, parameters: unknown[] = []) => orderedIds(subgraph, sql, parameters);
const busiestParent = (table: string, parentColumn: string, where = 'true', parameters: unknown[] = []) =>
  parentWithMostChildren(subgraph, table, parentColumn, where, parameters);

describe('Application.resourceLines (第十一条、第十五条): the lines in force, by position', () => {
  const applications = world.applications.map((application) => application.id);

  it('pages in SQL: the same statements for 2 applications as for all, and after their lines grow', async () => {
    await expectPagedInSql({
      measure: (parents) => entityPages('Application', 'resourceLines', parents === 'few' ? applications.slice(0, 2) : applications, 1),
      grow: () => copyChildren(subgraph, 'applications.application_resource_line', 2, `'position', t.position + 100 * g`),
      factor: 3,
      parentRows: applications.length,
    });
  });

  it('walks an application’s lines in force by position, each once', async () => {
    const IN_FORCE = `(effective_from IS NULL OR effective_from <= CAST($1 AS date)) AND (effective_until IS NULL OR effective_until >= CAST($1 AS date))`;
    const id = await busiestParent('applications.application_resource_line', 'application_id', IN_FORCE, [todayInChina()]);
    const walked = await walkChildPages<{ application: { resourceLines: ChildPage } }>(
      subgraph,
      bureau,
      `query ($id: ID!, $first: Int!, $after: String) { application(id: $id) { resourceLines(first: $first, after: $after) { ${PAGE} } } }`,
      { id },
      (data) => data.application.resourceLines,
      2,
    );
    expect(walked.length).toBeGreaterThan(2);
    expect(walked).toEqual(
      await idsOf(
        `SELECT id::text AS id FROM applications.application_resource_line WHERE ${IN_FORCE} AND application_id = $2 ORDER BY position, id::text`,
        [todayInChina(), id],
      ),
    );
  });
});

describe('ChangeRequest.lines (第十五条, CHANGE_APPROVAL): by position', () => {
  /** `count` more lines under every change request, after those it has (ADD lines: no resource line to name). */
  const addLines = (from: number, count: number) =>
    subgraph.asOwner(`
      INSERT INTO applications.change_request_line (id, change_request_id, position, kind, catalog_entry_id, quantity, quantity_max, concluded_price_yuan)
      SELECT gen_random_uuid(), c.id, p, 'ADD', gen_random_uuid(), 1, 1, 1.00
      FROM applications.change_request c, generate_series(${from}, ${from + count - 1}) p`);
  let changed: string[] = [];
  let changeRequests = 0;

  beforeAll(async () => {
    const rows = await subgraph.dataSource.query<Array<{ id: string; requests: number }>>(
      `SELECT application_id::text AS id, count(*)::int AS requests FROM applications.change_request GROUP BY application_id ORDER BY 1`,
    );
    changed = rows.map((row) => row.id);
    changeRequests = rows.reduce((sum, row) => sum + row.requests, 0);
    await addLines(1, 3);
  });

  const pages = (applications: string[]) =>
    measureChildPages<{ _entities: Array<{ changeRequests: { edges: Array<{ node: { lines: ChildPage } }> } } | null> }>(
      subgraph,
      bureau,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Application { changeRequests(first: 100) { edges { node { lines(first: 1) { ${PAGE} } } } } }
        }
      }`,
      { representations: applications.map((id) => ({ __typename: 'Application', id })) },
      (data) => data._entities.flatMap((entity) => entity?.changeRequests.edges.map((edge) => edge.node.lines) ?? []),
    );

  it('pages in SQL: the same statements for 1 application’s requests as for all, and after their lines grow', async () => {
    expect(changed.length).toBeGreaterThan(1);
    await expectPagedInSql({
      measure: (parents) => pages(parents === 'few' ? changed.slice(0, 1) : changed),
      grow: () => addLines(4, 6),
      factor: 3,
      parentRows: changed.length + changeRequests,
    });
  });

  it('walks a request’s lines by position (10 after 9), each once', async () => {
    const id = await busiestParent('applications.change_request_line', 'change_request_id');
    const application = await subgraph.dataSource.query<Array<{ id: string }>>(
      `SELECT application_id::text AS id FROM applications.change_request WHERE id = $1`,
      [id],
    );
    const walked = await walkChildPages<{ application: { changeRequests: { edges: Array<{ node: { id: string; lines: ChildPage } }> } } }>(
      subgraph,
      bureau,
      `query ($id: ID!, $first: Int!, $after: String) {
        application(id: $id) { changeRequests(first: 100) { edges { node { id lines(first: $first, after: $after) { ${PAGE} } } } } }
      }`,
      { id: application[0]!.id },
      (data) => data.application.changeRequests.edges.find((edge) => edge.node.id === id)!.node.lines,
      2,
    );
    expect(walked).toEqual(
      await idsOf(`SELECT id::text AS id FROM applications.change_request_line WHERE change_request_id = $1 ORDER BY position`, [id]),
    );
  });
});

describe('a settlement’s totals, lines and confirmations (第十六条, SETTLEMENT_JAN5): summed and paged in SQL', () => {
  type Settled = {
    id: string;
    totalAmount: string;
    lineCount: number;
    providerTotals: ChildPage;
    unitTotals: ChildPage;
    lines: ChildPage;
    confirmations: ChildPage;
  };
  const byCursor = (page: ChildPage) => groupsByCursor(page);
  const CHILDREN = `id totalAmount lineCount providerTotals(first: 1) { ${GROUP_PAGE} } unitTotals(first: 1) { ${GROUP_PAGE} }
    lines(first: 1) { ${PAGE} } confirmations(first: 1) { ${PAGE} }`;
  const settled = (first: number) =>
    measureChildPages<{ settlements: { edges: Array<{ node: Settled }> } }>(
      subgraph,
      bureau,
      `query ($first: Int!) { settlements(first: $first) { edges { node { ${CHILDREN} } } } }`,
      { first },
      (data) =>
        data.settlements.edges.flatMap(({ node }) => [
          byCursor(node.providerTotals),
          byCursor(node.unitTotals),
          node.lines,
          node.confirmations,
        ]),
    );
  const fen = (amount: string) => Math.round(Number(amount) * 100);

  it('costs the same statements for 1 settlement as for all, before and after their lines and parties grow, loading at most a page and one more', async () => {
    const one = await settled(1);
    const all = await settled(100);
    expect(all.statements).toBe(one.statements);
    const [{ settlements }] = await subgraph.dataSource.query<Array<{ settlements: number }>>(
      `SELECT count(*)::int AS settlements FROM applications.settlement`,
    );
    // Each copy of a line bills another provider and unit: more groups as well as more lines.
    await copyChildren(
      subgraph,
      'applications.settlement_line',
      3,
      `'provider_id', gen_random_uuid(), 'unit_id', gen_random_uuid(), 'unit_code', t.unit_code || '-G' || g`,
    );
    await copyChildren(subgraph, 'applications.settlement_confirmation', 2, `'party_key', t.party_key || '-G' || g`);
    const grown = await settled(100);
    expect(grown.statements).toBe(all.statements);
    const more = grown.pages.filter((page) => page.pageInfo?.hasNextPage).length;
    // The settlements (and one more), and each one's sums.
    expect(grown.rows).toBeLessThanOrEqual(grown.returned + more + 2 * settlements + 1);
  });

  it('totals per provider and per unit add up to the settlement’s amount and lines, each group once, in the order of before; lines and confirmations walked in their order', async () => {
    const [{ id }] = await subgraph.dataSource.query<Array<{ id: string }>>(
      `SELECT settlement_id::text AS id FROM applications.settlement_line GROUP BY settlement_id ORDER BY count(*) DESC LIMIT 1`,
    );
    const field = (name: string, argumentsText = '') =>
      walkChildPages<{ settlement: { page: ChildPage } }>(
        subgraph,
        bureau,
        `query ($id: ID!, $first: Int!, $after: String) {
          settlement(id: $id) { page: ${name}(first: $first, after: $after${argumentsText}) { ${PAGE} } }
        }`,
        { id },
        (data) => data.settlement.page,
        7,
      );
    /** Every group of `name`, page by page: its amount, line count and key. */
    const groupsOf = async (name: 'providerTotals' | 'unitTotals', key: string) => {
      const groups: Array<{ amount: string; lineCount: number; key: string }> = [];
      let after: string | null = null;
      for (let guard = 0; guard < 100; guard++) {
        type Groups = {
          settlement: {
            page: {
              pageInfo: { hasNextPage: boolean; endCursor: string };
              edges: Array<{ node: { amount: string; lineCount: number; key: unknown } }>;
            };
          };
        };
        const result: GraphQLResult<Groups> = await subgraph.query<Groups>(
          bureau,
          `query ($id: ID!, $after: String) { settlement(id: $id) { page: ${name}(first: 100, after: $after) {
            pageInfo { hasNextPage endCursor } edges { node { amount lineCount key: ${key} } } } } }`,
          { id, after },
        );
        const page = result.data!.settlement.page;
        groups.push(
          ...page.edges.map(({ node }) => ({ ...node, key: typeof node.key === 'string' ? node.key : (node.key as { id: string }).id })),
        );
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      return groups;
    };
    const sumsResult = await subgraph.query<{ settlement: { totalAmount: string; lineCount: number } }>(
      bureau,
      `query ($id: ID!) { settlement(id: $id) { totalAmount lineCount } }`,
      { id },
    );
    const settlement = sumsResult.data!.settlement;
    const [expected] = await subgraph.dataSource.query<Array<{ fen: string; lines: number; providers: number; units: number }>>(
      `SELECT sum(amount_fen)::text AS fen, count(*)::int AS lines, count(DISTINCT provider_id)::int AS providers, count(DISTINCT unit_id)::int AS units
         FROM applications.settlement_line WHERE settlement_id = $1`,
      [id],
    );
    expect(fen(settlement.totalAmount)).toBe(Number(expected!.fen));
    expect(settlement.lineCount).toBe(expected!.lines);
    const providerTotals = await groupsOf('providerTotals', 'provider { id }');
    const unitTotals = await groupsOf('unitTotals', 'unitCode');
    for (const groups of [providerTotals, unitTotals]) {
      expect(groups.reduce((sum, group) => sum + fen(group.amount), 0)).toBe(Number(expected!.fen));
      expect(groups.reduce((sum, group) => sum + group.lineCount, 0)).toBe(expected!.lines);
    }
    expect(providerTotals).toHaveLength(expected!.providers);
    expect(unitTotals).toHaveLength(expected!.units);
    // By provider id, and by unit code, as before.
    const providerIds = providerTotals.map((group) => group.key);
    expect(providerIds).toEqual([...providerIds].sort());
    const unitCodes = unitTotals.map((group) => group.key);
    expect(unitCodes).toEqual([...unitCodes].sort());

    const ORDER = `ORDER BY provider_id::text, unit_code, system_code, application_number, position, service_from, id::text`;
    expect(await field('lines')).toEqual(
      await idsOf(`SELECT id::text AS id FROM applications.settlement_line WHERE settlement_id = $1 ${ORDER}`, [id]),
    );
    const [{ unitId }] = await subgraph.dataSource.query<Array<{ unitId: string }>>(
      `SELECT unit_id::text AS "unitId" FROM applications.settlement_line WHERE settlement_id = $1 GROUP BY unit_id ORDER BY count(*) DESC LIMIT 1`,
      [id],
    );
    expect(await field('lines', `, unitId: "${unitId}"`)).toEqual(
      await idsOf(`SELECT id::text AS id FROM applications.settlement_line WHERE settlement_id = $1 AND unit_id = $2 ${ORDER}`, [
        id,
        unitId,
      ]),
    );
    expect(await field('confirmations')).toEqual(
      await idsOf(
        `SELECT id::text AS id FROM applications.settlement_confirmation WHERE settlement_id = $1
          ORDER BY array_position(ARRAY['AUTHORITY', 'CENTER', 'UNIT', 'PROVIDER'], party), party_key, id::text`,
        [id],
      ),
    );
  });

  it('settlementTotals (fees by provider and level) pages its groups in SQL: a page loads its groups and one more', async () => {
    const query = `query ($first: Int!, $after: String) { page: settlementTotals(year: 2025, confirmedOnly: false, first: $first, after: $after) { ${GROUP_PAGE} } }`;
    const one = await measureChildPages<{ page: ChildPage }>(subgraph, bureau, query, { first: 1 }, (data) => [byCursor(data.page)]);
    expect(one.pages[0]!.pageInfo!.hasNextPage).toBe(true);
    // The page and one group more, and the count of the groups.
    expect(one.rows).toBeLessThanOrEqual(3);
    const walked = await walkChildPages<{ page: ChildPage }>(subgraph, bureau, query, {}, (data) => byCursor(data.page), 2);
    const whole = await walkChildPages<{ page: ChildPage }>(subgraph, bureau, query, {}, (data) => byCursor(data.page), 100);
    expect(walked).toEqual(whole);
    // By level, then provider.
    const keys = walked.map((cursor) => JSON.parse(Buffer.from(cursor, 'base64url').toString()) as string[]);
    expect(keys.map((key) => key[0])).toEqual(keys.map((key) => key[0]).sort());
  });
});
