// kit/child-connection.ts against real PostgreSQL, on a table of its own: pages of many parents'
// children in one statement, ascending or descending, with ties on the sort value broken by id the
// same way, every child once however the pages fall (issue 14).
import { randomUUID } from 'node:crypto';
import { Column, Entity, PrimaryColumn, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { childConnectionLoader, childPage } from '../../../subgraphs/kit/child-connection';
import type { Connection } from '../../../subgraphs/kit/connection';
import { createSubgraphDataSource, migrate, sqlCounterOf } from '../../../subgraphs/kit/data-source';
import { capturedStatements, limitedScans, nodeTypes, planOf } from '../../setup/child-page-plan';
import { createTestDatabase, type TestDatabase } from '../../setup/database';

@Entity({ name: 'child_row' })
class ChildRowEntity {
  @PrimaryColumn('uuid')
  id: string;

  @Column('uuid')
  parentId: string;

  @Column('date')
  day: string;
}

class CreateChildRow1796301200000 implements MigrationInterface {
  name = 'CreateChildRow1796301200000';
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "kit_child"."child_row" ("id" uuid PRIMARY KEY, "parent_id" uuid NOT NULL, "day" date NOT NULL)`);
    await queryRunner.query(`CREATE INDEX "child_row_parent_day_idx" ON "kit_child"."child_row" ("parent_id", "day", "id")`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "kit_child"."child_row"`);
  }
}

let database: TestDatabase;
let dataSource: DataSource;

/** Parent i has 3·i children over three days, so most days hold several children (ties). */
const parents = Array.from({ length: 5 }, () => randomUUID());
const rows = parents.flatMap((parentId, index) =>
  Array.from({ length: 3 * index }, (_, n) => ({ id: randomUUID(), parentId, day: `2026-11-0${1 + (n % 3)}` })),
);

beforeAll(async () => {
  database = await createTestDatabase({ from: 'empty' });
  dataSource = createSubgraphDataSource({
    url: database.migrationUrl,
    schema: 'kit_child',
    entities: [ChildRowEntity],
    migrations: [CreateChildRow1796301200000],
  });
  await migrate(dataSource);
  await dataSource.getRepository(ChildRowEntity).insert(rows);
});

afterAll(async () => {
  await dataSource?.destroy();
  await database?.drop();
});

function loader(direction?: 'ASC' | 'DESC') {
  return childConnectionLoader({
    query: () => dataSource.getRepository(ChildRowEntity).createQueryBuilder('row'),
    alias: 'row',
    parentColumn: 'parent_id',
    parentOf: (row) => row.parentId,
    sortExpression: 'row.day::text',
    sortValueOf: (row) => row.day,
    ...(direction ? { direction } : {}),
  });
}

/** Byte order of (day, id), as the "C" collation sorts text; reversed for DESC. */
function expected(parentId: string, direction: 'ASC' | 'DESC'): string[] {
  const key = (row: (typeof rows)[number]) => `${row.day}|${row.id}`;
  const sorted = rows
    .filter((row) => row.parentId === parentId)
    .sort((a, b) => Buffer.compare(Buffer.from(key(a)), Buffer.from(key(b))))
    .map((row) => row.id);
  return direction === 'ASC' ? sorted : sorted.reverse();
}

/** Every parent's children, `size` a page: each round loads the next page of every parent still going in one batch. */
async function walk(direction: 'ASC' | 'DESC' | undefined, size: number) {
  const seen = new Map<string, string[]>(parents.map((parent) => [parent, []]));
  const totals = new Map<string, number>();
  const statements: number[] = [];
  let cursors = new Map<string, string | null>(parents.map((parent) => [parent, null]));
  const counter = sqlCounterOf(dataSource);
  while (cursors.size > 0) {
    const pages = loader(direction);
    counter.reset();
    const batch = [...cursors].map(([parent, after]) => pages.load(childPage(parent, { first: size, after })));
    const connections: Array<Connection<ChildRowEntity>> = await Promise.all(batch);
    statements.push(counter.count);
    const next = new Map<string, string | null>();
    [...cursors.keys()].forEach((parent, index) => {
      const page = connections[index]!;
      expect(page.edges.length).toBeLessThanOrEqual(size);
      seen.get(parent)!.push(...page.edges.map((edge) => edge.node.id));
      if (typeof page.totalCount === 'number') totals.set(parent, page.totalCount);
      if (page.pageInfo.hasNextPage) next.set(parent, page.pageInfo.endCursor);
    });
    cursors = next;
  }
  return { seen, totals, statements };
}

describe('childConnectionLoader', () => {
  for (const direction of ['ASC', 'DESC'] as const) {
    it(`pages every parent's children ${direction === 'ASC' ? 'ascending' : 'descending'} with ties by id, each once, one statement a batch`, async () => {
      for (const size of [1, 2, 4, 20]) {
        const { seen, totals, statements } = await walk(direction, size);
        for (const parent of parents) {
          expect(seen.get(parent), `${direction} first: ${size}`).toEqual(expected(parent, direction));
          const total = totals.get(parent);
          if (total !== undefined) expect(total).toBe(expected(parent, direction).length);
        }
        // The first round has no cursor: one statement for five parents; later rounds group by cursor.
        expect(statements[0]).toBe(1);
      }
    });
  }

  it('is ascending without a direction', async () => {
    const { seen } = await walk(undefined, 3);
    for (const parent of parents) expect(seen.get(parent)).toEqual(expected(parent, 'ASC'));
  });

  it('counts a descending page of a parent with no child on it in one grouped statement', async () => {
    const pages = loader('DESC');
    const last = parents.at(-1)!;
    const first = await pages.load(childPage(last, { first: 100 }));
    const counter = sqlCounterOf(dataSource);
    counter.reset();
    const beyond = await pages.load(childPage(last, { first: 2, after: first.pageInfo.endCursor }));
    expect(beyond.edges).toEqual([]);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
    expect(typeof beyond.totalCount === 'function' ? await beyond.totalCount() : beyond.totalCount).toBe(expected(last, 'DESC').length);
    expect(counter.count).toBe(2);
  });

  it('pages each parent by LATERAL … LIMIT first + 1 on the (parent, sort, id) index, ranking no window over the batch', async () => {
    // One parent with many children, so reading them all would show.
    const crowded = randomUUID();
    await dataSource.getRepository(ChildRowEntity).insert(
      Array.from({ length: 400 }, (_, n) => ({
        id: randomUUID(),
        parentId: crowded,
        day: `2026-10-${String(1 + (n % 28)).padStart(2, '0')}`,
      })),
    );
    await dataSource.query('ANALYZE "kit_child"."child_row"');
    for (const direction of ['ASC', 'DESC'] as const) {
      const pages = loader(direction);
      const first = await pages.load(childPage(crowded, { first: 3 }));
      for (const after of [null, first.pageInfo.endCursor]) {
        const batch = loader(direction);
        const statements = await capturedStatements(dataSource, () =>
          Promise.all([crowded, ...parents].map((parent) => batch.load(childPage(parent, { first: 3, after })))),
        );
        expect(statements).toHaveLength(1);
        const plan = await planOf(dataSource, statements[0]!);
        expect(nodeTypes(plan), `${direction} after ${after}`).not.toContain('WindowAgg');
        const scans = limitedScans(plan, 'child_row');
        expect(scans.length, `${direction} after ${after}`).toBeGreaterThan(0);
        for (const scan of scans) {
          expect(scan.index, `${direction} after ${after}`).toBe('child_row_parent_day_idx');
          expect(scan.rowsPerLoop).toBeLessThanOrEqual(4);
        }
      }
    }
  });
});
