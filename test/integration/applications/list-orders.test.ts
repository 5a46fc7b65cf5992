// systems, units and settlements(orderBy:) (第三条、第四条、第十六条; issue 12): each order both ways,
// the id breaking ties in the same direction, rows without a day last, keyset pages that keep the
// order across page boundaries, a cursor of another order refused, and every order served by an index.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { BINCHENG, bureau, countyAuthority } from '../../setup/principals';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

type Row = { id: string } & Record<string, unknown>;
interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ cursor: string; node: Row }>;
}

interface ListCase {
  list: 'systems' | 'units' | 'settlements';
  orderType: string;
  filterType: string;
  fields: string;
  /** Each order field and the node's value it sorts by (null: no value, last either way). */
  orders: Record<string, (row: Row) => string | number | null>;
}

const CASES: ListCase[] = [
  {
    list: 'systems',
    orderType: 'SystemOrder',
    filterType: 'SystemFilter',
    fields: 'id code name goLiveOn region { code }',
    orders: {
      CODE: (row) => row.code as string,
      NAME: (row) => row.name as string,
      REGION: (row) => (row.region as { code: string }).code,
      GO_LIVE_ON: (row) => row.goLiveOn as string | null,
    },
  },
  {
    list: 'units',
    orderType: 'UnitOrder',
    filterType: 'UnitFilter',
    fields: 'id code name region { code }',
    orders: {
      CODE: (row) => row.code as string,
      NAME: (row) => row.name as string,
      REGION: (row) => (row.region as { code: string }).code,
    },
  },
  {
    list: 'settlements',
    orderType: 'SettlementOrder',
    filterType: 'SettlementFilter',
    fields: 'id number year confirmedAt region { code }',
    orders: {
      NUMBER: (row) => row.number as string,
      YEAR: (row) => row.year as number,
      REGION: (row) => (row.region as { code: string }).code,
      // The day of the last confirmation in Beijing (confirmedAt is printed at +08:00).
      CONFIRMED_AT: (row) => (row.confirmedAt as string | null)?.slice(0, 10) ?? null,
    },
  },
];

const listQuery = (c: ListCase) => `query ($first: Int, $after: String, $filter: ${c.filterType}, $orderBy: ${c.orderType}) {
  ${c.list}(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { ${c.fields} } }
  }
}`;

async function walk(c: ListCase, variables: { orderBy?: object; first?: number; filter?: object }, principal = bureau) {
  const rows: Row[] = [];
  let after: string | null = null;
  for (;;) {
    const result = await subgraph.query<Record<string, Page>>(principal, listQuery(c), { ...variables, after });
    expect(result.errors, JSON.stringify(variables)).toBeUndefined();
    const page: Page = result.data![c.list]!;
    rows.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return rows;
    after = page.pageInfo.endCursor;
  }
}

/** Byte order, as the database's "C" collation compares text; numbers as numbers. */
function compareValues(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return Buffer.compare(Buffer.from(String(a)), Buffer.from(String(b)));
}

/** (value, id) in the direction, rows without a value last in either direction. */
function expectedOrder(rows: Row[], valueOf: (row: Row) => string | number | null, direction: 'ASC' | 'DESC'): string[] {
  const sign = direction === 'ASC' ? 1 : -1;
  return [...rows]
    .sort((a, b) => {
      const left = valueOf(a);
      const right = valueOf(b);
      if (left === null || right === null) {
        if (left !== right) return left === null ? 1 : -1;
      } else if (left !== right) return sign * compareValues(left, right);
      return sign * compareValues(a.id, b.id);
    })
    .map((row) => row.id);
}

