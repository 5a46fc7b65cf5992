import { indexMigration, type IndexSpec } from '../../kit/index-migration';

/**
 * Issue 14: each branch of the to-do list (todo/todo-items.query.ts) is read in the list's order
 * after the cursor, at most a page and one row more (todo/todo-keyset.ts). A partial index whose
 * predicate is the branch's WHERE and whose columns are its scope, due date and subject lets
 * PostgreSQL walk just those rows, in order, rather than sort every candidate application.
 */
const TERMINATING = `"status" = 'TERMINATING' AND "termination_reported_on" IS NOT NULL`;
const INDEXES: readonly IndexSpec[] = [
  // BUREAU: DECIDE_APPLICATION, NOTE_PRICE_ABOVE_CAP, DECIDE_CHANGE, NOTE_ABANDONED_APPLICATION; CENTER's termination steps.
  [
    'todo_decide_application_idx',
    'application',
    '"decision_due_on", "id"',
    `"status" IN ('SUBMITTED', 'FILED') AND "decision_due_on" IS NOT NULL`,
  ],
  ['todo_price_above_cap_idx', 'application', '"price_above_cap_since", "id"', '"price_above_cap_since" IS NOT NULL'],
  ['todo_pending_change_idx', 'change_request', `(("requested_at" AT TIME ZONE 'Asia/Shanghai')::date), "id"`, `"status" = 'PENDING'`],
  ['todo_terminating_idx', 'application', '"termination_reported_on", "id"', TERMINATING],
  ['todo_note_abandoned_idx', 'application', '"termination_reported_on", "id"', `${TERMINATING} AND "go_live_on" IS NULL`],
  // COUNTY_AUTHORITY: FILE_APPLICATION in its county.
  [
    'todo_file_application_idx',
    'application',
    '"region_code", "decision_due_on", "id"',
    `"filed_on" IS NULL AND "submitted_on" IS NOT NULL AND "status" <> 'DRAFT'`,
  ],
  // CENTER: CONFIRM_GO_LIVE, MIGRATE_SYSTEM, CLEAR_MIGRATED_DATA.
  ['todo_confirm_go_live_idx', 'application', '"test_ended_on", "id"', `"status" = 'TESTING' AND "test_ended_on" IS NOT NULL`],
  ['todo_migrate_system_idx', 'system_migration', '"due_on", "id"', `"status" = 'PENDING'`],
  ['todo_clear_migrated_data_idx', 'system_migration', '"due_on", "id"', `"status" = 'MIGRATED'`],
  // PROVIDER: its own DELIVER_TEST_ENVIRONMENT, termination steps and CLEAR_MIGRATED_DATA.
  [
    'todo_deliver_test_environment_idx',
    'application',
    '"provider_id", (coalesce("test_delivery_due_on", "procured_on")), "id"',
    `"status" = 'PROCURED' AND "procured_on" IS NOT NULL`,
  ],
  ['todo_provider_terminating_idx', 'application', '"provider_id", "termination_reported_on", "id"', TERMINATING],
  ['todo_provider_clear_migrated_data_idx', 'system_migration', '"provider_id", "due_on", "id"', `"status" = 'MIGRATED'`],
];

export const TodoIndexes1796301900000 = indexMigration('TodoIndexes1796301900000', 'applications', INDEXES);
