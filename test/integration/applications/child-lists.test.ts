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
  measureChildPages,
  orderedIds,
  parentWithMostChildren,
  walkChildPages,
  type ChildPage,
} from '../../setup/child-pages';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
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