describe.each(CASES)('$list(orderBy:)', (c) => {
  const orders = Object.entries(c.orders).flatMap(([field, valueOf]) =>
    (['ASC', 'DESC'] as const).map((direction) => ({ field, direction, valueOf })),
  );

  it.each(orders)('pages every row once by $field $direction in pages of 2, ties broken by id', async ({ field, direction, valueOf }) => {
    const all = await walk(c, { first: 100 });
    const rows = await walk(c, { first: 2, orderBy: { field, direction } });
    expect(rows.map((row) => row.id).sort()).toEqual(all.map((row) => row.id).sort());
    expect(rows.map((row) => row.id)).toEqual(expectedOrder(all, valueOf, direction));
  });

  it('has ties to break: some order holds several rows of one value', async () => {
    const rows = await walk(c, { first: 100 });
    const tied = Object.values(c.orders).filter((valueOf) => new Set(rows.map(valueOf)).size < rows.length);
    expect(tied.length).toBeGreaterThan(0);
  });

  it('ascends when no direction is given', async () => {
    const field = Object.keys(c.orders)[0]!;
    const up = await walk(c, { first: 3, orderBy: { field } });
    const explicit = await walk(c, { first: 3, orderBy: { field, direction: 'ASC' } });
    expect(up.map((row) => row.id)).toEqual(explicit.map((row) => row.id));
  });

  it('refuses a cursor of another order or direction, and a forged one, with BAD_USER_INPUT', async () => {
    const [first, second] = Object.keys(c.orders);
    const page = await subgraph.query<Record<string, Page>>(bureau, listQuery(c), {
      first: 1,
      orderBy: { field: first, direction: 'DESC' },
    });
    const cursor = page.data![c.list]!.pageInfo.endCursor;
    const forged = Buffer.from(JSON.stringify([`${first}_ASC:x`, 'not-a-uuid'])).toString('base64url');
    for (const variables of [
      { after: cursor, orderBy: { field: second, direction: 'DESC' } },
      { after: cursor, orderBy: { field: first, direction: 'ASC' } },
      { after: forged, orderBy: { field: first } },
      { after: 'not a cursor', orderBy: { field: first } },
    ]) {
      const result = await subgraph.query(bureau, listQuery(c), { first: 2, ...variables });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(variables)).toBe('BAD_USER_INPUT');
    }
  });

  it('keeps the scope under an order: a county sees only its own rows', async () => {
    const field = Object.keys(c.orders).at(-1)!;
    const rows = await walk(c, { first: 3, orderBy: { field, direction: 'DESC' } }, countyAuthority(BINCHENG));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((row) => c.orders.REGION!(row) === BINCHENG)).toBe(true);
  });

  it('reads an ordered page in the same number of statements for 2 rows as for 20', async () => {
    const counter = sqlCounterOf(subgraph.dataSource);
    const statements = async (first: number) => {
      counter.reset();
      const result = await subgraph.query(bureau, listQuery(c), { first, orderBy: { field: 'REGION', direction: 'DESC' } });
      expect(result.errors).toBeUndefined();
      return counter.count;
    };
    expect(await statements(20)).toBe(await statements(2));
  });
});

describe('list orders are served by indexes', () => {
  it.each([
    ['information_system', 'go_live_on DESC NULLS LAST, id DESC', 'information_system_go_live_on_desc_idx'],
    ['information_system', 'go_live_on, id', 'information_system_go_live_on_idx'],
    ['information_system', 'name DESC, id DESC', 'information_system_name_order_idx'],
    ['information_system', 'region_code, id', 'information_system_region_order_idx'],
    ['unit', 'region_code DESC, id DESC', 'unit_region_order_idx'],
    ['unit', 'name, id', 'unit_name_order_idx'],
    ['settlement', 'year DESC, id DESC', 'settlement_year_order_idx'],
    ['settlement', 'confirmed_on DESC NULLS LAST, id DESC', 'settlement_confirmed_on_desc_idx'],
  ])('%s ORDER BY %s uses %s', async (table, order, index) => {
    const plan = await subgraph.dataSource.transaction(async (manager) => {
      await manager.query('SET LOCAL enable_seqscan = off');
      await manager.query('SET LOCAL enable_sort = off');
      return (await manager.query(`EXPLAIN SELECT id FROM applications.${table} ORDER BY ${order} LIMIT 3`)) as Array<{
        'QUERY PLAN': string;
      }>;
    });
    expect(plan.map((row) => row['QUERY PLAN']).join('\n')).toContain(index);
  });
});

