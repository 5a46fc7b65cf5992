import { indexMigration, type IndexSpec } from '../../kit/index-migration';

/**
 * A system's applications page by number; an exit's and a system's migrations by id.
 * Issue 14: a child page is `unnest(parents) CROSS JOIN LATERAL (… ORDER BY sort, id LIMIT first + 1)`
 * (kit/child-page-statement.ts), which walks a (parent, sort, id) index for at most `first + 1`
 * entries a parent instead of sorting every child of it.
 */
const INDEXES: readonly IndexSpec[] = [
  ['application_system_number_idx', 'application', '"system_id", "number"'],
  ['system_migration_exit_page_idx', 'system_migration', '"exit_id", "id"'],
  ['system_migration_system_page_idx', 'system_migration', '"system_id", "id"'],
];

export const ChildPageIndexes1796301600001 = indexMigration('ChildPageIndexes1796301600001', 'applications', INDEXES);
