import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { Role } from '../../kit/principal';
import type { OverdueRule } from './overdue-flag.entity';
import { allTodoItems, NO_TODO_CONDITIONS, type TodoConditions } from './todo-items.query';

const FLAGGED_RULES: readonly string[] = ['DECISION_5WD', 'TEST_30D', 'LEGACY_3M'] satisfies OverdueRule[];

/**
 * The scheduled job's work: finds, city-wide, the cases past their deadline by the same rules as
 * the to-do lists, in the same SQL (todo-items.query.ts): the bureau's decisions, the units' tests
 * and old systems, the providers' test environments; and records those not
 * yet recorded. Idempotent: one row per application, rule and deadline.
 * Returns how many new flags it recorded.
 */
export async function flagOverdue(dataSource: DataSource, today: string): Promise<number> {
  const scope = { kind: 'CITY' } as const;
  const overdue: TodoConditions = { ...NO_TODO_CONDITIONS, overdue: true };
  const found = [];
  for (const role of [Role.BUREAU, Role.USER_UNIT]) {
    const items = await allTodoItems({ dataSource, viewer: { role }, scope, today, conditions: overdue, external: [] });
    found.push(...items.filter((item) => item.rule !== null && FLAGGED_RULES.includes(item.rule)));
  }
  // TEST_30D: a late test environment is on its provider's own list, so each provider's is read.
  const providers: Array<{ id: string }> = await dataSource.query(
    `SELECT DISTINCT provider_id AS id FROM "applications"."application" WHERE status = 'PROCURED'`,
  );
  for (const { id } of providers) {
    const viewer = { role: Role.PROVIDER, providerId: id };
    const conditions = { ...overdue, kinds: new Set(['DELIVER_TEST_ENVIRONMENT'] as const) };
    found.push(...(await allTodoItems({ dataSource, viewer, scope, today, conditions, external: [] })));
  }
  if (found.length === 0) return 0;
  const inserted: unknown[] = await dataSource.query(
    `INSERT INTO "applications"."overdue_flag" ("id", "application_id", "system_id", "rule", "due_on")
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::uuid[], $4::text[], $5::date[])
     ON CONFLICT ("application_id", "rule", "due_on") DO NOTHING
     RETURNING "id"`,
    [
      found.map(() => randomUUID()),
      found.map((item) => item.applicationId),
      found.map((item) => item.systemId),
      found.map((item) => item.rule),
      found.map((item) => item.dueOn),
    ],
  );
  return inserted.length;
}
