// The utilisation orders list's filter and order (utilisationOrders(filter:, orderBy:), 第十五条、
// 第十六条): orders written straight into the table (several in one second, so the id tiebreak
// matters), filtered by kind, status, region and Beijing order days, in both orders, every row once
// across pages at a constant SQL count, within the caller's scope.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UtilisationOrderEntity } from '../../../subgraphs/supervision/utilisation/utilisation-order.entity';
import { pageThrough } from '../../setup/list-paging';
import { bureau, countyAuthority, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';

let subgraph: SubgraphForTest;

const hosted = world.systems.filter((system) => system.providerId && !system.retiredOn);
const systems = [
  ...hosted.filter((system) => system.regionCode === '371600').slice(0, 8),
  ...hosted.filter((system) => system.regionCode === '371602').slice(0, 4),
];
/** Orders in three Beijing days; the first four share one instant (00:30 on 2 November, 1 November in UTC). */
const orders = systems.map((system, index) => ({
  id: randomUUID(),
  systemId: system.id,
  unitId: system.unitId,
  regionCode: system.regionCode,
  providerId: system.providerId,
  flag: 'IDLE' as const,
  kind: index % 2 === 0 ? ('DOWNSIZE' as const) : ('RECLAIM' as const),
  reason: '测试指令',
  periodFrom: '2026-10-01',
  periodTo: '2026-10-30',
  orderedBy: 'bureau',
  orderedAt: new Date(index < 4 ? '2026-11-02T00:30:00+08:00' : `2026-11-0${3 + (index % 2)}T10:00:00+08:00`),
  status: index % 3 === 0 ? ('REFUSED' as const) : ('CHANGE_REQUESTED' as const),
  applicationId: null,
  changeRequestId: null,
  refusalReason: null,
  answeredAt: null,
}));

beforeAll(async () => {
  subgraph = await startSubgraphForTest('supervision', { seed: true });
  await subgraph.dataSource.getRepository(UtilisationOrderEntity).insert(orders);
});
afterAll(async () => {
  await subgraph?.stop();
});

const ORDERS = `query($first: Int, $after: String, $filter: UtilisationOrderFilter, $orderBy: UtilisationOrderOrder) {
  utilisationOrders(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount edges { node { id kind status orderedAt system { id } } } pageInfo { hasNextPage endCursor }
  }
}`;
interface Row {
  id: string;
  kind: string;
  status: string;
  orderedAt: string;
}
const walk = (variables: Record<string, unknown>, principal = bureau, size = 3) =>
  pageThrough<Row>(subgraph, principal, ORDERS, 'utilisationOrders', variables, size);
const sortedIds = (rows: Array<{ id: string }>) => rows.map((row) => row.id).sort();

describe('utilisationOrders(filter:, orderBy:)', () => {
  it('orders newest or oldest first with the id tiebreak, every row once a page at a time', async () => {
    const newest = await walk({});
    const oldest = await walk({ orderBy: 'ORDERED_AT_ASC' });
    expect(sortedIds(newest.nodes)).toEqual(sortedIds(orders));
    expect(oldest.nodes.map((row) => row.id)).toEqual(newest.nodes.map((row) => row.id).reverse());
    const times = newest.nodes.map((row) => new Date(row.orderedAt).getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    for (const list of [newest, oldest]) expect(new Set(list.statements.slice(0, -1)).size, list.statements.join(',')).toBe(1);
    // One page at a time through the four orders of one instant.
    const single = await walk({ orderBy: 'ORDERED_AT_ASC' }, bureau, 1);
    expect(single.nodes.map((row) => row.id)).toEqual(oldest.nodes.map((row) => row.id));
  });

  it('filters by kind, several statuses, region and order day (Beijing days)', async () => {
    expect(sortedIds((await walk({ filter: { kind: ['RECLAIM'] } })).nodes)).toEqual(sortedIds(orders.filter((o) => o.kind === 'RECLAIM')));
    expect((await walk({ filter: { status: ['REFUSED', 'CHANGE_REQUESTED'] } })).totalCount).toBe(orders.length);
    expect(sortedIds((await walk({ filter: { status: ['REFUSED'] } })).nodes)).toEqual(
      sortedIds(orders.filter((o) => o.status === 'REFUSED')),
    );
    const onSecond = await walk({ filter: { orderedFrom: '2026-11-02', orderedTo: '2026-11-02' } });
    expect(sortedIds(onSecond.nodes)).toEqual(sortedIds(orders.slice(0, 4)));
    expect((await walk({ filter: { orderedTo: '2026-11-01' } })).totalCount).toBe(0);
    const region = orders[0]!.regionCode;
    expect(sortedIds((await walk({ filter: { regionCode: region } })).nodes)).toEqual(
      sortedIds(orders.filter((o) => o.regionCode === region)),
    );
    const system = orders[5]!.systemId;
    expect((await walk({ filter: { systemId: system } })).nodes.map((row) => row.id)).toEqual([orders[5]!.id]);
  });

  it('keeps the deprecated status argument and the scope', async () => {
    const result = await subgraph.query<{ utilisationOrders: { totalCount: number } }>(
      bureau,
      `{ utilisationOrders(status: REFUSED) { totalCount } }`,
    );
    expect(result.data?.utilisationOrders.totalCount).toBe(orders.filter((o) => o.status === 'REFUSED').length);
    const county = orders.find((o) => o.regionCode !== '371600')!.regionCode;
    const seen = await walk({ filter: { kind: ['DOWNSIZE', 'RECLAIM'] } }, countyAuthority(county));
    expect(sortedIds(seen.nodes)).toEqual(sortedIds(orders.filter((o) => o.regionCode === county)));
  });

  it('refuses a malformed filter as BAD_USER_INPUT', async () => {
    for (const filter of [
      { systemId: 'S-371600-001-01' },
      { regionCode: '999999' },
      { orderedFrom: '2026-11-03', orderedTo: '2026-11-02' },
    ]) {
      const result = await subgraph.query(bureau, ORDERS, { filter });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
  });
});
