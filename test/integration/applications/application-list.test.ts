// applications(filter:, orderBy:): a county portal's and the bureau's list, filtered and ordered in
// SQL, paged by keyset with cursors that carry the order's sort value (第十条至第十二条).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority, world } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Row {
  id: string;
  number: string;
  status: string;
  submittedOn: string | null;
  decidedOn: string | null;
  region: { code: string };
}
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: Row }>;
}

const LIST = `query ($first: Int, $after: String, $filter: ApplicationFilter, $orderBy: ApplicationOrder) {
  applications(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id number status submittedOn decidedOn region { code } } }
  }
}`;

type Variables = { filter?: object; orderBy?: object; first?: number };

async function walk(principal = bureau, variables: Variables): Promise<{ rows: Row[]; totals: number[] }> {
  const rows: Row[] = [];
  const totals: number[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await subgraph.query<{ applications: Page }>(principal, LIST, { ...variables, after });
    expect(result.errors).toBeUndefined();
    const page: Page = result.data!.applications;
    rows.push(...page.edges.map((edge) => edge.node));
    totals.push(page.totalCount);
    if (!page.pageInfo.hasNextPage) return { rows, totals };
    after = page.pageInfo.endCursor;
  }
}

/** Newest first, undated last, id descending between equals: the order the list must return. */
function expectedOrder(rows: Row[], key: 'submittedOn' | 'decidedOn', direction: 'ASC' | 'DESC'): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const left = a[key];
      const right = b[key];
      if (left === null || right === null) return left === right ? sign * a.id.localeCompare(b.id) : left === null ? 1 : -1;
      return left !== right ? sign * left.localeCompare(right) : sign * a.id.localeCompare(b.id);
    })
    .map((row) => row.id);
}

describe('applications(filter:, orderBy:)', () => {
  it('gives a county its applications submitted in a month, newest first', async () => {
    const filter = { submittedFrom: '2026-11-01', submittedTo: '2026-11-30' };
    const { rows } = await walk(countyAuthority(BINCHENG), { filter, orderBy: { field: 'SUBMITTED_AT', direction: 'DESC' } });
    const expected = world.applications.filter(
      (application) =>
        application.regionCode === BINCHENG &&
        application.submittedOn !== null &&
        application.submittedOn >= '2026-11-01' &&
        application.submittedOn <= '2026-11-30',
    );
    expect(rows.map((row) => row.id).sort()).toEqual(expected.map((application) => application.id).sort());
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => row.region.code === BINCHENG)).toBe(true);
    const days = rows.map((row) => row.submittedOn!);
    expect(days).toEqual([...days].sort().reverse());
  });

  it.each([
    ['SUBMITTED_AT', 'DESC', 'submittedOn'],
    ['SUBMITTED_AT', 'ASC', 'submittedOn'],
    ['DECIDED_AT', 'DESC', 'decidedOn'],
    ['DECIDED_AT', 'ASC', 'decidedOn'],
  ] as const)('pages every application once by %s %s, undated last, in pages of 3', async (field, direction, key) => {
    const { rows, totals } = await walk(bureau, { first: 3, orderBy: { field, direction } });
    expect(new Set(rows.map((row) => row.id)).size).toBe(world.applications.length);
    expect(rows).toHaveLength(world.applications.length);
    expect(rows.map((row) => row.id)).toEqual(expectedOrder(rows, key, direction));
    expect(new Set(totals)).toEqual(new Set([world.applications.length]));
  });

  it('orders by number both ways', async () => {
    const down = await walk(bureau, { first: 7, orderBy: { field: 'NUMBER', direction: 'DESC' } });
    const numbers = world.applications.map((application) => application.code).sort();
    expect(down.rows.map((row) => row.number)).toEqual([...numbers].reverse());
    const up = await walk(bureau, { first: 7, orderBy: { field: 'NUMBER' } });
    expect(up.rows.map((row) => row.number)).toEqual(numbers);
  });

  it('filters by several statuses, region, unit, provider and decision days together', async () => {
    const sample = world.applications.find((application) => application.decidedOn !== null)!;
    const filter = {
      status: ['ACCEPTED', 'REJECTED', sample.state],
      regionCode: sample.regionCode,
      unitId: sample.unitId,
      providerId: sample.providerId,
      decidedFrom: sample.decidedOn,
      decidedTo: sample.decidedOn,
    };
    const { rows } = await walk(bureau, { filter });
    const expected = world.applications.filter(
      (application) =>
        filter.status.includes(application.state) &&
        application.unitId === sample.unitId &&
        application.providerId === sample.providerId &&
        application.decidedOn === sample.decidedOn,
    );
    expect(rows.map((row) => row.id).sort()).toEqual(expected.map((application) => application.id).sort());
    const several = await walk(bureau, { filter: { status: ['SUBMITTED', 'FILED'] } });
    expect(several.rows.map((row) => row.id).sort()).toEqual(
      world.applications
        .filter((application) => ['SUBMITTED', 'FILED'].includes(application.state))
        .map((application) => application.id)
        .sort(),
    );
  });

  it('keeps the deprecated status and unitId arguments working beside the filter', async () => {
    const result = await subgraph.query<{ applications: Page }>(
      bureau,
      `{ applications(status: REJECTED, first: 100) { totalCount edges { cursor node { id number status submittedOn decidedOn region { code } } } } }`,
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.applications.totalCount).toBe(world.applications.filter((application) => application.state === 'REJECTED').length);
  });

  it('refuses a cursor of another order, a malformed id, an unknown region and a reversed range with BAD_USER_INPUT', async () => {
    const first = await subgraph.query<{ applications: Page }>(bureau, LIST, {
      first: 2,
      orderBy: { field: 'SUBMITTED_AT', direction: 'DESC' },
    });
    const cursor = first.data!.applications.pageInfo.endCursor;
    const bad = [
      { first: 2, after: cursor, orderBy: { field: 'DECIDED_AT', direction: 'DESC' } },
      { first: 2, after: cursor, orderBy: { field: 'SUBMITTED_AT', direction: 'ASC' } },
      { filter: { unitId: 'U-371602-001' } },
      { filter: { providerId: 'not-a-uuid' } },
      { filter: { regionCode: '999999' } },
      { filter: { submittedFrom: '2026-11-30', submittedTo: '2026-11-01' } },
    ];
    for (const variables of bad) {
      const result = await subgraph.query(bureau, LIST, variables);
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps the scope under every filter: a county asking for another region or its unit sees nothing', async () => {
    const elsewhere = world.applications.find((application) => application.regionCode !== BINCHENG)!;
    for (const filter of [
      { regionCode: elsewhere.regionCode },
      { unitId: elsewhere.unitId },
      { providerId: elsewhere.providerId, regionCode: elsewhere.regionCode },
    ]) {
      const { rows } = await walk(countyAuthority(BINCHENG), { filter, orderBy: { field: 'DECIDED_AT', direction: 'DESC' } });
      expect(rows, JSON.stringify(filter)).toEqual([]);
    }
  });

  it('reads a filtered, ordered page in the same number of statements for 3 rows as for 30', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statements = async (first: number) => {
      counter.reset();
      const result = await subgraph.query(bureau, LIST, {
        first,
        filter: { status: ['ACCEPTED', 'SUBMITTED', 'FILED', 'TESTING', 'IN_PRODUCTION', 'REJECTED'] },
        orderBy: { field: 'SUBMITTED_AT', direction: 'DESC' },
      });
      expect(result.errors).toBeUndefined();
      return counter.count;
    };
    expect(await statements(30)).toBe(await statements(3));
  });
});
