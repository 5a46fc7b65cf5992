// Child lists of the applications subgraph page in SQL (issue 14): a unit's systems off the cloud,
// an application's resource lines, a change request's lines, and a settlement's totals, lines and
// confirmations cost the same statements however many parents and children there are, load at most
// one row more than each page, and keep their order.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todayInChina } from '../../../subgraphs/kit/dates';
import { copyChildren, expectPagedInSql, measureChildPages, walkChildPages, type ChildPage } from '../../setup/child-pages';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

const PAGE = 'totalCount pageInfo { hasNextPage endCursor } edges { node { id } }';

/** `field` of the parents `ids` of `typename`, through `_entities` as the gateway asks. */
function entityPages(typename: string, field: string, ids: string[], first: number) {
  return measureChildPages<{ _entities: Array<{ page: ChildPage } | null> }>(
    subgraph,
    bureau,
    `query ($representations: [_Any!]!, $first: Int!) {
      _entities(representations: $representations) { ... on ${typename} { page: ${field}(first: $first) { ${PAGE} } } }
    }`,
    { representations: ids.map((id) => ({ __typename: typename, id })), first },
    (data) => data._entities.flatMap((entity) => (entity ? [entity.page] : [])),
  );
}

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

/** The ids of `sql`'s rows (a column `id`), in its order. */
async function idsOf(sql: string, parameters: unknown[] = []): Promise<string[]> {
  const rows = await subgraph.dataSource.query<Array<{ id: string }>>(sql, parameters);
  return rows.map((row) => row.id);
}

/** The parent in `table` with the most rows (by `parentColumn`) that pass `where`. */
async function busiestParent(table: string, parentColumn: string, where = 'true', parameters: unknown[] = []): Promise<string> {
  const rows = await subgraph.dataSource.query<Array<{ parent: string }>>(
    `SELECT ${parentColumn}::text AS parent FROM ${table} WHERE ${where} GROUP BY ${parentColumn} ORDER BY count(*) DESC, 1 LIMIT 1`,
    parameters,
  );
  return rows[0]!.parent;
}

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
