// todoItems in SQL (issues 12 and 14): the filters a bureau user narrows with (region, unit,
// provider, estimated due dates), the orders it offers, and the cost: the same statements and at
// most a page's rows (plus one) whatever the number of items — no table is loaded to be sorted or
// counted in JavaScript. And the migration that fixes TEST_30D's delivery deadline on the
// application, which the SQL reads.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { createTestDatabase } from '../../setup/database';
import { createDataSource } from '../../../subgraphs/applications/data-source';
import { BINCHENG, bureau, userUnit, world } from '../../setup/principals';
import type { Principal } from '../../../subgraphs/kit/principal';
import { addWorkingDays } from '../../../subgraphs/kit/working-days';
import { TestDeliveryDeadline1796301100000 } from '../../../subgraphs/applications/migrations/1796301100000-TestDeliveryDeadline';

let subgraph: SubgraphForTest;

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Item {
  id: string;
  kind: string;
  dueOn: string;
  dueOnEstimated: boolean;
  application: { id: string } | null;
}

interface Page {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: Array<{ node: Item }>;
}

const LIST = `query ($first: Int, $after: String, $filter: TodoFilter, $orderBy: TodoOrder) {
  todoItems(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id kind dueOn dueOnEstimated application { id } } }
  }
}`;

async function page(principal: Principal, variables: Record<string, unknown>): Promise<Page> {
  const result = await subgraph.query<{ todoItems: Page }>(principal, LIST, { first: 100, ...variables });
  expect(result.errors).toBeUndefined();
  return result.data!.todoItems;
}

const ids = (items: readonly Item[]) => items.map((item) => item.id).sort();
const nodes = (p: Page) => p.edges.map((edge) => edge.node);
const applicationOf = (item: Item) => world.applications.find((application) => application.id === item.application?.id);

