// systemMigrations(filter:) (第九条; issue 12): statuses, the exiting provider, region, exit, system, unit and
// due days, each exactly, in the list's order (id); bad input is BAD_USER_INPUT; status and due day are
// served by indexes.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SystemMigrationEntity } from '../../../subgraphs/applications/system-migrations/system-migration.entity';
import { BINCHENG, bureau, providerByCode, world } from '../../setup/principals';
import { startSubgraphForTest, type SubgraphForTest } from '../../setup/subgraph';
import { expectIndexUsed } from '../../setup/explain';
import { idsOf, walkList } from '../../setup/walk-list';

let subgraph: SubgraphForTest;
const INSPUR = providerByCode('P-INSPUR').id;
const exitA = randomUUID();
const exitB = randomUUID();
const [first, second, third] = [
  world.systems.find((system) => system.regionCode === BINCHENG)!,
  world.systems.find((system) => system.regionCode !== BINCHENG)!,
  world.systems.filter((system) => system.regionCode === BINCHENG)[1]!,
];

const migration = (exitId: string, system: (typeof world.systems)[number], dueOn: string, status: 'PENDING' | 'MIGRATED' | 'CLEARED') => ({
  id: randomUUID(),
  exitId,
  systemId: system.id,
  unitId: system.unitId,
  regionCode: system.regionCode,
  providerId: system.providerId!,
  dueOn,
  status,
  targetProviderId: status === 'PENDING' ? null : INSPUR,
  migratedOn: status === 'PENDING' ? null : '2026-10-01',
  migratedBy: status === 'PENDING' ? null : 'test',
  dataClearedOn: status === 'CLEARED' ? '2026-10-05' : null,
  dataClearedBy: status === 'CLEARED' ? 'test' : null,
  createdAt: new Date(),
});
const ROWS = [
  migration(exitA, first, '2026-12-01', 'PENDING'),
  migration(exitA, second, '2026-12-01', 'MIGRATED'),
  migration(exitB, third, '2027-03-01', 'CLEARED'),
];

beforeAll(async () => {
  subgraph = await startSubgraphForTest('applications', { seed: true });
  await subgraph.dataSource.getRepository(SystemMigrationEntity).insert(ROWS);
});

afterAll(async () => {
  await subgraph?.stop();
});

const LIST = `query ($first: Int, $after: String, $filter: SystemMigrationFilter) {
  systemMigrations(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } }
}`;

describe('systemMigrations(filter:)', () => {
  it('filters by statuses, provider, region, exit, system, unit and due days, each exactly, by id', async () => {
    const ids = (keep: (row: (typeof ROWS)[number]) => boolean) =>
      ROWS.filter(keep)
        .map((row) => row.id)
        .sort();
    const cases: Array<[object, string[]]> = [
      [{}, ids(() => true)],
      [{ status: ['MIGRATED', 'CLEARED'] }, ids((row) => row.status !== 'PENDING')],
      [{ status: [] }, ids(() => true)],
      [{ providerId: first.providerId }, ids((row) => row.providerId === first.providerId)],
      [{ regionCode: BINCHENG }, ids((row) => row.regionCode === BINCHENG)],
      [{ exitId: exitA }, ids((row) => row.exitId === exitA)],
      [{ systemId: second.id }, [ROWS[1]!.id]],
      [{ unitId: third.unitId, exitId: exitB }, [ROWS[2]!.id]],
      [{ dueFrom: '2027-01-01' }, [ROWS[2]!.id]],
      [{ dueFrom: '2026-12-01', dueTo: '2026-12-01', status: ['PENDING'] }, [ROWS[0]!.id]],
    ];
    for (const [filter, expected] of cases) {
      const { nodes, totals } = await walkList<{ id: string }>(subgraph, bureau, 'systemMigrations', LIST, { filter });
      expect(idsOf(nodes), JSON.stringify(filter)).toEqual(expected);
      expect(totals[0]).toBe(nodes.length);
      expect(nodes.map((row) => row.id)).toEqual(idsOf(nodes));
    }
  });

  it('refuses a code where an id belongs, an unknown region and a reversed range', async () => {
    for (const filter of [
      { providerId: 'P-INSPUR' },
      { unitId: 'U-371602-001' },
      { exitId: 'nope' },
      { regionCode: '999999' },
      { dueFrom: '2026-02-01', dueTo: '2026-01-01' },
    ]) {
      const result = await subgraph.query(bureau, LIST, { filter });
      expect(result.errors?.[0]?.extensions?.code, JSON.stringify(filter)).toBe('BAD_USER_INPUT');
    }
  });

  it.each([
    [`SELECT id FROM applications.system_migration WHERE status = 'CLEARED'`, 'system_migration_status_idx'],
    [`SELECT id FROM applications.system_migration WHERE due_on >= DATE '2026-01-01'`, 'system_migration_due_on_idx'],
  ])('%s uses %s', (sql, index) => expectIndexUsed(subgraph, sql, index));
});
