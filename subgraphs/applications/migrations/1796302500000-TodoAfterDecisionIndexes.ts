import { indexMigration, type IndexSpec } from '../../kit/index-migration';

/**
 * The to-do list's two steps after a decision (todo/todo-items.query.ts), each read in the list's
 * order along its own partial index, as the other branches are (migration 1796301900000):
 * CARRY_OUT_CHANGE by the day of approval for the centre and the chosen provider, RECORD_PROCUREMENT
 * by the day of acceptance within a unit.
 */
const INDEXES: readonly IndexSpec[] = [
  [
    'todo_approved_change_idx',
    'change_request',
    `(coalesce("decided_on", ("decided_at" AT TIME ZONE 'Asia/Shanghai')::date)), "id"`,
    `"status" = 'APPROVED'`,
  ],
  ['todo_record_procurement_idx', 'application', '"unit_id", "decided_on", "id"', `"status" = 'ACCEPTED' AND "decided_on" IS NOT NULL`],
];

export const TodoAfterDecisionIndexes1796302500000 = indexMigration('TodoAfterDecisionIndexes1796302500000', 'applications', INDEXES);