describe('a cursor is only good for the list and order that made it', () => {
  const cursorOf = async (query: string) => {
    const result = await subgraph.query<Record<string, { pageInfo: { endCursor: string } }>>(bureau, query);
    expect(result.errors).toBeUndefined();
    return Object.values(result.data!)[0]!.pageInfo.endCursor;
  };

  it('refuses, with BAD_USER_INPUT, a cursor of another list or of the same list in another order; takes its own', async () => {
    const fromSystems = await cursorOf(`{ systems(first: 1) { pageInfo { endCursor } } }`);
    const fromApplications = await cursorOf(`{ applications(first: 1) { pageInfo { endCursor } } }`);
    const fromOrdered = await cursorOf(`{ applications(first: 1, orderBy: { field: SUBMITTED_AT }) { pageInfo { endCursor } } }`);
    const fromTodo = await cursorOf(`{ todoItems(first: 1) { pageInfo { endCursor } } }`);
    for (const [list, after] of [
      ['applications', fromSystems],
      ['applications', fromOrdered],
      ['applications', fromTodo],
      ['settlements', fromSystems],
      ['units', fromApplications],
      ['systems', fromApplications],
    ]) {
      const result = await subgraph.query(bureau, `query ($after: String) { ${list}(first: 3, after: $after) { totalCount } }`, { after });
      expect(result.errors?.[0]?.extensions, `${list} after a foreign cursor`).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    const own = await subgraph.query<{ applications: { edges: unknown[] } }>(
      bureau,
      `query ($after: String) { applications(first: 3, after: $after) { edges { cursor } } }`,
      { after: fromApplications },
    );
    expect(own.errors).toBeUndefined();
    expect(own.data!.applications.edges.length).toBeGreaterThan(0);
  });

  it('holds for child lists, grouped totals and the to-do list too: each refuses the others’ cursors and a root list’s, and takes its own', async () => {
    const [{ id }] = await subgraph.dataSource.query<Array<{ id: string }>>(
      `SELECT settlement_id::text AS id FROM applications.settlement_line GROUP BY settlement_id
        HAVING count(*) > 1 AND count(DISTINCT unit_id) > 1 AND count(DISTINCT provider_id) > 1 LIMIT 1`,
    );
    const child = (field: string, after: string | null = null) =>
      subgraph.query<{ settlement: { page: { pageInfo: { endCursor: string }; edges: unknown[] } } }>(
        bureau,
        `query ($id: ID!, $after: String) { settlement(id: $id) { page: ${field}(first: 1, after: $after) { pageInfo { endCursor } edges { cursor } } } }`,
        { id, after },
      );
    const childCursor = async (field: string) => (await child(field)).data!.settlement.page.pageInfo.endCursor;
    const fromLines = await childCursor('lines');
    const fromUnitTotals = await childCursor('unitTotals');
    const fromProviderTotals = await childCursor('providerTotals');
    const fromSystems = await cursorOf(`{ systems(first: 1) { pageInfo { endCursor } } }`);
    const fromTodo = await cursorOf(`{ todoItems(first: 1) { pageInfo { endCursor } } }`);
    const fromTodoByKind = await cursorOf(`{ todoItems(first: 1, orderBy: { field: KIND }) { pageInfo { endCursor } } }`);
    for (const [field, after] of [
      ['lines', fromUnitTotals],
      ['lines', fromSystems],
      ['unitTotals', fromProviderTotals],
      ['providerTotals', fromLines],
    ] as const) {
      const result = await child(field, after);
      expect(result.errors?.[0]?.extensions, `${field} after a foreign cursor`).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
    for (const [list, order, after] of [
      ['systems', '', fromLines],
      ['todoItems', '', fromSystems],
      ['todoItems', '', fromUnitTotals],
      ['todoItems', ', orderBy: { field: KIND }', fromTodo],
      ['todoItems', '', fromTodoByKind],
    ] as const) {
      const result = await subgraph.query(bureau, `query ($after: String) { ${list}(first: 3, after: $after${order}) { totalCount } }`, {
        after,
      });
      expect(result.errors?.[0]?.extensions, `${list}${order} after a foreign cursor`).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    }
    for (const [field, after] of [
      ['lines', fromLines],
      ['unitTotals', fromUnitTotals],
      ['providerTotals', fromProviderTotals],
    ] as const) {
      const own = await child(field, after);
      expect(own.errors, field).toBeUndefined();
      expect(own.data!.settlement.page.edges.length, field).toBe(1);
    }
  });
});
