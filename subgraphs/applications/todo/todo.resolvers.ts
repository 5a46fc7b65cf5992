import { connectionFromArray } from '../../kit/connection';
import { todayInChina } from '../../kit/dates';
import { BadUserInputError } from '../../kit/errors';
import { RULES } from '../../kit/rules';
import { TodoKind, type OverdueFlagResolvers, type QueryResolvers, type Resolvers, type TodoItemResolvers } from '../generated/graphql';
import { alwaysVisible } from '../loaders';
import type { SystemMigrationEntity } from '../system-migrations/system-migration.entity';
import type { TodoItem as TodoItemValue } from './todo.rules';
import { TodoService } from './todo.service';

const TODO_KINDS: readonly string[] = Object.values(TodoKind);

/** The caller's to-do list, ordered by due date then id (待办, 第十一条–第十五条). */
const todoItems: QueryResolvers['todoItems'] = async (_, args, ctx) => {
  if (args.kind != null && !TODO_KINDS.includes(args.kind)) throw new BadUserInputError('待办类型 kind 无效', 'kind');
  const load = await new TodoService(ctx.dataSource, ctx.principal, ctx.scope).load(todayInChina());
  // The items' applications and systems are already loaded: their fields need no further query.
  for (const application of load.applications) ctx.loaders.applicationById.prime(application.id, application);
  for (const system of load.systems) ctx.loaders.systemById.prime(system.id, system);
  const migrations = new Map(load.migrations.map((migration) => [migration.id, migration]));
  const all = load.items.map((item) => ({ ...item, migration: item.migrationId ? migrations.get(item.migrationId) : undefined }));
  const items = args.kind == null ? all : all.filter((item) => item.kind === args.kind);
  return connectionFromArray(items, args, (item) => item.dueOn);
};

export type ResolvedTodoItem = TodoItemValue & { migration?: SystemMigrationEntity };

const TodoItem = {
  application: (item, _, ctx) => (item.applicationId ? ctx.loaders.applicationById.load(item.applicationId) : null),
  systemMigration: (item) => item.migration ?? null,
  system: (item, _, ctx) => alwaysVisible(ctx.loaders.systemById.load(item.systemId)),
} satisfies TodoItemResolvers;

const OverdueFlag = {
  article: (flag) => RULES[flag.rule].article,
} satisfies OverdueFlagResolvers;

/** The to-do list and the overdue flags the worker records (DECISION_5WD, TEST_30D, LEGACY_3M). */
export const todoResolvers = {
  Query: { todoItems },
  TodoItem,
  OverdueFlag,
  Application: {
    overdueFlags: async (application, args, ctx) =>
      connectionFromArray(await ctx.loaders.overdueFlagsByApplicationId.load(application.id), args, (flag) => flag.dueOn),
  },
} satisfies Resolvers;