describe('todoItems(filter:, orderBy:) in SQL', () => {
  it('filters by region, unit, provider and estimated due date as the whole list filtered would', async () => {
    const all = nodes(await page(bureau, {}));
    expect(all.length).toBeGreaterThan(3);
    const inBincheng = all.filter((item) => applicationOf(item)?.regionCode === BINCHENG);
    expect(inBincheng.length).toBeGreaterThan(0);
    expect(ids(nodes(await page(bureau, { filter: { regionCode: BINCHENG } })))).toEqual(ids(inBincheng));
    const unitId = applicationOf(inBincheng[0]!)!.unitId;
    expect(ids(nodes(await page(bureau, { filter: { unitId } })))).toEqual(
      ids(all.filter((item) => applicationOf(item)?.unitId === unitId)),
    );
    const providerId = applicationOf(all[0]!)!.providerId;
    const byProvider = await page(bureau, { filter: { providerId, regionCode: BINCHENG } });
    expect(ids(nodes(byProvider))).toEqual(ids(inBincheng.filter((item) => applicationOf(item)?.providerId === providerId)));
    expect(byProvider.totalCount).toBe(byProvider.edges.length);
    const estimated = nodes(await page(bureau, { filter: { dueOnEstimated: true } }));
    const exact = nodes(await page(bureau, { filter: { dueOnEstimated: false } }));
    expect(ids([...estimated, ...exact])).toEqual(ids(all));
    expect(estimated.every((item) => item.dueOnEstimated) && exact.every((item) => !item.dueOnEstimated)).toBe(true);
    const bad = await subgraph.query(bureau, LIST, { filter: { unitId: 'U-371602-001' } });
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('orders by due date either way and by kind, the id breaking ties, and pages each order by its own cursor', async () => {
    const ascending = nodes(await page(bureau, {}));
    const descending = nodes(await page(bureau, { orderBy: { field: 'DUE_ON', direction: 'DESC' } }));
    expect(descending.map((item) => item.id)).toEqual(ascending.map((item) => item.id).reverse());
    const byKind = nodes(await page(bureau, { orderBy: { field: 'KIND' } }));
    const key = (item: Item) => `${item.kind} ${item.id}`;
    expect(byKind.map(key)).toEqual(ascending.map(key).sort());
    const head = await page(bureau, { first: 2, orderBy: { field: 'KIND', direction: 'DESC' } });
    const rest = await page(bureau, { after: head.pageInfo.endCursor, orderBy: { field: 'KIND', direction: 'DESC' } });
    expect([...nodes(head), ...nodes(rest)].map((item) => item.id)).toEqual(byKind.map((item) => item.id).reverse());
    const wrong = await subgraph.query(bureau, LIST, { after: head.pageInfo.endCursor });
    expect(wrong.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('runs the same statements and loads at most a page and one row more, with 300 items as with a few', async () => {
    const draft = world.applications.find((application) => application.state === 'DRAFT')!;
    const unit = userUnit(world.units.find((candidate) => candidate.id === draft.unitId)!);
    const counter = sqlCounterOf(subgraph.dataSource);
    const measure = async () => {
      counter.reset();
      const result = await page(unit, { first: 5 });
      return { statements: counter.count, rows: counter.rows, total: result.totalCount, returned: result.edges.length };
    };
    const few = await measure();
    // 300 more drafts of the unit's, each a SUBMIT_DRAFT item (MATERIALS, 第十一条).
    await subgraph.dataSource.query(
      `INSERT INTO applications.application
       SELECT (jsonb_populate_record(a, jsonb_build_object('id', gen_random_uuid(), 'number', a.number || '-' || n))).*
       FROM applications.application a, generate_series(1, 300) n WHERE a.id = $1`,
      [draft.id],
    );
    const many = await measure();
    expect(many.total).toBe(few.total + 300);
    expect(many.returned).toBe(5);
    expect(many.statements).toBe(few.statements);
    // The page (first + 1 rows), the page's applications with their systems (first rows), the count (one row).
    expect(many.rows).toBeLessThanOrEqual(2 * 5 + 2);
  });

  it('sends the count beside the page, not after it, and no count when totalCount is not asked for', async () => {
    const dataSource = subgraph.dataSource;
    const events: string[] = [];
    const query = dataSource.query.bind(dataSource);
    // Notes when each of the list's statements is sent and answered; the statements still run.
    dataSource.query = ((sql: string, parameters?: unknown[]) => {
      const label = /AS total FROM/.test(sql) ? 'count' : /AS sort_value FROM/.test(sql) ? 'page' : 'other';
      events.push(`${label} sent`);
      return query(sql, parameters).finally(() => events.push(`${label} answered`));
    }) as typeof dataSource.query;
    try {
      const listed = await page(bureau, { first: 5 });
      expect(listed.totalCount).toBeGreaterThan(0);
      expect(events).toContain('count sent');
      expect(events.indexOf('count sent')).toBeLessThan(events.indexOf('page answered'));
      events.length = 0;
      const result = await subgraph.query(bureau, 'query { todoItems(first: 5) { edges { node { id } } } }');
      expect(result.errors).toBeUndefined();
      expect(events).toContain('page sent');
      expect(events).not.toContain('count sent');
    } finally {
      dataSource.query = query;
    }
  });
});

describe('migration 1796301100000 (TEST_30D, 第十三条)', () => {
  it('backfills the delivery deadline of every procured application from the working-day calendar, and down removes it', async () => {
    const database = await createTestDatabase({ from: 'seeded' });
    const owner = createDataSource(database.migrationUrl);
    await owner.initialize();
    const runner = owner.createQueryRunner();
    try {
      const migration = new TestDeliveryDeadline1796301100000();
      await migration.down(runner);
      expect(await runner.hasColumn('applications.application', 'test_delivery_due_on')).toBe(false);
      await migration.up(runner);
      const rows: Array<{ procuredOn: string; days: number | null; dueOn: string | null; estimated: boolean }> = await runner.query(
        `SELECT procured_on::text AS "procuredOn", test_delivery_days AS days, test_delivery_due_on::text AS "dueOn",
                test_delivery_due_estimated AS estimated
         FROM applications.application WHERE procured_on IS NOT NULL`,
      );
      expect(rows.filter((row) => row.days).length).toBeGreaterThan(0);
      for (const row of rows) {
        const expected = row.days ? addWorkingDays(row.procuredOn, row.days) : null;
        expect({ dueOn: row.dueOn, estimated: row.estimated }).toEqual({
          dueOn: expected?.date ?? null,
          estimated: expected?.estimated ?? false,
        });
      }
    } finally {
      await runner.release();
      await owner.destroy();
      await database.drop();
    }
  });
});
