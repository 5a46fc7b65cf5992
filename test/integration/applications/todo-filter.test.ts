// todoItems(filter:) (第十一条至第十五条; issue 12): by one or several kinds, a due-day range and
// overdue, as the whole list filtered would be; the deprecated `kind` keeps answering alike.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { bureau } from '../../setup/principals';

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
  overdue: boolean;
}

const LIST = `query ($filter: TodoFilter, $kind: TodoKind) {
  todoItems(first: 100, filter: $filter, kind: $kind) { totalCount edges { node { id kind dueOn overdue } } }
}`;

async function list(variables: Record<string, unknown>): Promise<Item[]> {
  const result = await subgraph.query<{ todoItems: { totalCount: number; edges: Array<{ node: Item }> } }>(bureau, LIST, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.todoItems.edges.map((edge) => edge.node);
}

const ids = (items: Item[]) => items.map((item) => item.id).sort();

describe('todoItems(filter:)', () => {
  it('filters by kinds, due range and overdue as the whole list filtered would', async () => {
    const all = await list({});
    const kinds = [...new Set(all.map((item) => item.kind))];
    expect(kinds.length).toBeGreaterThan(1);
    expect(ids(await list({ filter: { kind: [kinds[0]] } }))).toEqual(ids(all.filter((item) => item.kind === kinds[0])));
    expect(ids(await list({ filter: { kind: kinds } }))).toEqual(ids(all));
    expect(ids(await list({ kind: kinds[1] }))).toEqual(ids(all.filter((item) => item.kind === kinds[1])));
    const days = all.map((item) => item.dueOn).sort();
    const from = days[Math.floor(days.length / 3)]!;
    const to = days[Math.floor((2 * days.length) / 3)]!;
    expect(ids(await list({ filter: { dueFrom: from, dueTo: to } }))).toEqual(
      ids(all.filter((item) => item.dueOn >= from && item.dueOn <= to)),
    );
    expect(ids(await list({ filter: { overdue: true } }))).toEqual(ids(all.filter((item) => item.overdue)));
    expect(ids(await list({ filter: { overdue: false, kind: [kinds[0]] } }))).toEqual(
      ids(all.filter((item) => !item.overdue && item.kind === kinds[0])),
    );
  });

  it('answers a reversed due range with BAD_USER_INPUT', async () => {
    const result = await subgraph.query(bureau, LIST, { filter: { dueFrom: '2026-12-01', dueTo: '2026-11-01' } });
    expect(result.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
