import { connectionFromArray, type ConnectionArgs } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { RULES } from '../../kit/rules';
import type { ApplicationEntity } from '../lifecycle/application.entity';
import type { SystemMigrationEntity } from '../system-migrations/system-migration.entity';
import type { ApplicationsContext } from '../loaders';
import { TODO_KINDS, type TodoItem as TodoItemValue, type TodoKind } from './todo.rules';
import type { OverdueFlagEntity } from './overdue-flag.entity';
import { TodoService } from './todo.service';

export interface TodoListArgs extends ConnectionArgs {
  kind?: TodoKind | null;
}

/** The caller's to-do list, ordered by due date then id (待办, 第十一条–第十五条). */
async function todoItems(_: unknown, args: TodoListArgs, ctx: ApplicationsContext) {
  if (args.kind != null && !TODO_KINDS.includes(args.kind)) throw new BadUserInputError('待办类型 kind 无效', 'kind');
  const load = await new TodoService(ctx.dataSource, ctx.principal, ctx.scope).load(todayInChina());
  // The items' applications and systems are already loaded: their fields need no further query.
  for (const application of load.applications) ctx.loaders.applicationById.prime(application.id, application);
  for (const system of load.systems) ctx.loaders.systemById.prime(system.id, system);
  const migrations = new Map(load.migrations.map((migration) => [migration.id, migration]));
  const all = load.items.map((item) => ({ ...item, migration: item.migrationId ? migrations.get(item.migrationId) : undefined }));
  const items = args.kind == null ? all : all.filter((item) => item.kind === args.kind);
  return connectionFromArray(items, args, (item) => item.dueOn);
}

type ResolvedTodoItem = TodoItemValue & { migration?: SystemMigrationEntity };

const TodoItem = {
  application: (item: ResolvedTodoItem, _: unknown, ctx: ApplicationsContext) =>
    item.applicationId ? ctx.loaders.applicationById.load(item.applicationId) : null,
  systemMigration: (item: ResolvedTodoItem) => item.migration ?? null,
  system: (item: TodoItemValue, _: unknown, ctx: ApplicationsContext) => ctx.loaders.systemById.load(item.systemId),
};

const OverdueFlag = {
  article: (flag: OverdueFlagEntity) => RULES[flag.rule].article,
  flaggedAt: (flag: OverdueFlagEntity) => flag.flaggedAt.toISOString(),
};

/** The to-do list and the overdue flags the worker records (DECISION_5WD, TEST_30D, LEGACY_3M). */
export const todoResolvers = {
  Query: { todoItems },
  TodoItem,
  OverdueFlag,
  Application: {
    overdueFlags: async (application: ApplicationEntity, args: ConnectionArgs, ctx: ApplicationsContext) =>
      connectionFromArray(await ctx.loaders.overdueFlagsByApplicationId.load(application.id), args, (flag) => flag.dueOn),
  },
};
