// providerExits(filter:) (第九条; issue 12): statuses, provider, region and start days, each exactly, in the
// list's order (start day); bad input is BAD_USER_INPUT; status and start day are served by indexes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProviderExitEntity } from '../../../subgraphs/providers/exits/provider-exit.entity';
import { BINCHENG, bureau, providerByCode } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { expectIndexUsed } from '../../setup/explain';
import { idsOf, walkList } from '../../setup/walk-list';

let subgraph: SubgraphForTest;
const UNICOM = providerByCode('P-UNICOM').id;
const CTYUN = providerByCode('P-CTYUN').id;

const exit = (providerId: string, regionCode: string, startedOn: string, completedOn: string | null) => ({
  id: randomUUID(),
  providerId,
  reason: 'EXPIRY' as const,
  regionCode,
  startedOn,
  transitionEndsOn: `${Number(startedOn.slice(0, 4)) + 1}${startedOn.slice(4)}`,
  status: completedOn ? ('COMPLETED' as const) : ('IN_TRANSITION' as const),
  completedOn,
  startedBy: 'test',
  completedBy: completedOn ? 'test' : null,
});
const EXITS = [
  exit(UNICOM, '371600', '2026-09-01', null),
  exit(CTYUN, BINCHENG, '2026-06-01', '2026-09-10'),
  exit(UNICOM, BINCHENG, '2026-03-01', '2026-06-05'),
];

beforeAll(async () => {
  subgraph = await startSubgraphForTest('providers', { seed: true });
  await subgraph.dataSource.getRepository(ProviderExitEntity).insert(EXITS);
});

afterAll(async () => {
  await subgraph?.stop();
});

interface Exit {
  id: string;
  status: string;
  startedOn: string;
  provider: { id: string };
}

const EXITS_QUERY = `query ($first: Int, $after: String, $filter: ProviderExitFilter) {
  providerExits(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id status startedOn provider { id } } }
  }
}`;

const exits = (filter?: object) => walkList<Exit>(subgraph, bureau, 'providerExits', EXITS_QUERY, { filter });

describe('providerExits(filter:)', () => {
  it('filters by statuses, provider, region and start days, each exactly, by start day', async () => {
    const ids = (keep: (row: (typeof EXITS)[number]) => boolean) =>
      EXITS.filter(keep)
        .map((row) => row.id)
        .sort();
    const cases: Array<[object, string[]]> = [
      [{}, ids(() => true)],
      [{ status: ['COMPLETED'] }, ids((row) => row.status === 'COMPLETED')],
      [{ status: [] }, ids(() => true)],
      [{ providerId: UNICOM }, ids((row) => row.providerId === UNICOM)],
      [{ regionCode: BINCHENG }, ids((row) => row.regionCode === BINCHENG)],
      [{ regionCode: BINCHENG, providerId: UNICOM }, [EXITS[2]!.id]],
      [{ startedFrom: '2026-06-01', startedTo: '2026-09-01' }, [EXITS[0]!.id, EXITS[1]!.id].sort()],
      [{ startedTo: '2026-05-31', status: ['COMPLETED'] }, [EXITS[2]!.id]],
    ];
    for (const [filter, expected] of cases) {
      const { nodes, totals } = await exits(filter);
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(expected);
      expect(totals[0]).toBe(nodes.length);
      const days = nodes.map((row) => row.startedOn);
      expect(days).toEqual([...days].sort());
    }
    const plain = await subgraph.query<{ providerExits: { totalCount: number } }>(
      bureau,
      `{ providerExits(status: IN_TRANSITION) { totalCount } }`,
    );
    expect(plain.data!.providerExits.totalCount).toBe(1);
  });

  it('refuses a code where an id belongs, an unknown region and a reversed range', async () => {
    for (const filter of [{ providerId: 'P-INSPUR' }, { regionCode: '999999' }, { startedFrom: '2026-02-01', startedTo: '2026-01-01' }]) {
      const result = await subgraph.query(bureau, EXITS_QUERY, { filter });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
  });

  it.each([
    [`SELECT id FROM providers.provider_exit WHERE status = 'COMPLETED'`, 'provider_exit_status_idx'],
    [`SELECT id FROM providers.provider_exit WHERE started_on >= DATE '2026-01-01'`, 'provider_exit_started_on_idx'],
  ])('%s uses %s', (sql, index) => expectIndexUsed(subgraph, sql, index));
});
