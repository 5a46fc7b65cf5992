import { connectionFromArray } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { BadUserInputError, ErrorCode, GovCloudError } from '../../kit/errors';
import type { Principal } from '../../kit/principal';
import { RULES } from '../../kit/rules';
import { TodoKind, type OverdueFlagResolvers, type QueryResolvers, type Resolvers, type TodoItemResolvers } from '../generated/graphql';
import { alwaysVisible } from '../loaders';
import type { SystemMigrationEntity } from '../system-migrations/system-migration.entity';
import type { TodoItem as TodoItemValue } from './todo.rules';
import { TodoService } from './todo.service';
import type { AgreementEndsPortFor, AgreementInForce } from './agreement-ends-port';
import { agreementLevelOf, agreementTodoItems } from './todo-agreements.rules';
import { componentLogger } from '../../kit/log';

const TODO_KINDS: readonly string[] = Object.values(TodoKind);

/**
 * The caller's to-do list, ordered by due date then id (待办, 第九条、第十一条–第十五条). Agreements
 * nearing their end (TERM_MAX_3Y) are asked of the providers subgraph, which owns them.
 */
const todoItemsWith =
  (agreementEndsPortFor: AgreementEndsPortFor): QueryResolvers['todoItems'] =>
  async (_, args, ctx) => {
    if (args.kind != null && !TODO_KINDS.includes(args.kind)) throw new BadUserInputError('待办类型 kind 无效', 'kind');
    const today = todayInChina();
    const load = await new TodoService(ctx.dataSource, ctx.principal, ctx.scope).load(today);
    const level = agreementLevelOf({
      role: ctx.principal.role,
      regionCode: ctx.scope.kind === 'REGION' ? ctx.scope.regionCode : undefined,
    });
    if (level && (args.kind == null || args.kind === 'RENEW_AGREEMENT')) {
      load.items.push(...agreementTodoItems(await agreementsInForce(agreementEndsPortFor, ctx.principal, level), level, today));
    }
    // The items' applications and systems are already loaded: their fields need no further query.
    for (const application of load.applications) ctx.loaders.applicationById.prime(application.id, application);
    for (const system of load.systems) ctx.loaders.systemById.prime(system.id, system);
    const migrations = new Map(load.migrations.map((migration) => [migration.id, migration]));
    const all = load.items.map((item) => ({ ...item, migration: item.migrationId ? migrations.get(item.migrationId) : undefined }));
    const items = args.kind == null ? all : all.filter((item) => item.kind === args.kind);
    return connectionFromArray(items, args, (item) => item.dueOn);
  };

/**
 * A reminder, not a gate: while providers cannot be asked, the rest of the list (the bureau's
 * DECISION_5WD decisions among them) still shows, without the agreement items; the agreements list
 * itself still shows every end date. The designation check (DESIGNATED_PROVIDER) fails closed instead.
 */
async function agreementsInForce(portFor: AgreementEndsPortFor, principal: Principal, level: string): Promise<AgreementInForce[]> {
  try {
    return await portFor(principal).agreementsInForce(level);
  } catch (error) {
    if (!(error instanceof GovCloudError) || error.extensions.code !== ErrorCode.SERVICE_UNAVAILABLE) throw error;
    componentLogger('todo').warn(`agreements at ${level} could not be asked of providers (TERM_MAX_3Y items left out): ${error.message}`);
    return [];
  }
}

export type ResolvedTodoItem = TodoItemValue & { migration?: SystemMigrationEntity };

const TodoItem = {
  application: (item, _, ctx) => (item.applicationId ? ctx.loaders.applicationById.load(item.applicationId) : null),
  systemMigration: (item) => item.migration ?? null,
  agreement: (item) => (item.agreementId ? { id: item.agreementId } : null),
  system: (item, _, ctx) => (item.systemId ? alwaysVisible(ctx.loaders.systemById.load(item.systemId)) : null),
} satisfies TodoItemResolvers;

const OverdueFlag = {
  article: (flag) => RULES[flag.rule].article,
} satisfies OverdueFlagResolvers;

/** The to-do list and the overdue flags the worker records (DECISION_5WD, TEST_30D, LEGACY_3M). */
export const createTodoResolvers = (agreementEndsPortFor: AgreementEndsPortFor) =>
  ({
    Query: { todoItems: todoItemsWith(agreementEndsPortFor) },
    TodoItem,
    OverdueFlag,
    Application: {
      overdueFlags: async (application, args, ctx) =>
        connectionFromArray(await ctx.loaders.overdueFlagsByApplicationId.load(application.id), args, (flag) => flag.dueOn),
    },
  }) satisfies Resolvers;
