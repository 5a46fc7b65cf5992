import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/** Rows per INSERT: a wide entity times 500 stays well under PostgreSQL's 65535 bind parameters per statement. */
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts `rows` with multi-row INSERTs in slices (seeds load thousands of rows; one statement per
 * row is slow, one statement for all can exceed the bind-parameter limit). Runs in `manager`'s
 * transaction, so callers wrap a whole seed in one.
 */
export async function insertAll<T extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<T>,
  rows: readonly T[],
): Promise<void> {
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    await manager
      .createQueryBuilder()
      .insert()
      .into(target)
      .values(rows.slice(start, start + ROWS_PER_STATEMENT) as T[])
      .execute();
  }
}
